import { afterEach, describe, expect, it } from 'vitest';
import {
  CARD_ERROR_CODES,
  type CardSettings,
  type EncoderStatus,
  type SimFault,
} from '../../../shared/api/cards';
import { CARD_DEVICE_ERROR_CODES } from '../../../hardware/card/errors';
import { EmulatedCardBackend } from '../../../hardware/sim/card-backend';
import { CardEncoderService } from '../../../electron/services/cards/encoder-service';
import { DEFAULT_CARD_SETTINGS } from '../../../electron/services/cards/settings';

const open: CardEncoderService[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function service(medium: CardSettings['emulatedMedium'] = 'msr605x'): {
  svc: CardEncoderService;
  backend: EmulatedCardBackend;
  statuses: EncoderStatus[];
} {
  const backend = new EmulatedCardBackend();
  const statuses: EncoderStatus[] = [];
  const settings: CardSettings = {
    ...DEFAULT_CARD_SETTINGS,
    emulatedMedium: medium,
    presentSeconds: 2,
  };
  const svc = new CardEncoderService({
    settings: () => settings,
    onStatus: (s) => statuses.push(s),
    backend,
    pollMs: 50,
  });
  open.push(svc);
  return { svc, backend, statuses };
}

const magnetic = {
  medium: 'msr605x',
  track1: 'IDC ACCESS 000001',
  track2: '62000000001=2912',
  track3: '',
} as const;
const proximity = { medium: 'em4100Writer', customer: 0x4d, id: 1_000_001 } as const;

describe('card service against the emulator (issue 6: a failed verify never counts as made)', () => {
  it('the contract lists exactly the device error codes', () => {
    expect([...CARD_ERROR_CODES]).toEqual([...CARD_DEVICE_ERROR_CODES]);
  });

  it('encodes, reads back and matches an MSR605X card', async () => {
    const { svc, backend } = service();
    const r = await svc.encode(magnetic);
    expect(r).toMatchObject({
      ok: true,
      read: { track1: magnetic.track1, track2: magnetic.track2 },
    });
    expect(backend.msr605x.card?.tracks[2]).toBe(magnetic.track2);
    await expect(svc.read()).resolves.toMatchObject({
      ok: true,
      read: { track2: magnetic.track2 },
    });
  });

  it('encodes, reads back and matches an EM4100 tag', async () => {
    const { svc } = service('em4100Writer');
    await expect(svc.encode(proximity)).resolves.toMatchObject({ ok: true, read: proximity });
  });

  const faults: [SimFault, string][] = [
    ['writeError', 'writeError'],
    ['cardPulled', 'cardPulled'],
    ['unplugged', 'unplugged'],
    ['mismatch', 'verifyMismatch'],
  ];
  for (const medium of ['msr605x', 'em4100Writer'] as const) {
    for (const [fault, code] of faults) {
      it(`${medium}: fault ${fault} → ${code}, nothing made`, async () => {
        const { svc } = service(medium);
        svc.simulateFault(fault);
        const r = await svc.encode(medium === 'msr605x' ? magnetic : proximity);
        expect(r).toMatchObject({ ok: false, code });
        if (!r.ok) expect(r.message.length).toBeGreaterThan(20);
      });
    }
  }

  it('noCard: the encoder gives up after the present time with noCard', async () => {
    const { svc } = service();
    svc.simulateFault('noCard');
    const r = await svc.encode(magnetic);
    expect(r).toMatchObject({ ok: false, code: 'noCard' });
  }, 10_000);

  it('an unplug is reported, and clearing the fault plugs a unit back that encodes again', async () => {
    const { svc, statuses } = service();
    svc.simulateFault('unplugged');
    await svc.encode(magnetic);
    expect(svc.status.state).toBe('disconnected');
    expect(statuses.some((s) => s.state === 'disconnected')).toBe(true);
    svc.simulateFault('none');
    await new Promise((r) => setTimeout(r, 120));
    expect(svc.status.state).toBe('simulated');
    await expect(svc.encode(magnetic)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a payload for the other medium as invalidData', async () => {
    const { svc } = service('msr605x');
    await expect(svc.encode(proximity)).resolves.toMatchObject({ ok: false, code: 'invalidData' });
  });
});
