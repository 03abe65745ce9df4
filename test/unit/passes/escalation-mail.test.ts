import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationMail } from '../../../shared/api/printing';
import { EventHub, createApiHandler, type CallContext, type Handlers } from '../../../electron/services/api-handler';
import { createPrintingHandlers } from '../../../electron/services/handlers/printing';
import { escalationMessage } from '../../../electron/services/printing/escalation-mail';
import { DEFAULT_PRINTING } from '../../../electron/services/printing/settings';
import { SettingsStore } from '../../../electron/services/settings-store';

/** R-P3: a handover sheet that does not match is mailed to the supervisor at once, through a real SMTP session. */

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const CONSOLE: CallContext = { role: 'console' };
let server: SMTPServer | undefined;
let handlers: ReturnType<typeof createPrintingHandlers>;
const closers: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'escalation-mail-'));
  handlers = createPrintingHandlers({ dataDir, settings: await SettingsStore.open(dataDir), events: new EventHub(), onClose: (fn) => closers.push(fn) });
});

afterAll(async () => {
  for (const fn of closers.reverse()) await fn();
});

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
        mails.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  const s = server;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { port: (s.server.address() as AddressInfo).port, mails };
}

/** The decoded header value (RFC 2047 encoded-words) and body (base64 or quoted-printable). */
function decodeWords(value: string): string {
  return value.replace(/\r?\n[ \t]/g, '').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function subjectOf(raw: string): string {
  return decodeWords(/^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '');
}

function bodyOf(raw: string): string {
  const body = raw.split(/\r?\n\r?\n/).slice(1).join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(raw)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

const mail: EscalationMail = {
  sheetId: 'sheet-1',
  day: '2026-11-20',
  number: '临-20261120-3F2A',
  issuedNumbers: ['0003', '0007', '0012'],
  returnedNumbers: ['0003', '0007'],
  outNumbers: ['0012'],
  guardNumbers: ['0003', '0007', '0015'],
  missingAtGuard: ['0012'],
  unknownToDesk: ['0015'],
  explanation: '0012 号由施工人员带出未登记，已电话联系；0015 为机房误记。',
  receptionistName: '李娜',
  guardName: '赵强',
  signedAt: '2026-11-23T01:05:00.000Z',
  sentBy: '李娜',
  locale: 'zh-CN',
};

async function configure(port: number, recipients: string[]): Promise<void> {
  await handlers['printing:updateSettings'](
    { ...DEFAULT_PRINTING, smtpHost: '127.0.0.1', smtpPort: port, mailFrom: 'desk@idc.example', supervisorRecipients: recipients },
    CONSOLE,
  );
}

describe('handover mismatch escalation mail (R-P3, issue 5)', () => {
  it('reaches the supervisors over SMTP with the day, issued/returned/out numbers, the mismatch, explanation and signers (zh-CN first)', async () => {
    const { port, mails } = await loopbackSmtp();
    await configure(port, ['duty@idc.example', 'security@idc.example']);
    const r = await handlers['passes:sendEscalationMail'](mail, CONSOLE);
    expect(r).toMatchObject({ status: 'sent', recipients: ['duty@idc.example', 'security@idc.example'] });
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m.from).toBe('desk@idc.example');
    expect(m.to).toEqual(['duty@idc.example', 'security@idc.example']);
    expect(subjectOf(m.raw)).toBe('【访客证交接不符】2026-11-20 临-20261120-3F2A / Pass handover mismatch');
    const body = bodyOf(m.raw);
    expect(body).toContain('2026-11-20 机房访客证交接核对不符');
    expect(body).toContain('发放 3 张：0003, 0007, 0012');
    expect(body).toContain('已归还 2 张：0003, 0007');
    expect(body).toContain('未归还 1 张：0012');
    expect(body).toContain('总台已发放、机房无记录：0012');
    expect(body).toContain('机房有记录、总台未发放：0015');
    expect(body).toContain('情况说明：0012 号由施工人员带出未登记');
    expect(body).toContain('签字：前台 李娜，机房值班 赵强');
    // The other language follows, for a supervisor who reads English.
    expect(body).toContain('Still out (1): 0012');
    expect(body).toContain("In the guard's log, not issued by the desk: 0015");
    expect(body.indexOf('值班主管')).toBeLessThan(body.indexOf('Duty supervisor'));
  });

  it('an English desk writes English first', () => {
    const { subject, text } = escalationMessage({ ...mail, locale: 'en' });
    expect(subject).toBe('Pass handover mismatch 2026-11-20 临-20261120-3F2A / 访客证交接不符');
    expect(text.indexOf('Duty supervisor')).toBeLessThan(text.indexOf('值班主管'));
    expect(text).toContain('Signed by: receptionist 李娜, duty guard 赵强');
  });

  it('no recipients or no server: notConfigured, and nothing is sent', async () => {
    const { port, mails } = await loopbackSmtp();
    await configure(port, []);
    expect(await handlers['passes:sendEscalationMail'](mail, CONSOLE)).toEqual({ status: 'notConfigured' });
    await handlers['printing:updateSettings']({ ...DEFAULT_PRINTING, supervisorRecipients: ['duty@idc.example'] }, CONSOLE);
    expect(await handlers['passes:sendEscalationMail'](mail, CONSOLE)).toEqual({ status: 'notConfigured' });
    expect(mails).toHaveLength(0);
  });

  it('a relay that is down is a failed result with the reason (shown and retried by the console), not an exception', async () => {
    const { port } = await loopbackSmtp();
    await new Promise<void>((r) => server?.close(() => r()));
    server = undefined;
    await configure(port, ['duty@idc.example']);
    const r = await handlers['passes:sendEscalationMail'](mail, CONSOLE);
    expect(r).toMatchObject({ status: 'failed', reason: 'unreachable' });
    expect(r.status === 'failed' && r.detail).toMatch(/ECONNREFUSED|connect/i);
  });

  it('a relay that refuses the recipient is a failed result of kind refused (the settings need a look)', async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, done) {
        done(Object.assign(new Error(`550 no such user ${address.address}`), { responseCode: 550 }));
      },
    });
    const s = server;
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    await configure((s.server.address() as AddressInfo).port, ['nobody@idc.example']);
    const r = await handlers['passes:sendEscalationMail'](mail, CONSOLE);
    expect(r).toMatchObject({ status: 'failed', reason: 'refused' });
    expect(r.status === 'failed' && r.detail).toMatch(/550|nobody@idc\.example/);
  });

  it('the contract: console only, every field validated (pass numbers, explanation, signers)', async () => {
    const api = createApiHandler(handlers as unknown as Handlers);
    expect(await api('kiosk', 'passes:sendEscalationMail', mail)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await api('cards', 'passes:sendEscalationMail', mail)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const badNumber = await api('console', 'passes:sendEscalationMail', { ...mail, outNumbers: ['12a'] });
    expect(badNumber).toMatchObject({ ok: false, error: { code: 'validation' } });
    const noExplanation = await api('console', 'passes:sendEscalationMail', { ...mail, explanation: '   ' });
    expect(noExplanation).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'explanation' }] } });
    const extra = await api('console', 'passes:sendEscalationMail', { ...mail, to: 'someone@evil.example' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await api('console', 'printing:updateSettings', { ...DEFAULT_PRINTING, supervisorRecipients: ['not-an-address'] })).ok).toBe(false);
  });
});
