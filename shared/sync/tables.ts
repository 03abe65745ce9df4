/**
 * What each synced table holds (its zod record schema) and what each role may
 * read and write. The hub enforces this on every push and pull; it is shared
 * so the renderer can explain a refusal before it even pushes.
 */
import type { z } from 'zod';
import {
  alertSchema,
  appointmentSchema,
  auditEntrySchema,
  staffSchema,
  visitSchema,
  watchEntrySchema,
} from '../domain/visit';
import { cardApplicationSchema, cardAuditSchema, cardSchema, cardUploadSchema, workVisitSchema } from '../domain/card';
import { handoverSheetSchema, passIssueSchema, passSchema } from '../domain/pass';
import {
  emergencyNumberSchema,
  pbxFaultSchema,
  phoneMessageSchema,
  smdrLineSchema,
  storedCallSchema,
  tariffSchema,
  tenantSchema,
} from '../domain/switchboard';
import type { SyncTable } from './protocol';

export const TABLE_SCHEMAS = {
  visits: visitSchema,
  appointments: appointmentSchema,
  staff: staffSchema,
  watchlist: watchEntrySchema,
  alerts: alertSchema,
  audit: auditEntrySchema,
  calls: storedCallSchema,
  smdrLines: smdrLineSchema,
  messages: phoneMessageSchema,
  tenants: tenantSchema,
  emergencyNumbers: emergencyNumberSchema,
  tariffs: tariffSchema,
  pbxFaults: pbxFaultSchema,
  passes: passSchema,
  passIssues: passIssueSchema,
  handoverSheets: handoverSheetSchema,
  cardApplications: cardApplicationSchema,
  cards: cardSchema,
  cardUploads: cardUploadSchema,
  workVisits: workVisitSchema,
  cardAudit: cardAuditSchema,
} as const satisfies Record<SyncTable, z.ZodObject>;

export const HUB_ROLES = ['kiosk', 'receptionist', 'supervisor', 'guard', 'sales', 'admin'] as const;
export type HubRole = (typeof HUB_ROLES)[number];
export const CONSOLE_ROLES = ['receptionist', 'supervisor', 'guard', 'sales', 'admin'] as const satisfies readonly HubRole[];

/**
 * - read: `all`, `today` (rows whose `expectedAt` falls on the hub's today),
 *   `own` (rows this device or user created) or `none`;
 * - hidden: fields never sent to this role (the kiosk never sees staff phones);
 * - write: `all`, `own` (rows this device or user created), `fields` (only
 *   `writableFields` of existing rows) or `none`;
 * - remove: may delete/restore rows.
 */
export interface TableScope {
  read: 'all' | 'today' | 'own' | 'none';
  hidden?: readonly string[];
  write: 'all' | 'own' | 'fields' | 'none';
  writableFields?: readonly string[];
  remove?: boolean;
}
export type RoleScope = Record<SyncTable, TableScope>;

const READ_ONLY: TableScope = { read: 'all', write: 'none' };
const EDIT: TableScope = { read: 'all', write: 'all' };
const MANAGE: TableScope = { read: 'all', write: 'all', remove: true };

const NONE: TableScope = { read: 'none', write: 'none' };
/** The hash-chained card audit (R-K5): appended, never removed (merge.ts refuses edits of an entry). */
const APPEND: TableScope = { read: 'all', write: 'all' };

/** The same scope for a group of tables (fromEntries loses the key type, hence the one cast). */
const each = <K extends SyncTable>(tables: readonly K[], scope: TableScope): Record<K, TableScope> =>
  Object.fromEntries(tables.map((t) => [t, scope])) as Record<K, TableScope>;

const SWITCHBOARD = ['calls', 'smdrLines', 'messages', 'tenants', 'emergencyNumbers', 'tariffs', 'pbxFaults'] as const satisfies readonly SyncTable[];
const PASSES = ['passes', 'passIssues', 'handoverSheets'] as const satisfies readonly SyncTable[];
const CARDS = ['cardApplications', 'cards', 'cardUploads', 'workVisits'] as const satisfies readonly SyncTable[];
const NOTHING_OF_THE_DESK = { ...each(SWITCHBOARD, NONE), ...each(PASSES, NONE), ...each(CARDS, NONE), cardAudit: NONE };

export const ROLE_SCOPES: Record<HubRole, RoleScope> = {
  // A kiosk sees today's appointments and the host directory without phone
  // fields, pushes only its own sign-ins, sign-outs and survey answers (and
  // links an appointment to the visit it became); it never reads the register.
  kiosk: {
    // Its own visits come back (a desk sign-out reaches the kiosk that signed them in); nobody else's.
    visits: { read: 'own', write: 'own' },
    appointments: { read: 'today', write: 'fields', writableFields: ['visitId', 'updatedAt'] },
    staff: { read: 'all', hidden: ['ext', 'mobile', 'email'], write: 'none' },
    // The deny list is enforced at the kiosk (R-V7, offline too), so it needs the
    // entries to match against, but never the reason or who added them.
    watchlist: { read: 'all', hidden: ['reason', 'addedBy'], write: 'none' },
    alerts: { read: 'none', write: 'own' },
    audit: { read: 'none', write: 'own' },
    // Calls, passes and cards are the desk's business (R-S1: nothing but its own sign-in flow).
    ...NOTHING_OF_THE_DESK,
  },
  // The desk answers calls, hands out passes and makes cards (R-C*, R-P*, R-K3).
  receptionist: {
    visits: EDIT,
    appointments: EDIT,
    staff: READ_ONLY,
    watchlist: EDIT,
    alerts: EDIT,
    audit: EDIT,
    ...each(SWITCHBOARD, EDIT),
    ...each(PASSES, EDIT),
    ...each(CARDS, EDIT),
    cardAudit: APPEND,
  },
  supervisor: {
    visits: MANAGE,
    appointments: MANAGE,
    staff: READ_ONLY,
    watchlist: MANAGE,
    alerts: MANAGE,
    audit: EDIT,
    ...each(SWITCHBOARD, MANAGE),
    ...each(PASSES, MANAGE),
    ...each(CARDS, MANAGE),
    cardAudit: APPEND,
  },
  // The machine-room guard checks passes and work visits and countersigns the
  // handover sheet (R-P3); it may check a card's holder, not their ID number or phone.
  guard: {
    visits: EDIT,
    appointments: READ_ONLY,
    staff: READ_ONLY,
    watchlist: READ_ONLY,
    alerts: EDIT,
    audit: EDIT,
    ...each(SWITCHBOARD, NONE),
    passes: READ_ONLY,
    passIssues: READ_ONLY,
    handoverSheets: {
      read: 'all',
      write: 'fields',
      writableFields: ['guardName', 'guardSignature', 'guardNumbers', 'mismatch', 'explanation', 'signedAt', 'updatedAt'],
    },
    cardApplications: NONE,
    cards: { read: 'all', hidden: ['idNumber', 'phone', 'encoded'], write: 'none' },
    cardUploads: NONE,
    workVisits: READ_ONLY,
    cardAudit: NONE,
  },
  // Sales fills applications and asks for revocations (R-K2, R-K4); it never sees calls or passes.
  sales: {
    visits: { read: 'none', write: 'none' },
    appointments: EDIT,
    staff: READ_ONLY,
    watchlist: { read: 'none', write: 'none' },
    alerts: { read: 'none', write: 'none' },
    audit: EDIT,
    ...each(SWITCHBOARD, NONE),
    ...each(PASSES, NONE),
    cardApplications: EDIT,
    cards: EDIT,
    cardUploads: NONE,
    workVisits: NONE,
    // Its own steps are chained by its own client (card audit chains are per desk).
    cardAudit: { read: 'own', write: 'own' },
  },
  admin: {
    visits: MANAGE,
    appointments: MANAGE,
    staff: MANAGE,
    watchlist: MANAGE,
    alerts: MANAGE,
    audit: EDIT,
    ...each(SWITCHBOARD, MANAGE),
    ...each(PASSES, MANAGE),
    ...each(CARDS, MANAGE),
    cardAudit: APPEND,
  },
};

/** Fields kept on the client only (search terms, day index); the hub never stores them. */
export const LOCAL_ONLY_FIELDS: Partial<Record<SyncTable, readonly string[]>> = { visits: ['terms', 'day'] };
