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
    throw new MailSendError(err instanceof Error ? err.message : String(err));
  } finally {
    transport.close();
  }
}
