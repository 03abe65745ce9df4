/** Test data and a tiny HTTP client for the hub tests. */
import type { Visit, Appointment, Staff } from '../../../shared/domain/visit';
import type { IdCard } from '../../../shared/domain/card';
import type { HandoverSheet, Pass } from '../../../shared/domain/pass';
import type { Tenant } from '../../../shared/domain/switchboard';
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

export function pass(id: string, over: Partial<Pass> = {}): Pass {
  return { id, number: '0001', state: 'inStock', issueId: null, lostAt: null, lostBy: null, lostNote: null, createdAt: iso(T0), updatedAt: iso(T0), ...over };
}

export function card(id: string, over: Partial<IdCard> = {}): IdCard {
  return {
    id,
    applicationId: `app-${id}`,
    number: `P-${id.replace(/\D/g, '').padStart(8, '0').slice(-8)}`,
    numberFinal: false,
    medium: 'msr605x',
    encoded: '6200000001=2812',
    holderName: '赵六',
    company: 'ACME 托管',
    idType: 'resident',
    idNumber: '110105194912310029',
    phone: '13800000000',
    areas: 'A1-A3',
    validFrom: '2026-11-22',
    validTo: '2028-12-31',
    salesRep: '钱七',
    state: 'made',
    device: 'MSR605X',
    madeAt: iso(T0),
    madeBy: 'desk',
    uploadedAt: null,
    uploadedBy: null,
    uploadAnswer: null,
    revokeReason: null,
    revokeRequestedBy: null,
    revokeRequestedAt: null,
    revokeMailAt: null,
    revokeMailBy: null,
    revokeMailTo: null,
    revokeConfirmedAt: null,
    revokeConfirmedBy: null,
    updatedAt: iso(T0),
    ...over,
  };
}

export function handoverSheet(id: string, over: Partial<HandoverSheet> = {}): HandoverSheet {
  return {
    id,
    day: '2026-11-21',
    number: `临-20261121-${id.slice(0, 4).toUpperCase()}`,
    finalNumber: null,
    issuedNumbers: ['0001'],
    returnedNumbers: ['0001'],
    outNumbers: [],
    guardNumbers: ['0001'],
    mismatch: false,
    explanation: '',
    receptionistName: '李娜',
    receptionistSignature: 'data:image/png;base64,AAAA',
    guardName: '周八',
    guardSignature: 'data:image/png;base64,BBBB',
    signedAt: iso(T0),
    printedAt: null,
    createdAt: iso(T0),
    updatedAt: iso(T0),
    ...over,
  };
}

export function tenant(id: string): Tenant {
  return {
    id,
    name: '数据港',
    nameEn: 'Data Port',
    pinyin: 'shujugang',
    initials: 'sjg',
    unit: 'B-301',
    contactName: '孙九',
    contactPhone: '13600000000',
    emergencyName: '孙九',
    emergencyPhone: '13600000000',
    exts: ['8301'],
    updatedAt: iso(T0),
  };
}
