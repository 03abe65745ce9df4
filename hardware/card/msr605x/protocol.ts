import { CardDeviceError } from '../errors';

/** USB identity (hardware.md 1.1). VID 0x0801 is MagTek's, re-used by the clone: match both. */
export const MSR605X_HID = { vendorId: 0x0801, productId: 0x0003 } as const;

const ESC = 0x1b;

/** Programmer's manual section 6 commands used here (bytes after framing). */
export const MSR_COMMANDS = {
  reset: [ESC, 0x61],
  commTest: [ESC, 0x65],
  read: [ESC, 0x72],
  write: [ESC, 0x77],
  setHiCo: [ESC, 0x78],
  setLoCo: [ESC, 0x79],
  getCoercivity: [ESC, 0x64],
  firmware: [ESC, 0x76],
  model: [ESC, 0x74],
} as const satisfies Record<string, readonly number[]>;

/** Status bytes after `ESC` (manual section 7). */
export const MSR_STATUS = {
  ok: 0x30,
  readWriteError: 0x31,
  commandFormatError: 0x32,
  invalidCommand: 0x34,
  cardMovingError: 0x39,
} as const;

export type MsrOperation = 'read' | 'write' | 'setting';

/**
 * Maps a status byte to a typed error, or `undefined` for ok. `0x39` is the
 * manual's "card moving error" / "invalid card swipe when in write mode", i.e.
 * the card was pulled or swiped unevenly while being written.
 */
export function statusError(status: number, op: MsrOperation): CardDeviceError | undefined {
  const detail = `MSR605X status 0x${status.toString(16)} on ${op}`;
  switch (status) {
    case MSR_STATUS.ok:
      return undefined;
    case MSR_STATUS.cardMovingError:
      return new CardDeviceError(op === 'read' ? 'readError' : 'cardPulled', detail);
    case MSR_STATUS.commandFormatError:
    case MSR_STATUS.invalidCommand:
      return new CardDeviceError('deviceError', detail);
    default:
      // 0x31 and the manual's "[31]~[3F] if error".
      return new CardDeviceError(op === 'read' ? 'readError' : op === 'write' ? 'writeError' : 'deviceError', detail);
  }
}

/** `ESC status` → status byte, or `undefined` if the message is not that shape. */
export function statusOf(message: Uint8Array): number | undefined {
  return message.length === 2 && message[0] === ESC ? message[1] : undefined;
}

export type Coercivity = 'hi' | 'lo';

/** `ESC H`/`ESC L` per the manual, `ESC h`/`ESC l` on real MSR605X units: accept both. */
export function coercivityOf(message: Uint8Array): Coercivity | undefined {
  if (message.length !== 2 || message[0] !== ESC) return undefined;
  const c = String.fromCharCode(message[1] ?? 0).toLowerCase();
  return c === 'h' ? 'hi' : c === 'l' ? 'lo' : undefined;
}
