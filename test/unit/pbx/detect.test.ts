import { describe, expect, it } from 'vitest';
import { decodeLine } from '../../../hardware/pbx/decode';
import { detectFormat } from '../../../hardware/pbx/detect';
import { fixtureBytes } from './fixture';

function firstLines(name: string): string[] {
  return decodeLine(fixtureBytes(name), 'latin1').split(/\r\n|\r|\n/).slice(0, 50);
}

describe('format auto-detection (R-C1)', () => {
  it.each([
    ['panasonic-pattern-a.txt', 'panasonic'],
    ['panasonic-pattern-c.txt', 'panasonic'],
    ['panasonic-kx-td308.txt', 'panasonic'],
    ['panasonic-kx-ta616.txt', 'panasonic-ta'],
    ['avaya-ipo.csv', 'avaya-ipo'],
    ['mitel-mivb.txt', 'mitel'],
    ['nec-sl1000.txt', 'nec'],
    ['asterisk-master.csv', 'asterisk'],
    ['yeastar-newcdr.ndjson', 'yeastar'],
  ])('R-C1: %s is detected as %s', (file, name) => {
    expect(detectFormat(firstLines(file))?.format.name).toBe(name);
  });

  it('R-C1: noise is not forced into a format', () => {
    expect(detectFormat(['hello world', 'ATZ0', '%%%%%'])).toBeNull();
  });
});
