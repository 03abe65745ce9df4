import { ApiError } from '../../shared/api';
import { CARD_ERROR_CODES, type CardErrorCode } from '../../shared/api/cards';
import { DEFAULT_OPERATOR, useConsoleUi } from '../console/ui-store';
import { hasMessage, type Translate } from '../i18n';

/** The operator's name from the console's top bar (shared on this machine), never anonymous. */
export function useActor(): string {
  const operator = useConsoleUi((s) => s.operator);
  return operator.trim() || DEFAULT_OPERATOR;
}

export const isCardErrorCode = (c: string): c is CardErrorCode =>
  CARD_ERROR_CODES.some((k) => k === c);

/** An error from any layer, in the operator's language where a code is known. */
export function errorText(t: Translate, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = /^(\w+):/.exec(message)?.[1] ?? (err instanceof ApiError ? err.body.code : '');
  const key = `cards.error.${code}`;
  if (hasMessage(key)) return t(key);
  const own = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : '';
  if (hasMessage(own)) return t(own);
  return message;
}

export function useLocalTime(): (iso: string | null) => string {
  return (iso) =>
    iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '—';
}

/** Saves text or base64 content as a file through the browser's download. */
export function download(name: string, content: string | Uint8Array, type: string): void {
  const blob = new Blob([typeof content === 'string' ? content : new Uint8Array(content)], {
    type,
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function Empty({ text }: { text: string }): React.JSX.Element {
  return <p className="empty-note">{text}</p>;
}
