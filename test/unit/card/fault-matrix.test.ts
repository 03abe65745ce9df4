import { describe, expect, it } from 'vitest';
import { encodeAndVerify, type CardEncoder, type VerifyResult } from '../../../hardware/card/card-encoder';
import { Em4100Writer } from '../../../hardware/card/em4100-writer/driver';
import { CardDeviceError, type CardDeviceErrorCode } from '../../../hardware/card/errors';
import { HidTransport } from '../../../hardware/card/hid-transport';
import { Msr605xEncoder } from '../../../hardware/card/msr605x/driver';
import { Em4100WriterEmulator } from '../../../hardware/sim/em4100-writer-emulator';
import { Msr605xEmulator } from '../../../hardware/sim/msr605x-emulator';

type Fault = 'noCard' | 'writeError' | 'cardPulled' | 'unplugged';

/** One device under test: a way to break it and a way to make a card on it. */
interface Rig {
  setFault(f: Fault): void;
  make(): Promise<VerifyResult<unknown>>;
}

async function msrRig(): Promise<Rig> {
  const emu = new Msr605xEmulator();
  const enc = new Msr605xEncoder(new HidTransport(emu), { swipeTimeoutMs: 300 });
  await enc.init();
  return { setFault: (f) => (emu.fault = f), make: () => encodeAndVerify(enc, { track2: '6200000123=2912' }) };
}

async function emRig(): Promise<Rig> {
  const emu = new Em4100WriterEmulator();
  const enc: CardEncoder<{ customer: number; id: number }> = new Em4100Writer(new HidTransport(emu), { settleMs: 0 });
  return { setFault: (f) => (emu.fault = f), make: () => encodeAndVerify(enc, { customer: 1, id: 123 }) };
}

const FAULTS = ['noCard', 'writeError', 'cardPulled', 'unplugged'] as const satisfies readonly Fault[];

const expected: Record<Fault, CardDeviceErrorCode> = {
  noCard: 'noCard',
  writeError: 'writeError',
  cardPulled: 'cardPulled',
  unplugged: 'unplugged',
};

describe.each([
  ['MSR605X', msrRig],
  ['EM4100 writer', emRig],
] as const)('%s: every fault mode', (_name, rig) => {
  it.each(FAULTS)('%s → typed error, no card made', async (fault) => {
    const r = await rig();
    r.setFault(fault);
    let made: VerifyResult<unknown> | undefined;
    let error: unknown;
    try {
      made = await r.make();
    } catch (err) {
      error = err;
    }
    expect(made).toBeUndefined();
    if (!(error instanceof CardDeviceError)) throw new Error(`expected a CardDeviceError, got ${String(error)}`);
    expect(error.code).toBe(expected[fault]);
    expect(error.message).toMatch(/\.$/); // a full English sentence the desk can act on
  });

  it('no fault → made', async () => {
    const r = await rig();
    await expect(r.make()).resolves.toMatchObject({ ok: true });
  });
});
