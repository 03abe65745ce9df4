import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { RevocationMail } from '../../../shared/api/cards';
import { CardServiceError } from '../../../electron/services/cards/errors';
import { sendRevocationMail } from '../../../electron/services/cards/revocation-mail';
import { DEFAULT_CARD_SETTINGS } from '../../../electron/services/cards/settings';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let server: SMTPServer | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function loopbackSmtp(): Promise<{ port: number; mails: Received[] }> {
  const mails: Received[] = [];
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        mails.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  const s = server;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { port: (s.server.address() as AddressInfo).port, mails };
}

const mail: RevocationMail = {
  cardNumber: 'C-000123',
  credentialId: '6200000042=2711',
  holderName: '张伟',
  company: '华数云科技',
  reason: 'lost',
  requestedBy: '销售 刘洋',
  requestedAt: '2026-11-22T08:00:00.000Z',
  sentBy: '前台 王芳',
  locale: 'zh-CN',
};

function decodedBody(raw: string): string {
  // nodemailer sends non-ASCII text as base64 or quoted-printable; decode either.
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(raw))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
}

describe('revocation mail to the systems department (R-K4 注销)', () => {
  it('arrives at a loopback SMTP server with the recipients, subject and card details', async () => {
    const { port, mails } = await loopbackSmtp();
    const settings = {
      ...DEFAULT_CARD_SETTINGS,
      smtpHost: '127.0.0.1',
      smtpPort: port,
      mailFrom: 'desk@idc.example',
      revokeRecipients: ['sys@idc.example', 'noc@idc.example'],
    };
    const r = await sendRevocationMail(settings, mail);
    expect(r.recipients).toEqual(['sys@idc.example', 'noc@idc.example']);
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m.from).toBe('desk@idc.example');
    expect(m.to).toEqual(['sys@idc.example', 'noc@idc.example']);
    const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(m.raw)?.[1] ?? '';
    expect(subject).toMatch(/=\?UTF-8\?/i); // encoded-word: Chinese in the subject
    const body = decodedBody(m.raw);
    expect(body).toContain('卡号：C-000123');
    expect(body).toContain('持卡人：张伟');
    expect(body).toContain('挂失注销');
    expect(body).toContain('Card number: C-000123');
    expect(body).toContain('销售 刘洋');
  });

  it('no recipients is a typed error, not a silent skip', async () => {
    await expect(sendRevocationMail(DEFAULT_CARD_SETTINGS, mail)).rejects.toMatchObject({
      code: 'noRecipients',
    });
  });

  it('an unreachable server is mailFailed', async () => {
    const err = await sendRevocationMail(
      {
        ...DEFAULT_CARD_SETTINGS,
        smtpHost: '127.0.0.1',
        smtpPort: 1,
        revokeRecipients: ['a@b.example'],
      },
      mail,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardServiceError);
    expect(err).toMatchObject({ code: 'mailFailed' });
  });
});
