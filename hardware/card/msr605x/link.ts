import { CardDeviceError } from '../errors';
import type { HidTransport } from '../hid-transport';
import type { Timers } from '../timers';
import { MessageAssembler, frameMessage } from './framing';

/**
 * How packets reach the device. The vendor tool and most drivers use FEATURE
 * report 0 (hardware.md 1.1); OUTPUT reports are reported to work too and stay
 * as a fallback. Either way the report is 65 bytes: report id 0 + 64.
 */
export type MsrReportKind = 'feature' | 'output';

/** Messages over one transport: framing out, reassembly in. */
export class MsrLink {
  private readonly assembler = new MessageAssembler();

  constructor(
    private readonly transport: HidTransport,
    private readonly timers: Timers,
    private readonly reportKind: MsrReportKind = 'feature',
  ) {}

  /** Sends one message. Stale input (answers to an aborted command) is dropped first. */
  async send(message: readonly number[] | Uint8Array): Promise<void> {
    this.transport.discardInput();
    this.assembler.reset();
    for (const packet of frameMessage(Uint8Array.from(message))) {
      const report = new Uint8Array(1 + packet.length); // report id 0, then the 64 bytes
      report.set(packet, 1);
      await (this.reportKind === 'feature' ? this.transport.sendFeature(report) : this.transport.write(report));
    }
  }

  /** The next complete message, within `ms` overall. */
  async receive(ms: number, onTimeout: () => CardDeviceError): Promise<Uint8Array> {
    const deadline = this.timers.now() + ms;
    for (;;) {
      const left = Math.max(0, deadline - this.timers.now());
      const message = this.assembler.push(await this.transport.nextInput(left, onTimeout));
      if (message) return message;
    }
  }
}
