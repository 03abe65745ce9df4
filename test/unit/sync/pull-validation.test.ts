/**
 * A pulled page is validated before anything of it is applied (issue 3:
 * every message checked; the hub is trusted only as far as its answers are
 * well-formed). The row records are checked by predicates rather than zod's
 * per-entry schemas (protocol.ts): the same rules must still hold.
 */
import { describe, expect, it } from 'vitest';
import { pullResponseSchema } from '../../../shared/sync/protocol';
import { httpTransport, SyncError } from '../../../renderer/sync/hub-transport';

const H = '001800000000000-00000-hub';
const change = (over: Record<string, unknown> = {}) => ({ table: 'visits', key: 'v1', seq: 1, fields: { id: 'v1', name: '王五' }, fieldHlc: { id: H, name: H }, deletedHlc: null, ...over });
const page = (changes: unknown[]) => ({ epoch: 'e', reset: false, changes, nextCursor: 1, hasMore: false, hubHlc: H });

describe('pull page validation (R-X1)', () => {
  it('R-X1 a well-formed page passes with its rows as sent', () => {
    const parsed = pullResponseSchema.parse(page([change()]));
    expect(parsed.changes[0]?.fields).toEqual({ id: 'v1', name: '王五' });
    expect(parsed.changes[0]?.fieldHlc).toEqual({ id: H, name: H });
  });

  it.each([
    ['fields not an object', change({ fields: ['王五'] })],
    ['fields null', change({ fields: null })],
    ['a stamp that is not an HLC', change({ fieldHlc: { id: H, name: 'yesterday' } })],
    ['a stamp that is not a string', change({ fieldHlc: { id: H, name: 42 } })],
    ['fieldHlc an array', change({ fieldHlc: [H] })],
    ['an unknown table', change({ table: 'payroll' })],
  ])('R-X1 refuses a page with %s', (_what, bad) => {
    expect(pullResponseSchema.safeParse(page([change(), bad])).success).toBe(false);
  });

  it('R-X1 the transport turns a malformed page into a protocol error, not a half-applied page', async () => {
    const lying = httpTransport('http://hub.invalid', async () => new Response(JSON.stringify(page([change({ fieldHlc: { name: 'soon' } })])), { status: 200 }));
    await expect(lying.pull({ schemaVersion: 2, clientId: 'c', epoch: null, cursor: 0, limit: 10 }, 't')).rejects.toMatchObject({ code: 'protocol' });
    await expect(lying.pull({ schemaVersion: 2, clientId: 'c', epoch: null, cursor: 0, limit: 10 }, 't')).rejects.toBeInstanceOf(SyncError);
  });
});
