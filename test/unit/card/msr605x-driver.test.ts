import { describe, expect, it } from 'vitest';
import { encodeAndVerify } from '../../../hardware/card/card-encoder';
import { CardDeviceError } from '../../../hardware/card/errors';
import { HidTransport } from '../../../hardware/card/hid-transport';
import { Msr605xEncoder } from '../../../hardware/card/msr605x/driver';
import { Msr605xEmulator } from '../../../hardware/sim/msr605x-emulator';

const CARD = { track1: 'IDC ACCESS 000123', track2: '6200000123=2912', track3: '000123' };

async function setup(): Promise<{ emu: Msr605xEmulator; encoder: Msr605xEncoder }> {
  const emu = new Msr605xEmulator();
  const encoder = new Msr605xEncoder(new HidTransport(emu), { swipeTimeoutMs: 300, commandTimeoutMs: 1000 });
  await encoder.init();
  return { emu, encoder };
}

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    if (err instanceof CardDeviceError) return err.code;
    throw err;
  }
};

describe('MSR605X driver against the emulator', () => {
  it('init resets, tests and switches the (Lo-Co at power-up) unit to Hi-Co, byte for byte', async () => {
    const { emu, encoder } = await setup();
    expect(emu.mode).toBe('hi');
    expect(await encoder.getCoercivity()).toBe('hi');
    // Every report is 65 bytes: report id 0, header, payload, padding.
    expect(emu.reportsIn.every((r) => r.length === 65 && r[0] === 0)).toBe(true);
    expect(emu.reportsIn.slice(0, 4).map((r) => [...r.subarray(1, 4)])).toEqual([
      [0xc2, 0x1b, 0x61],
      [0xc2, 0x1b, 0x65],
      [0xc2, 0x1b, 0x61],
      [0xc2, 0x1b, 0x78],
    ]);
  });

  it('encodes, reads and verifies all three tracks', async () => {
    const { emu, encoder } = await setup();
    const result = await encodeAndVerify(encoder, CARD);
    expect(result).toEqual({ ok: true, read: CARD });
    expect(emu.card?.tracks).toEqual({ 1: CARD.track1, 2: CARD.track2, 3: CARD.track3 });
  });

  it('sends a write longer than one packet as first/middle/last packets', async () => {
    const { emu, encoder } = await setup();
    const long = { track1: 'A'.repeat(76), track3: '1'.repeat(104) };
    emu.reportsIn.length = 0;
    await encoder.encode(long);
    expect(emu.reportsIn.map((r) => r[1])).toEqual([0xbf, 0x3f, 0x3f, 0x40 | ((2 + 2 + 2 + 76 + 2 + 104 + 2) % 63)]);
    expect((await encoder.verify(long)).read).toEqual(long);
  });

  it('refuses data the track cannot carry before touching the device', async () => {
    const { emu, encoder } = await setup();
    const before = emu.reportsIn.length;
    expect(await code(encoder.encode({ track2: 'ABC' }))).toBe('invalidData');
    expect(emu.reportsIn.length).toBe(before);
  });

  it('no card: the swipe wait times out as noCard and the command is cancelled with ESC a', async () => {
    const { emu, encoder } = await setup();
    emu.fault = 'noCard';
    expect(await code(encoder.encode(CARD))).toBe('noCard');
    expect([...(emu.reportsIn.at(-1) ?? [])].slice(1, 4)).toEqual([0xc2, 0x1b, 0x61]);
    expect(await code(encoder.read())).toBe('noCard');
    // The device is usable again once a card comes.
    emu.fault = 'none';
    await expect(encodeAndVerify(encoder, CARD)).resolves.toMatchObject({ ok: true });
  });

  it('write error (status 0x31) is writeError and leaves the card as it was', async () => {
    const { emu, encoder } = await setup();
    emu.fault = 'writeError';
    expect(await code(encodeAndVerify(encoder, CARD))).toBe('writeError');
    expect(emu.card?.tracks).toEqual({});
  });

  it('a Hi-Co card written in Lo-Co mode fails as writeError', async () => {
    const { encoder } = await setup();
    await encoder.setCoercivity('lo');
    expect(await code(encoder.encode(CARD))).toBe('writeError');
  });

  it('card pulled mid-write (status 0x39) is cardPulled, and a later verify never passes', async () => {
    const { emu, encoder } = await setup();
    emu.fault = 'cardPulled';
    expect(await code(encoder.encode(CARD))).toBe('cardPulled');
    emu.fault = 'none';
    expect(await code(encoder.verify(CARD))).toBe('readError');
  });

  it('a card holding other data fails verify with verifyMismatch', async () => {
    const { emu, encoder } = await setup();
    await encoder.encode(CARD);
    if (emu.card) emu.card.tracks[2] = '6200000999=2912';
    expect(await code(encoder.verify(CARD))).toBe('verifyMismatch');
    expect(await code(encodeAndVerify(encoder, { track2: '1' }).then(() => encoder.verify(CARD)))).toBe('verifyMismatch');
  });

  it('unplugged mid-command: the pending call and every later call fail as unplugged', async () => {
    const { emu, encoder } = await setup();
    emu.fault = 'unplugged';
    expect(await code(encoder.encode(CARD))).toBe('unplugged');
    expect(await code(encoder.read())).toBe('unplugged');
    expect(await code(encoder.getCoercivity())).toBe('unplugged');
  });

  it('unplugged while waiting for a swipe rejects the wait at once', async () => {
    const { emu, encoder } = await setup();
    emu.fault = 'noCard';
    const pending = code(encoder.read());
    setTimeout(() => emu.unplug(), 5);
    expect(await pending).toBe('unplugged');
  });

  it('every error carries an English message that says what to do', async () => {
    const { emu, encoder } = await setup();
    emu.fault = 'cardPulled';
    await expect(encoder.encode(CARD)).rejects.toThrow(/Present it again/);
  });

  it('the OUTPUT-report fallback carries the same packets', async () => {
    const emu = new Msr605xEmulator();
    const encoder = new Msr605xEncoder(new HidTransport(emu), { swipeTimeoutMs: 300, reportKind: 'output' });
    await encoder.init();
    await expect(encodeAndVerify(encoder, CARD)).resolves.toMatchObject({ ok: true });
  });
});
