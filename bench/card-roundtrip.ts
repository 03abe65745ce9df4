/**
 * Card encode-and-verify round trip against the emulators (issue 6, bench):
 * per card, the full driver path — validation, ISO block / feature-report
 * building, HID framing, status mapping, read-back parse and compare — against
 * a baseline that pushes the same reports into the same emulator and waits for
 * the answers with no framing logic, parsing or verification of its own.
 * The ratio is the driver's overhead; absolute times are dominated by the
 * emulator's event-loop hops (a real swipe takes ~0.5 s, a T5577 write ~100 ms).
 * Run: `npx tsx bench/card-roundtrip.ts` (BENCH_CARDS to change the count).
 */
import { encodeAndVerify } from '../hardware/card/card-encoder';
import { Em4100Writer } from '../hardware/card/em4100-writer/driver';
import { RESPONSE_REPORT_ID, buildRequest, fieldResetPayload, readTagPayload, writeTagPayload } from '../hardware/card/em4100-writer/protocol';
import { HidTransport } from '../hardware/card/hid-transport';
import { frameMessage } from '../hardware/card/msr605x/framing';
import { Msr605xEncoder } from '../hardware/card/msr605x/driver';
import { Em4100WriterEmulator } from '../hardware/sim/em4100-writer-emulator';
import { Msr605xEmulator } from '../hardware/sim/msr605x-emulator';
import { buildIsoWriteBlock } from '../shared/card-data';
import { median, percentile, report } from './lib';

const CARDS = Number(process.env.BENCH_CARDS ?? 300);

const tracksFor = (n: number): { track1: string; track2: string } => ({
  track1: `IDC ACCESS ${String(n).padStart(6, '0')}`,
  track2: `62000${String(n).padStart(6, '0')}=2912`,
});

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/** Raw MSR605X exchange: prebuilt 65-byte reports in, wait for the last-packet header out. */
async function rawMsrExchange(emu: Msr605xEmulator, message: Uint8Array): Promise<void> {
  const done = new Promise<void>((resolve) => {
    const onData = (r: Buffer): void => {
      if ((r[0] ?? 0) & 0x40) {
        emu.off('data', onData);
        resolve();
      }
    };
    emu.on('data', onData);
  });
  for (const p of frameMessage(message)) await emu.sendFeatureReport(Buffer.concat([Buffer.of(0), p]));
  await done;
}

async function benchMsr(): Promise<void> {
  const emu = new Msr605xEmulator();
  const encoder = new Msr605xEncoder(new HidTransport(emu));
  await encoder.init();
  const ours: number[] = [];
  for (let i = 0; i < CARDS; i++) ours.push(await timed(() => encodeAndVerify(encoder, tracksFor(i))));
  await encoder.close();

  const raw = new Msr605xEmulator();
  raw.mode = 'hi';
  const base: number[] = [];
  for (let i = 0; i < CARDS; i++) {
    const write = Uint8Array.from([0x1b, 0x77, ...buildIsoWriteBlock(tracksFor(i))]);
    base.push(await timed(async () => {
      await rawMsrExchange(raw, write);
      await rawMsrExchange(raw, Uint8Array.of(0x1b, 0x72));
    }));
  }
  report('msr605x encode+verify ms/card (emulator)', { median: median(ours), p95: percentile(ours, 95), cards: CARDS }, { name: 'raw_write_read', value: median(base), ours: median(ours) });
}

async function benchEm(): Promise<void> {
  const emu = new Em4100WriterEmulator();
  const writer = new Em4100Writer(new HidTransport(emu), { settleMs: 0 });
  const ours: number[] = [];
  for (let i = 0; i < CARDS; i++) ours.push(await timed(() => encodeAndVerify(writer, { customer: 0x4d, id: 1_000_000 + i })));
  await writer.close();

  const raw = new Em4100WriterEmulator();
  const base: number[] = [];
  const read = Buffer.from(buildRequest(readTagPayload()));
  const reset = Buffer.from(buildRequest(fieldResetPayload('t5577')));
  for (let i = 0; i < CARDS; i++) {
    const write = Buffer.from(buildRequest(writeTagPayload({ customer: 0x4d, id: 1_000_000 + i }, 't5577'), 'write'));
    base.push(await timed(async () => {
      await raw.sendFeatureReport(write);
      await raw.getFeatureReport(RESPONSE_REPORT_ID, 256);
      await raw.sendFeatureReport(reset);
      await raw.sendFeatureReport(read);
      await raw.getFeatureReport(RESPONSE_REPORT_ID, 256);
    }));
  }
  report('em4100 writer encode+verify ms/card (emulator)', { median: median(ours), p95: percentile(ours, 95), cards: CARDS }, { name: 'raw_write_read', value: median(base), ours: median(ours) });
}

await benchMsr();
await benchEm();
