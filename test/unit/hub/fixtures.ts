/** Test data and a tiny HTTP client for the hub tests. */
import type { Visit, Appointment, Staff } from '../../../shared/domain/visit';
import { HybridClock } from '../../../shared/sync/hlc';
import { SYNC_SCHEMA_VERSION, type Mutation, type SyncTable } from '../../../shared/sync/protocol';

export const T0 = Date.parse('2026-11-22T09:00:00+08:00');
const iso = (ms: number): string => new Date(ms).toISOString();

export function visit(id: string, over: Partial<Visit> = {}): Visit {
  return {
    id,
    visitorId: `v-${id}`,
    name: '王五',
    company: 'ACME',
    phone: '13800000000',
    idType: 'resident',
    idNumber: '110105194912310029',
    category: 'business',
    purpose: 'meeting',
    hostId: 's1',
    hostName: '张三',
    hostDept: 'IT',
    hostExt: '8001',
    state: 'onSite',
    badgeCode: 'B1',
    escortRequired: true,
    appointmentId: null,
    expectedAt: null,
    expectedEnd: null,
    signedInAt: iso(T0),
    signedInBy: 'kiosk',
    signedOutAt: null,
    signedOutBy: null,
    signOutReason: null,
    ndaSignedAt: null,
    ndaSignature: null,
    photo: null,
    surveyScore: null,
    surveyComment: null,
    createdAt: iso(T0),
    updatedAt: iso(T0),
    ...over,
  };
}

export function appointment(id: string, expectedAtMs: number, over: Partial<Appointment> = {}): Appointment {
  return {
    id,
    code: '100001',
    name: '李四',
    company: 'ACME',
    phone: '13900000000',
    idType: 'resident',
    idNumber: '110105194912310029',
    category: 'business',
    purpose: 'meeting',
    hostId: 's1',
    expectedAt: iso(expectedAtMs),
    expectedEnd: iso(expectedAtMs + 3600_000),
    vip: false,
    approval: 'notRequired',
    approvalNote: '',
    approvedBy: null,
    approvedAt: null,
    visitId: null,
    cancelled: false,
    createdBy: 'desk',
    createdAt: iso(T0),
    updatedAt: iso(T0),
    ...over,
  };
}

export function staff(id: string): Staff {
  return {
    id,
    name: '张三',
    nameEn: 'Zhang San',
    pinyin: 'zhangsan',
    initials: 'zs',
    dept: 'IT',
    deptEn: 'IT',
    ext: '8001',
    mobile: '13700000000',
    email: 'zs@example.com',
    updatedAt: iso(T0),
  };
}

/** A client's outbox, numbering mutations gap-free and stamping them with its own HLC. */
export class TestOutbox {
  readonly clock: HybridClock;
  private seq = 0;
  constructor(
    readonly clientId: string,
    now: () => number = Date.now,
  ) {
    this.clock = new HybridClock(clientId, now);
  }
  put(table: SyncTable, key: string, value: Record<string, unknown>): Mutation {
    return this.make(table, 'put', key, value);
  }
  delete(table: SyncTable, key: string): Mutation {
    return this.make(table, 'delete', key, null);
  }
  restore(table: SyncTable, key: string): Mutation {
    return this.make(table, 'restore', key, null);
  }
  private make(table: SyncTable, op: Mutation['op'], key: string, value: Record<string, unknown> | null): Mutation {
    this.seq += 1;
    return { clientSeq: this.seq, mutationId: `${this.clientId}-${this.seq}`, table, op, key, value, hlc: this.clock.tick() };
  }
  push(mutations: Mutation[]): object {
    return { schemaVersion: SYNC_SCHEMA_VERSION, clientId: this.clientId, hlc: this.clock.tick(), mutations };
  }
  pull(cursor: number, epoch: string | null, limit = 100): object {
    return { schemaVersion: SYNC_SCHEMA_VERSION, clientId: this.clientId, epoch, cursor, limit };
  }
}

export interface Reply<T> {
  status: number;
  body: T;
}

export async function call<T = Record<string, unknown>>(base: string, path: string, body?: object, token?: string): Promise<Reply<T>> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}
