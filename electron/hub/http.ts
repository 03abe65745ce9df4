import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HubError } from './errors';

/** Largest request body: 500 mutations with badge photos fit well below it (sync.md B.5.3 step 5). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
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
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError('validation', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  // Browsers cannot set headers on a WebSocket, so the poke socket may carry the token in the query.
  const url = new URL(req.url ?? '/', 'http://hub');
  return url.searchParams.get('token');
}
