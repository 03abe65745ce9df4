import type { JournalEntry as ApiJournalEntry } from '../../../shared/api/calls';
import type { LoggedLine } from '../../../hardware/pbx/smdr-link';

/**
 * A journaled line as the contract shows it. The id is the journal's (stable
 * across restarts); a call's own `id` is the same, so the renderer can key both.
 */
export function toApiEntry(line: LoggedLine): ApiJournalEntry {
  const { entry, parsed } = line;
  const base = { seq: entry.seq, id: entry.id, pbxId: entry.pbxId, receivedAt: entry.receivedAt.toISOString() };
  switch (parsed.kind) {
    case 'call':
      return { ...base, kind: 'call', call: { ...parsed.record, id: entry.id }, raw: parsed.record.raw, reason: null };
    case 'unrecognized':
      return { ...base, kind: 'unrecognized', call: null, raw: parsed.raw, reason: parsed.reason };
    default:
      return { ...base, kind: parsed.kind, call: null, raw: parsed.raw, reason: null };
  }
}
