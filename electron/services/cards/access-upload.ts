import type { AccessHolder, UploadResult } from '../../../shared/api/cards';
import { CardServiceError } from './errors';

export interface UploadOptions {
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * POSTs the holders to the access system as JSON and records its answer. A
 * refusal or an unreachable system is a result (`ok: false`) the renderer keeps
 * in its retry queue, not an exception: the answer itself is evidence.
 */
export async function uploadHolders(
  url: string,
  holders: readonly AccessHolder[],
  opts: UploadOptions = {},
): Promise<UploadResult> {
  if (!url) throw new CardServiceError('noWebhook');
  const at = new Date().toISOString();
  try {
    const res = await (opts.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'frontdesk', holders }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    const answer = (await res.text()).slice(0, 500);
    return { ok: res.ok, status: res.status, answer, at };
  } catch (err) {
    return {
      ok: false,
      status: 0,
      answer: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      at,
    };
  }
}
