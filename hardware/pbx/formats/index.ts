import { SmdrError } from '../errors';
import { asterisk } from './asterisk';
import { avayaIpo } from './avaya-ipo';
import { mitel } from './mitel';
import { nec } from './nec';
import { panasonic, panasonicTa } from './panasonic';
import type { SmdrFormat } from './types';
import { yeastar } from './yeastar';

/** Every built-in format, in detection tie-break order. */
export const SMDR_FORMATS: readonly SmdrFormat[] = [panasonic, panasonicTa, avayaIpo, mitel, nec, asterisk, yeastar];

export const FORMAT_NAMES = SMDR_FORMATS.map((f) => f.name);

export function formatByName(name: string): SmdrFormat {
  const f = SMDR_FORMATS.find((x) => x.name === name);
  if (!f) throw new SmdrError('smdr.unknownFormat', `Unknown SMDR format "${name}" (one of auto, ${FORMAT_NAMES.join(', ')})`);
  return f;
}

export type { ParseContext, SmdrFormat } from './types';
