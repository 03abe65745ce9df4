import Dexie, { type EntityTable } from 'dexie';
import type {
  Alert,
  Appointment,
  AuditEntry,
  Staff,
  Visit,
  WatchEntry,
} from '../../shared/domain/visit';
import type { CardApplication, CardAuditEntry, CardUpload, IdCard, WorkVisit } from '../../shared/domain/card';
import type { DoorEvent } from '../../shared/cards/door-log';
import type { HandoverSheet, Pass, PassIssue } from '../../shared/domain/pass';
import type { EmergencyNumber, PbxFault, PhoneMessage, SmdrLine, StoredCall, Tariff, Tenant } from '../../shared/domain/switchboard';

/** One row of the outbox: a change made here that the hub has not yet acknowledged. */
export interface OutboxRow {
  /** Local, gap-free order of this client's mutations (the sync issue's client sequence). */
  seq?: number;
  mutationId: string;
  table: SyncedTable;
  op: 'put' | 'delete';
  key: string;
  value: unknown;
  at: string;
  /** HLC stamp of the write (sync): orders it against other replicas' writes field by field. */
  hlc?: string;
  /**
   * The wire sequence under the current client id, gap-free (assigned in the
   * write's own transaction from meta, so an aborted write leaves no hole).
   * Absent for tables the hub does not sync yet: those rows stay local.
   */
  clientSeq?: number;
  /** This replica's row after the write: `new`, exactly `value`; `overlay`, the row before with `value` over it (protocol.ts). */
  local?: 'new' | 'overlay';
}

/** A change the hub refused for good, kept so the console can show what and why (sync). */
export interface SyncRejectRow {
  mutationId: string;
  table: string;
  key: string;
  reason: string;
  message: string;
  at: string;
}

export interface MetaRow {
  key: string;
  value: string;
}

/** Search terms are kept beside a visit so the register can be searched by index, not by scan. */
export interface VisitRow extends Visit {
  terms: string[];
  day: string;
}

/** Tables whose changes go through commit() and the outbox. One per line: features add theirs. */
export const SYNCED_TABLES = [
  'visits',
  'appointments',
  'staff',
  'watchlist',
  'alerts',
  'audit',
  // switchboard (calls, messages)
  'calls',
  'smdrLines',
  'messages',
  'tenants',
  'emergencyNumbers',
  'tariffs',
  'pbxFaults',
  // passes and badge printing
  'passes',
  'passIssues',
  'handoverSheets',
  // cards
  'cardApplications',
  'cards',
  'cardUploads',
  'workVisits',
  'cardAudit',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** One door event; the id is its content, so importing the same log twice stores each event once. */
export type DoorEventRow = DoorEvent & { id: string; importedAt: string; file: string };

export class FrontdeskDb extends Dexie {
  visits!: EntityTable<VisitRow, 'id'>;
  appointments!: EntityTable<Appointment, 'id'>;
  staff!: EntityTable<Staff, 'id'>;
  watchlist!: EntityTable<WatchEntry, 'id'>;
  alerts!: EntityTable<Alert, 'id'>;
  audit!: EntityTable<AuditEntry, 'id'>;
  // switchboard (calls, messages)
  calls!: EntityTable<StoredCall, 'id'>;
  smdrLines!: EntityTable<SmdrLine, 'id'>;
  messages!: EntityTable<PhoneMessage, 'id'>;
  tenants!: EntityTable<Tenant, 'id'>;
  emergencyNumbers!: EntityTable<EmergencyNumber, 'id'>;
  tariffs!: EntityTable<Tariff, 'id'>;
  pbxFaults!: EntityTable<PbxFault, 'id'>;
  passes!: EntityTable<Pass, 'id'>;
  passIssues!: EntityTable<PassIssue, 'id'>;
  handoverSheets!: EntityTable<HandoverSheet, 'id'>;
  // cards
  cardApplications!: EntityTable<CardApplication, 'id'>;
  cards!: EntityTable<IdCard, 'id'>;
  cardUploads!: EntityTable<CardUpload, 'id'>;
  workVisits!: EntityTable<WorkVisit, 'id'>;
  cardAudit!: EntityTable<CardAuditEntry, 'id'>;
  /** The access system's door events, imported at this desk (local: never synced; the import is in the card audit chain). */
  doorEvents!: EntityTable<DoorEventRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  syncRejects!: EntityTable<SyncRejectRow, 'mutationId'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'frontdesk') {
    super(name);
    // v1. Add a new version() for every change; never edit this one after release.
    this.version(1).stores({
      visits: 'id, state, day, badgeCode, visitorId, hostId, phone, idNumber, appointmentId, *terms',
      appointments: 'id, &code, hostId, expectedAt',
      staff: 'id, dept, ext',
      watchlist: 'id, idNumber, phone, name',
      alerts: 'id, visitId, kind, ackAt, createdAt',
      audit: 'id, at, entity, entityId',
      outbox: '++seq, &mutationId, table',
      meta: 'key',
    });
    // v2, not yet released: each feature adds its tables on its own lines.
    this.version(2).stores({
      // switchboard (calls, messages)
      calls: 'id, seq, day, ext, number, direction, callback',
      smdrLines: 'id, seq',
      messages: 'id, createdAt, forStaffId, state',
      tenants: 'id, unit',
      emergencyNumbers: 'id, order',
      tariffs: 'id, prefix',
      pbxFaults: 'id, at',
      // passes and badge printing
      passes: 'id, &number, state',
      passIssues: 'id, passId, visitId, day, returnedAt',
      handoverSheets: 'id, &day',
      // cards
      cardApplications: 'id, state, createdAt',
      cards: 'id, &number, applicationId, state, madeAt',
      cardUploads: 'id, cardId, state',
      workVisits: 'id, state, approvedAt, timeIn',
      cardAudit: 'id, [chain+seq], entityId, at',
      doorEvents: 'id, at, credential',
      // sync
      syncRejects: 'mutationId, at',
    });
    // v3. The outbox by clientSeq: rows that go to the hub, counted and found without a cursor
    // over every waiting row (a kiosk back online holds thousands; IndexedDB leaves rows
    // without a clientSeq — local-only tables — out of the index).
    this.version(3).stores({
      outbox: '++seq, &mutationId, table, clientSeq',
    });
  }
}

export const db = new FrontdeskDb();
