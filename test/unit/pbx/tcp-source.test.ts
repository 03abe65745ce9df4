import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { avayaIpo } from '../../../hardware/pbx/formats/avaya-ipo';
import { panasonic } from '../../../hardware/pbx/formats/panasonic';
import type { SmdrFormat } from '../../../hardware/pbx/formats/types';
import { SmdrJournal } from '../../../hardware/pbx/journal';
import { SmdrLink } from '../../../hardware/pbx/smdr-link';
import type { LoggedLine } from '../../../hardware/pbx/smdr-link';
import { SmdrTcpSource } from '../../../hardware/pbx/tcp-source';

const AVAYA = '2008/06/28 09:28:41,00:00:00,9,8004206,I,4324,4324,,0,1000014155,0,E4324,Joe Bloggs,T9161,LINE 5.1,0,0\r\n';

describe('SMDR over TCP (R-C1)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function linkFor(format: SmdrFormat): SmdrLink {
    const dir = mkdtempSync(join(tmpdir(), 'smdr-tcp-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const link = new SmdrLink({ journal: new SmdrJournal(join(dir, 'j.ndjson'), 'pbx'), format, dateOrder: 'mdy' });
    link.start();
    cleanups.push(() => link.close());
    return link;
  }

  /** Resolves once `n` lines arrived and the connection closed. */
  function collect(n: number): { lines: LoggedLine[]; done: Promise<void>; handlers: { onLine: (l: LoggedLine) => void; onError: () => void; onClosed: () => void } } {
    const lines: LoggedLine[] = [];
    let finish: () => void = () => undefined;
    const done = new Promise<void>((r) => (finish = r));
    return {
      lines,
      done,
      handlers: { onLine: (l) => lines.push(l), onError: () => undefined, onClosed: () => lines.length >= n && finish() },
    };
  }

  it('R-C1: listener mode (Avaya IP Office connects to us), record split across writes', async () => {
    const c = collect(1);
    const source = new SmdrTcpSource({ mode: 'listener', host: '127.0.0.1', port: 0 }, linkFor(avayaIpo), c.handlers);
    const port = await source.open();
    cleanups.push(() => void source.close());
    const pbx = createConnection({ host: '127.0.0.1', port });
    await new Promise<void>((r) => pbx.once('connect', () => r()));
    pbx.write(`\0${AVAYA.slice(0, 40)}`);
    await new Promise((r) => setTimeout(r, 20));
    pbx.end(AVAYA.slice(40));
    await c.done;
    expect(c.lines.map((l) => l.parsed.kind)).toEqual(['call']);
    expect(c.lines[0]!.parsed).toMatchObject({ record: { number: '8004206', ext: '4324', unanswered: true } });
  });

  it('R-C1: client mode (Panasonic port 2300) sends the login lines, reads records, journals a partial line at disconnect', async () => {
    const received: string[] = [];
    const pbx = createServer((sock: Socket) => {
      sock.setEncoding('latin1');
      sock.on('data', (d: string) => {
        received.push(d);
        if (received.join('').includes('PCCSMDR\r\n')) sock.end("01/02/02 10:05AM 1200  01 0123456789                  00:00'30\r\nnot termin");
      });
    });
    await new Promise<void>((r) => pbx.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => pbx.close());
    const address = pbx.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const c = collect(2);
    const source = new SmdrTcpSource({ mode: 'client', host: '127.0.0.1', port, loginLines: ['SMDR', 'PCCSMDR'] }, linkFor(panasonic), c.handlers);
    await source.open();
    await c.done;
    await source.close();
    expect(received.join('')).toBe('SMDR\r\nPCCSMDR\r\n');
    expect(c.lines.map((l) => l.parsed.kind)).toEqual(['call', 'unrecognized']);
    expect(c.lines[1]!.parsed).toMatchObject({ raw: 'not termin' });
  });
});
