import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HubError } from './errors';

/** Largest request body: 500 mutations with badge photos fit well below it (sync.md B.5.3 step 5). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  return parseBody(await readBody(req), schema);
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HubError('tooLarge', 'Send fewer mutations per push');
    chunks.push(buf);
  }
  let body: unknown;
  try {
    body = chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HubError('validation', 'The body is not JSON');
  }
  return body;
}

export function parseBody<S extends z.ZodType>(body: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError('validation', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The renderer (app:// origin, or browser mode on another port) calls the hub
 * cross-origin. Any origin may call: access rides on bearer tokens, which a
 * browser never attaches by itself, so there is nothing for CSRF to steal.
 */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...CORS_HEADERS });
  res.end(text);
}

export function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  // Browsers cannot set headers on a WebSocket, so the poke socket may carry the token in the query.
  const url = new URL(req.url ?? '/', 'http://hub');
  return url.searchParams.get('token');
}
