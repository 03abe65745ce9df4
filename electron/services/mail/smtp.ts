import nodemailer from 'nodemailer';

/** Where mail leaves the desk: an internal relay, usually port 25 without auth. */
export interface SmtpSettings {
  readonly smtpHost: string;
  readonly smtpPort: number;
  readonly mailFrom: string;
}

export interface OutgoingMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

export interface MailReceipt {
  readonly sentAt: string;
  readonly messageId: string;
  readonly recipients: string[];
}

/** The relay refused or could not be reached; `message` is what nodemailer said, for the log and the audit entry. */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';
  constructor(
    message: string,
    /** nodemailer's or the socket's code: ECONNECTION, ETIMEDOUT, EDNS, EAUTH, EENVELOPE, ECONNREFUSED… */
    readonly code = '',
  ) {
    super(message);
  }
}

const UNREACHABLE = new Set(['ECONNECTION', 'ECONNREFUSED', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EAI_AGAIN']);

/** unreachable: try again later; refused: the relay said no (address, auth) and needs the settings fixed. */
export function mailFailureKind(err: unknown): 'unreachable' | 'refused' {
  const code = err instanceof MailSendError ? err.code : '';
  return UNREACHABLE.has(code) ? 'unreachable' : 'refused';
}

/**
 * One transport per mail: the desk sends a handful a day, and a pooled
 * connection to a relay that restarts overnight would fail the first mail of
 * the morning. Shared by the cards' revocation mail and the passes'
 * escalation mail so both behave the same towards the relay.
 */
export async function sendMail(smtp: SmtpSettings, mail: OutgoingMail): Promise<MailReceipt> {
  const transport = nodemailer.createTransport({
    host: smtp.smtpHost,
    port: smtp.smtpPort,
    secure: smtp.smtpPort === 465,
    // Internal relays on port 25 commonly have self-signed certificates; STARTTLS is still used when offered.
    tls: { rejectUnauthorized: false },
    connectionTimeout: 10_000,
  });
  try {
    const info = await transport.sendMail({ from: smtp.mailFrom, to: [...mail.to], subject: mail.subject, text: mail.text });
    return { sentAt: new Date().toISOString(), messageId: info.messageId, recipients: [...mail.to] };
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    throw new MailSendError(err instanceof Error ? err.message : String(err), code);
  } finally {
    transport.close();
  }
}
