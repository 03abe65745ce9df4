import type { EscalationMail, EscalationMailResult, PrintingSettings } from '../../../shared/api/printing';
import { log } from '../log';
import { mailFailureKind, sendMail } from '../mail/smtp';

const numbers = (xs: readonly string[], none: string): string => (xs.length ? xs.join(', ') : none);

/**
 * The supervisor's mail for a handover sheet that does not match (R-P3), in
 * the desk's language with the other beneath, as the revocation mail does.
 * Wording follows the paper sheet (交接表) so the two can be read side by side.
 */
export function escalationMessage(m: EscalationMail): { subject: string; text: string } {
  const zh = [
    '值班主管：',
    '',
    `${m.day} 机房访客证交接核对不符，现报告如下：`,
    `交接表编号：${m.number}`,
    `发放 ${m.issuedNumbers.length} 张：${numbers(m.issuedNumbers, '无')}`,
    `已归还 ${m.returnedNumbers.length} 张：${numbers(m.returnedNumbers, '无')}`,
    `未归还 ${m.outNumbers.length} 张：${numbers(m.outNumbers, '无')}`,
    `机房值班记录：${numbers(m.guardNumbers, '无')}`,
    ...(m.missingAtGuard.length ? [`总台已发放、机房无记录：${m.missingAtGuard.join(', ')}`] : []),
    ...(m.unknownToDesk.length ? [`机房有记录、总台未发放：${m.unknownToDesk.join(', ')}`] : []),
    `情况说明：${m.explanation}`,
    `签字：前台 ${m.receptionistName}，机房值班 ${m.guardName}（${m.signedAt}）`,
    `发送人：${m.sentBy}`,
    '',
    '请及时核查处理。',
  ].join('\n');
  const en = [
    'Duty supervisor,',
    '',
    `The machine-room pass handover check for ${m.day} does not match:`,
    `Sheet number: ${m.number}`,
    `Issued (${m.issuedNumbers.length}): ${numbers(m.issuedNumbers, 'none')}`,
    `Returned (${m.returnedNumbers.length}): ${numbers(m.returnedNumbers, 'none')}`,
    `Still out (${m.outNumbers.length}): ${numbers(m.outNumbers, 'none')}`,
    `Machine-room guard's log: ${numbers(m.guardNumbers, 'none')}`,
    ...(m.missingAtGuard.length ? [`Issued by the desk, not in the guard's log: ${m.missingAtGuard.join(', ')}`] : []),
    ...(m.unknownToDesk.length ? [`In the guard's log, not issued by the desk: ${m.unknownToDesk.join(', ')}`] : []),
    `Explanation: ${m.explanation}`,
    `Signed by: receptionist ${m.receptionistName}, duty guard ${m.guardName} (${m.signedAt})`,
    `Sent by: ${m.sentBy}`,
    '',
    'Please look into it.',
  ].join('\n');
  const subject =
    m.locale === 'zh-CN'
      ? `【访客证交接不符】${m.day} ${m.number} / Pass handover mismatch`
      : `Pass handover mismatch ${m.day} ${m.number} / 访客证交接不符`;
  return { subject, text: m.locale === 'zh-CN' ? `${zh}\n\n----\n${en}` : `${en}\n\n----\n${zh}` };
}

/** Mail counts as configured once there is a relay and someone to tell. */
export function mailConfigured(s: PrintingSettings): boolean {
  return s.smtpHost.trim() !== '' && s.supervisorRecipients.length > 0;
}

/**
 * Sends the escalation; a relay failure is a result, not an exception, so the
 * console can show it and try again while the sheet itself is already kept.
 */
export async function sendEscalationMail(s: PrintingSettings, m: EscalationMail): Promise<EscalationMailResult> {
  if (!mailConfigured(s)) return { status: 'notConfigured' };
  try {
    const r = await sendMail(s, { to: s.supervisorRecipients, ...escalationMessage(m) });
    return { status: 'sent', ...r };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    log.warn(`escalation mail for the ${m.day} handover sheet failed: ${detail}`);
    return { status: 'failed', reason: mailFailureKind(err), detail };
  }
}
