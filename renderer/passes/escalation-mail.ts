import { useCallback, useEffect, useRef, useState } from 'react';
import type { EscalationMail, EscalationMailResult } from '../../shared/api/printing';
import { numbersDiffer, type HandoverSheet } from '../../shared/domain/pass';
import { commit } from '../db/commit';
import { db } from '../db/schema';
import { call } from '../transport/api';

export const MAIL_AUDIT_ACTION = 'pass.escalateMail';

/** First retry after 30 s, doubling to 10 min: a relay that is down for a while is not hammered. */
export function mailRetryDelayMs(failures: number): number {
  return Math.min(600_000, 30_000 * 2 ** Math.max(0, failures - 1));
}

export function escalationMail(sheet: HandoverSheet, sentBy: string, locale: 'zh-CN' | 'en'): EscalationMail {
  const diff = numbersDiffer(sheet.issuedNumbers, sheet.guardNumbers);
  return {
    sheetId: sheet.id,
    day: sheet.day,
    number: sheet.finalNumber ?? sheet.number,
    issuedNumbers: sheet.issuedNumbers,
    returnedNumbers: sheet.returnedNumbers,
    outNumbers: sheet.outNumbers,
    guardNumbers: sheet.guardNumbers,
    missingAtGuard: diff.missingAtGuard,
    unknownToDesk: diff.unknownToDesk,
    explanation: sheet.explanation,
    receptionistName: sheet.receptionistName,
    guardName: sheet.guardName,
    signedAt: sheet.signedAt,
    sentBy,
    locale,
  };
}

/** The audit detail of one attempt; the mail's outcome is read back from it after a reload. */
function auditDetail(r: EscalationMailResult): string {
  if (r.status === 'sent') return `sent ${r.recipients.join(',')} ${r.messageId}`;
  if (r.status === 'notConfigured') return 'notConfigured';
  return `failed ${r.detail}`.slice(0, 500);
}

/** Sends once and records the attempt and its result in the audit trail (R-P3, every pass event audited). */
export async function sendEscalation(sheet: HandoverSheet, actor: string, locale: 'zh-CN' | 'en'): Promise<EscalationMailResult> {
  let result: EscalationMailResult;
  try {
    result = await call('passes:sendEscalationMail', escalationMail(sheet, actor, locale));
  } catch (err) {
    // The services may be restarting; that is a failed attempt like a relay error.
    result = { status: 'failed', reason: 'unreachable', detail: err instanceof Error ? err.message : String(err) };
  }
  await commit(actor, (w) => w.audit(MAIL_AUDIT_ACTION, 'handover', sheet.id, auditDetail(result)));
  return result;
}

/** A sheet whose mail went out (or needs none) is not sent again, by this console or after a reload. */
async function settledBefore(sheetId: string): Promise<EscalationMailResult | null> {
  const entries = await db.audit.where('entityId').equals(sheetId).filter((a) => a.action === MAIL_AUDIT_ACTION).toArray();
  const sent = entries.find((a) => a.detail.startsWith('sent '));
  if (sent) {
    const [, to = '', messageId = ''] = sent.detail.split(' ');
    return { status: 'sent', sentAt: sent.at, messageId, recipients: to.split(',') };
  }
  return entries.some((a) => a.detail === 'notConfigured') ? { status: 'notConfigured' } : null;
}

export type MailState =
  | { phase: 'idle' }
  | { phase: 'sending' }
  | { phase: 'done'; result: EscalationMailResult }
  | { phase: 'failed'; reason: 'unreachable' | 'refused'; detail: string; retryAt: number };

/**
 * The escalation mail of one signed, mismatched sheet: sent when the sheet
 * is shown, retried on a back-off while it stays open, and never in the way
 * of the sheet (which is already kept when this runs).
 */
export function useEscalationMail(sheet: HandoverSheet, actor: string, locale: 'zh-CN' | 'en'): { state: MailState; retryNow: () => void } {
  const [state, setState] = useState<MailState>({ phase: 'idle' });
  const failures = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const busy = useRef(false);

  const attempt = useCallback(async (): Promise<void> => {
    if (!sheet.mismatch || busy.current) return;
    busy.current = true;
    clearTimeout(timer.current);
    try {
      const before = await settledBefore(sheet.id);
      if (before) return setState({ phase: 'done', result: before });
      setState({ phase: 'sending' });
      const result = await sendEscalation(sheet, actor, locale);
      if (result.status !== 'failed') return setState({ phase: 'done', result });
      failures.current += 1;
      const delay = mailRetryDelayMs(failures.current);
      setState({ phase: 'failed', reason: result.reason, detail: result.detail, retryAt: Date.now() + delay });
      timer.current = setTimeout(() => void attempt(), delay);
    } finally {
      busy.current = false;
    }
  }, [sheet, actor, locale]);

  useEffect(() => {
    void attempt();
    return () => clearTimeout(timer.current);
    // Once per sheet: the locale or a re-render must not send a second mail.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sheet.id, sheet.mismatch]);

  return { state, retryNow: () => void attempt() };
}
