import { SmdrError } from './errors';

/** Charsets a PBX uses for names: ISO-8859-1 (Panasonic, Mitel, NEC), GBK (Chinese sites), UTF-8 (IP PBXs). */
export const SMDR_CHARSETS = ['latin1', 'gbk', 'utf-8'] as const;
export type SmdrCharset = (typeof SMDR_CHARSETS)[number];

// Node 20 ships full ICU, so WHATWG TextDecoder knows GBK; no iconv dependency needed.
const gbk = new TextDecoder('gbk');
const utf8 = new TextDecoder('utf-8');

export function isCharset(s: string): s is SmdrCharset {
  return (SMDR_CHARSETS as readonly string[]).includes(s);
}

/**
 * Decodes one line's bytes. latin1 goes through Buffer, not TextDecoder: the
 * WHATWG 'latin1' label means windows-1252, which remaps 0x80–0x9F.
 */
export function decodeLine(bytes: Uint8Array, charset: SmdrCharset): string {
  switch (charset) {
    case 'latin1':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    case 'gbk':
      return gbk.decode(bytes);
    case 'utf-8':
      return utf8.decode(bytes);
  }
}

export function assertCharset(s: string): SmdrCharset {
  if (!isCharset(s)) throw new SmdrError('smdr.unknownCharset', `Unknown charset "${s}" (one of ${SMDR_CHARSETS.join(', ')})`);
  return s;
}
