import { localTimeOf } from '../../../shared/domain/call';
import type { CallFields } from '../../../shared/domain/call';

/** Shared field readers for the fixed-column and CSV formats. All return null on junk, never throw. */

/** Trimmed text, or null when blank. */
export function text(s: string | undefined): string | null {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
}

/** `hh:mm:ss`, `hhhh:mm:ss` or Panasonic `hh:mm'ss` (ASCII or typographic apostrophe) → seconds. */
export function clockSeconds(s: string | undefined): number | null {
  const m = /^(\d{1,4}):(\d\d)[:'’](\d\d)$/.exec((s ?? '').trim());
  if (!m) return null;
  return +m[1]! * 3600 + +m[2]! * 60 + +m[3]!;
}

/** Plain non-negative integer seconds. */
export function intSeconds(s: string | undefined): number | null {
  const t = (s ?? '').trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** Year for a record without one: the receive year, or the year before if that would be in the future. */
export function inferYear(month: number, day: number, receivedAt: Date): number {
  const y = receivedAt.getFullYear();
  const recvMonth = receivedAt.getMonth() + 1;
  const later = month > recvMonth || (month === recvMonth && day > receivedAt.getDate());
  return later ? y - 1 : y;
}

/** `YYYY-MM-DD HH:MM:SS` or `YYYY/MM/DD HH:MM:SS` → ISO local. */
export function isoFromYmdHms(s: string | undefined): string | null {
  const m = /^(\d{4})[-/](\d\d)[-/](\d\d)[ T](\d\d):(\d\d):(\d\d)$/.exec((s ?? '').trim());
  if (!m) return null;
  return localTimeOf(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** A call with every optional field empty; formats fill what they know. */
export function blankCall(direction: CallFields['direction']): CallFields {
  return {
    start: null,
    end: null,
    ext: null,
    trunk: null,
    direction,
    number: null,
    callerName: null,
    ringSec: null,
    durationSec: null,
    cost: null,
    currency: null,
    accountCode: null,
    transferred: false,
    forwarded: false,
    unanswered: false,
  };
}
