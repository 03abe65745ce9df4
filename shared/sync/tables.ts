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
import type { SyncTable } from './protocol';

export const TABLE_SCHEMAS = {
  visits: visitSchema,
  appointments: appointmentSchema,
  staff: staffSchema,
  watchlist: watchEntrySchema,
  alerts: alertSchema,
  audit: auditEntrySchema,
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
  },
  receptionist: { visits: EDIT, appointments: EDIT, staff: READ_ONLY, watchlist: EDIT, alerts: EDIT, audit: EDIT },
  supervisor: { visits: MANAGE, appointments: MANAGE, staff: READ_ONLY, watchlist: MANAGE, alerts: MANAGE, audit: EDIT },
  guard: { visits: EDIT, appointments: READ_ONLY, staff: READ_ONLY, watchlist: READ_ONLY, alerts: EDIT, audit: EDIT },
  sales: {
    visits: { read: 'none', write: 'none' },
    appointments: EDIT,
    staff: READ_ONLY,
    watchlist: { read: 'none', write: 'none' },
    alerts: { read: 'none', write: 'none' },
    audit: EDIT,
  },
  admin: { visits: MANAGE, appointments: MANAGE, staff: MANAGE, watchlist: MANAGE, alerts: MANAGE, audit: EDIT },
};

/** Fields kept on the client only (search terms, day index); the hub never stores them. */
export const LOCAL_ONLY_FIELDS: Partial<Record<SyncTable, readonly string[]>> = { visits: ['terms', 'day'] };
