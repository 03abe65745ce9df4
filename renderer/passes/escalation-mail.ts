import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import type { EscalationMail, EscalationMailResult } from '../../shared/api/printing';
import { numbersDiffer, type HandoverSheet } from '../../shared/domain/pass';
import type { AuditEntry } from '../../shared/domain/visit';
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
  return `failed ${r.reason} ${r.detail}`.slice(0, 500);
}

/** Sheets whose mail is being sent now, so the sheet view and the background retry never send it twice. */
const inFlight = new Set<string>();

/**
 * Sends once and records the attempt and its result in the audit trail (R-P3,
 * every pass event audited). Null when another attempt is under way or the
 * mail already went out.
 */
export async function sendEscalation(sheet: HandoverSheet, actor: string, locale: 'zh-CN' | 'en'): Promise<EscalationMailResult | null> {
  if (inFlight.has(sheet.id)) return null;
  inFlight.add(sheet.id);
  try {
    if (settled(await mailHistory(sheet.id))) return null;
    let result: EscalationMailResult;
    try {
      result = await call('passes:sendEscalationMail', escalationMail(sheet, actor, locale));
    } catch (err) {
      // The services may be restarting; that is a failed attempt like a relay error.
      result = { status: 'failed', reason: 'unreachable', detail: err instanceof Error ? err.message : String(err) };
    }
    await commit(actor, (w) => w.audit(MAIL_AUDIT_ACTION, 'handover', sheet.id, auditDetail(result)));
    return result;
  } finally {
    inFlight.delete(sheet.id);
  }
}

export function isSending(sheetId: string): boolean {
  return inFlight.has(sheetId);
}

export async function mailHistory(sheetId: string): Promise<AuditEntry[]> {
  const entries = await db.audit.where('entityId').equals(sheetId).filter((a) => a.action === MAIL_AUDIT_ACTION).toArray();
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

function settled(entries: readonly AuditEntry[]): boolean {
  return entries.some((a) => a.detail.startsWith('sent ') || a.detail === 'notConfigured');
}

export type MailState =
  | { phase: 'idle' }
  | { phase: 'sending' }
  | { phase: 'done'; result: EscalationMailResult }
  | { phase: 'failed'; reason: 'unreachable' | 'refused'; detail: string; retryAt: number };

/**
 * Where a sheet's mail stands, read back from its audit entries, so every
 * console and a reload agree: sent, not configured, or failed n times with
 * the next try due after the back-off.
 */
export function mailState(entries: readonly AuditEntry[]): MailState {
  const sent = entries.find((a) => a.detail.startsWith('sent '));
  if (sent) {
    const [, to = '', messageId = ''] = sent.detail.split(' ');
    return { phase: 'done', result: { status: 'sent', sentAt: sent.at, messageId, recipients: to.split(',') } };
  }
  if (entries.some((a) => a.detail === 'notConfigured')) return { phase: 'done', result: { status: 'notConfigured' } };
  const failures = entries.filter((a) => a.detail.startsWith('failed '));
  const last = failures.at(-1);
  if (!last) return { phase: 'idle' };
  const [, reason, ...rest] = last.detail.split(' ');
  return {
    phase: 'failed',
    reason: reason === 'refused' ? 'refused' : 'unreachable',
    detail: rest.join(' '),
    retryAt: Date.parse(last.at) + mailRetryDelayMs(failures.length),
  };
}

/** The sheet view: shows the mail's state, sends at once when nothing was tried yet, and offers "send again now". */
export function useEscalationMail(sheet: HandoverSheet, actor: string, locale: 'zh-CN' | 'en'): { state: MailState; retryNow: () => void } {
  const entries = useLiveQuery(() => mailHistory(sheet.id), [sheet.id]);
  const [sending, setSending] = useState(false);
  const attempt = useCallback((): void => {
    setSending(true);
    void sendEscalation(sheet, actor, locale).finally(() => setSending(false));
  }, [sheet, actor, locale]);
  const fresh = entries !== undefined && entries.length === 0;
  useEffect(() => {
    // setState only in the callback: the effect itself just starts the send.
    if (fresh && sheet.mismatch) void sendEscalation(sheet, actor, locale).finally(() => setSending(false));
    // Once per sheet: the locale or a re-render must not start a second attempt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fresh, sheet.id, sheet.mismatch]);
  const state: MailState = sending || isSending(sheet.id) ? { phase: 'sending' } : entries ? mailState(entries) : { phase: 'idle' };
  return { state, retryNow: attempt };
}

/** Mismatched sheets are retried for a week; after that the console alert is what remains. */
const RETRY_WINDOW_MS = 7 * 24 * 3600_000;

/**
 * Background retry in the console shell, whatever tab is open: a mail that
 * failed is tried again once its back-off has passed, also after a reload.
 */
export async function retryDueMails(actor: string, locale: 'zh-CN' | 'en', now = Date.now()): Promise<void> {
  const sheets = await db.handoverSheets.filter((s) => s.mismatch && now - Date.parse(s.signedAt) < RETRY_WINDOW_MS).toArray();
  for (const sheet of sheets) {
    const state = mailState(await mailHistory(sheet.id));
    if (state.phase === 'idle' || (state.phase === 'failed' && now >= state.retryAt)) await sendEscalation(sheet, actor, locale);
  }
}
