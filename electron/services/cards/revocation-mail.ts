import type { CardSettings, RevocationMail } from '../../../shared/api/cards';
import { CardServiceError } from './errors';
import { sendMail } from '../mail/smtp';

const REASON = {
  'zh-CN': { cancel: '注销', lost: '挂失注销' },
  en: { cancel: 'cancellation', lost: 'lost card, cancellation' },
} as const;

/** The cancellation mail to the systems department (系统部), in the desk's language with the other beneath. */
export function revocationMessage(m: RevocationMail): { subject: string; text: string } {
  const zh = [
    '系统部：',
    '',
    `请注销以下IDC身份校验卡（${REASON['zh-CN'][m.reason]}）：`,
    `卡号：${m.cardNumber}`,
    `卡内号（门禁凭证）：${m.credentialId}`,
    `持卡人：${m.holderName}`,
    `单位：${m.company}`,
    `申请人（销售）：${m.requestedBy}，${m.requestedAt}`,
    `发送人（总台）：${m.sentBy}`,
    '',
    '注销完成后请回复确认。',
  ].join('\n');
  const en = [
    'Systems department,',
    '',
    `Please cancel this IDC identity card (${REASON.en[m.reason]}):`,
    `Card number: ${m.cardNumber}`,
    `Credential ID (access system): ${m.credentialId}`,
    `Holder: ${m.holderName}`,
    `Company: ${m.company}`,
    `Requested by (sales): ${m.requestedBy}, ${m.requestedAt}`,
    `Sent by (front desk): ${m.sentBy}`,
    '',
    'Please reply to confirm once it is cancelled.',
  ].join('\n');
  const subject =
    m.locale === 'zh-CN'
      ? `IDC身份校验卡注销 ${m.cardNumber} ${m.holderName} / IDC card cancellation`
      : `IDC card cancellation ${m.cardNumber} ${m.holderName} / IDC身份校验卡注销`;
  return { subject, text: m.locale === 'zh-CN' ? `${zh}\n\n----\n${en}` : `${en}\n\n----\n${zh}` };
}

/** Sends the mail through the configured SMTP server (the shared transport); a failure is a typed `mailFailed`. */
export async function sendRevocationMail(
  s: CardSettings,
  m: RevocationMail,
): Promise<{ sentAt: string; messageId: string; recipients: string[] }> {
  if (s.revokeRecipients.length === 0) throw new CardServiceError('noRecipients');
  try {
    return await sendMail(s, { to: s.revokeRecipients, ...revocationMessage(m) });
  } catch (err) {
    throw new CardServiceError('mailFailed', err instanceof Error ? err.message : String(err));
  }
}
