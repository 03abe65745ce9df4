/**
 * The building blocks of the API contract: window roles and the `method`
 * helper each feature's contract file (shared/api/*.ts) uses.
 */
import { z } from 'zod';

export const ROLES = ['kiosk', 'console', 'cards'] as const;
export type Role = (typeof ROLES)[number];

export const ALL_ROLES: readonly Role[] = ROLES;

/** A request → response pair and the window roles allowed to make the call. */
export function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res, roles: readonly Role[]) {
  return { request, response, roles };
}

/** An event pushed by the main side and the window roles that receive it. */
export function event<P extends z.ZodType>(payload: P, roles: readonly Role[]) {
  return { payload, roles };
}

export const emptyRequest = z.object({}).strict();
export const okResponse = z.object({ ok: z.literal(true) });
