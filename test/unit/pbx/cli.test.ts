import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureBytes } from './fixture';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function smdr(args: readonly string[], input?: Buffer): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'scripts/smdr.ts', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ndjson(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('npm run smdr -- parse (R-C1)', () => {
  it('R-C1: parses a fixture file with --format and prints the NDJSON fields of issue 4', () => {
    const r = smdr(['parse', '--format', 'panasonic', `${FIXTURES}panasonic-pattern-a.txt`]);
    expect(r.code).toBe(0);
    const out = ndjson(r.stdout);
    expect(out).toHaveLength(17);
    expect(out[0]).toEqual({ line: 1, kind: 'header', raw: '  Date     Time    Ext CO        Dial Number        Ring Duration  Acc code  CD' });
    expect(Object.keys(out[2]!)).toEqual(['line', 'format', 'start', 'end', 'ext', 'trunk', 'direction', 'number', 'ringSec', 'durationSec', 'cost', 'accountCode', 'transferred', 'raw']);
    expect(out[2]).toMatchObject({ line: 3, format: 'panasonic', end: '2002-01-02T10:03:00', direction: 'in', number: '12345678901234567890', ringSec: 5, durationSec: 65, cost: null, transferred: false });
    expect(out[11]).toMatchObject({ line: 12, kind: 'status' });
    expect(out[16]).toEqual({ line: 17, kind: 'blank', raw: '' });
  }, 60_000);

  it('R-C1: reads stdin, auto-detects, keeps an unknown line as unrecognized', () => {
    const input = Buffer.concat([fixtureBytes('avaya-ipo.csv'), Buffer.from('garbage line\r\n')]);
    const r = smdr(['parse', '--format', 'auto'], input);
    expect(r.code).toBe(0);
    const out = ndjson(r.stdout);
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({ line: 1, format: 'avaya-ipo', direction: 'in', number: '8004206', ringSec: 9, durationSec: 0 });
    expect(out[6]).toEqual({ line: 7, unrecognized: true, raw: 'garbage line' });
  }, 60_000);

  it('R-C1: --date-order and --charset gbk decode a Chinese caller name', () => {
    const line = Buffer.concat([Buffer.from('03/04/25 09:15AM 201   01 <I>', 'latin1'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from("  0'03 00:00'30\r\n", 'latin1')]);
    const r = smdr(['parse', '--format=panasonic', '--date-order', 'dmy', '--charset', 'gbk'], line);
    expect(r.code).toBe(0);
    expect(ndjson(r.stdout)[0]).toMatchObject({ number: '张三', end: '2025-04-03T09:15:00', ringSec: 3 });
  }, 60_000);

  it.each([
    [['parse', '--bogus']],
    [['parse', '--format', 'nosuchpbx']],
    [['parse', '--date-order', 'myd']],
    [['frobnicate']],
  ])('R-C1: usage error %j exits 2 with a message on stderr', (args) => {
    const r = smdr(args, Buffer.alloc(0));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/smdr: .*\nusage: smdr parse/);
    expect(r.stdout).toBe('');
  }, 60_000);
});
