/**
 * The API contract between the renderer and the main side. One map of
 * channel → request/response schema; the preload bridge, the IPC binding, the
 * WebSocket binding and the renderer client are all typed from it, and the
 * main side validates every payload against it before a service sees it.
 */
import { z } from 'zod';
import { ALL_ROLES, ROLES, emptyRequest, event, method, okResponse, type Role } from './api-core';
import { CALL_EVENTS, CALL_METHODS } from './api/calls';
import { CARD_EVENTS, CARD_METHODS } from './api/cards';
import { PRINTING_EVENTS, PRINTING_METHODS } from './api/printing';
import { SYNC_EVENTS, SYNC_METHODS } from './api/sync';

export { ROLES, type Role };

export const settingsSchema = z.object({
  companyName: z.string().min(1).max(80),
  companyNameEn: z.string().min(1).max(80),
  /** K15: idle prompt after this many seconds, then a countdown before the reset. */
  kioskIdleSeconds: z.number().int().min(15).max(600),
  kioskCountdownSeconds: z.number().int().min(5).max(120),
  /** Seconds after the "done" screen before the kiosk returns to welcome (K15: 10–15 s). */
  kioskDoneSeconds: z.number().int().min(5).max(60),
  /** K2: the kiosk panel's visible height and the height of its lower edge above the floor, in mm. */
  kioskPanelHeightMm: z.number().int().min(100).max(2500),
  kioskPanelBottomMm: z.number().int().min(0).max(2000),
  /** Minutes a host has to acknowledge before the desk is asked to escalate (R-V5). */
  hostAckMinutes: z.number().int().min(1).max(60),
  holidays: z.array(z.iso.date()),
  workingWeekends: z.array(z.iso.date()),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEVICE_KINDS = ['pbx', 'cardEncoder', 'badgePrinter'] as const;
export const DEVICE_STATES = ['absent', 'simulated', 'connected', 'disconnected'] as const;
export const deviceStatusSchema = z.object({
  kind: z.enum(DEVICE_KINDS),
  state: z.enum(DEVICE_STATES),
  detail: z.string(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const appInfoSchema = z.object({
  role: z.enum(ROLES),
  version: z.string(),
  /** Changes when the data folder is new: the renderer then starts from fresh demo data. */
  installId: z.string(),
  transport: z.enum(['ipc', 'websocket']),
  demo: z.boolean(),
  settings: settingsSchema,
  devices: z.array(deviceStatusSchema),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const NOTIFY_CHANNELS = ['console', 'mail', 'wecom', 'dingtalk', 'webhook'] as const;
export const hostNoticeSchema = z.object({
  visitId: z.string().min(1).max(64),
  hostId: z.string().min(1).max(64),
  hostName: z.string().min(1).max(64),
  hostExt: z.string().max(16),
  visitorName: z.string().min(1).max(64),
  company: z.string().max(128),
});
export type HostNotice = z.infer<typeof hostNoticeSchema>;
export const hostNoticeResultSchema = z.object({
  channels: z.array(
    z.object({
      channel: z.enum(NOTIFY_CHANNELS),
      status: z.enum(['sent', 'skipped', 'failed']),
      detail: z.string(),
    }),
  ),
});
export type HostNoticeResult = z.infer<typeof hostNoticeResultSchema>;

export const logEntrySchema = z.object({
  level: z.enum(['info', 'warn', 'error']),
  message: z.string().max(4000),
});

const empty = emptyRequest;
const ok = okResponse;
const ALL = ALL_ROLES;

/** Every call the renderer may make, with the window roles allowed to make it. */
export const METHODS = {
  'app:info': method(empty, appInfoSchema, ALL),
  'app:log': method(logEntrySchema, ok, ALL),
  'settings:get': method(empty, settingsSchema, ['console', 'cards']),
  'settings:update': method(settingsSchema.partial().strict(), settingsSchema, ['console']),
  'visits:notifyHost': method(hostNoticeSchema, hostNoticeResultSchema, ['kiosk', 'console']),
  ...CALL_METHODS,
  ...PRINTING_METHODS,
  ...CARD_METHODS,
  ...SYNC_METHODS,
} as const;

export type Channel = keyof typeof METHODS;
export type Request<C extends Channel> = z.input<(typeof METHODS)[C]['request']>;
export type Response<C extends Channel> = z.output<(typeof METHODS)[C]['response']>;

/** Every event the main side pushes, with the roles that receive it. */
export const EVENTS = {
  'devices:status': event(z.array(deviceStatusSchema), ALL),
  'settings:changed': event(settingsSchema, ALL),
  'visits:hostNotified': event(z.object({ visitId: z.string() }).extend(hostNoticeResultSchema.shape), ['console']),
  ...CALL_EVENTS,
  ...PRINTING_EVENTS,
  ...CARD_EVENTS,
  ...SYNC_EVENTS,
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]['payload']>;

export const API_ERROR_CODES = ['validation', 'forbidden', 'unknownChannel', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** An error the renderer can explain: a code, a message, and for validation the fields at fault. */
export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  issues?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

/** What the renderer sees as `window.frontdesk`: the same shape over IPC and WebSocket. */
export interface FrontdeskBridge {
  call<C extends Channel>(channel: C, request: Request<C>): Promise<ApiResult<Response<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(METHODS, name);
}
