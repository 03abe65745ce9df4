import { CardDataError, assertEm4100Id, type Em4100Id } from '../../../shared/card-data';
import type { CardEncoder, EncodeResult, VerifyResult } from '../card-encoder';
import { CardDeviceError } from '../errors';
import type { HidTransport } from '../hid-transport';
import { sleep, systemTimers, type Timers } from '../timers';
import {
  REPORT_SIZE,
  RESPONSE_REPORT_ID,
  buildRequest,
  fieldResetPayload,
  parseReadAnswer,
  readTagPayload,
  writeTagPayload,
  type TagType,
} from './protocol';

export interface Em4100WriterOptions {
  readonly timers?: Timers;
  /** What the blanks are; T5577 is what these writers are sold with. */
  readonly tagType?: TagType;
  /** Time for the tag to settle after the write and the field reset. */
  readonly settleMs?: number;
}

const same = (a: Em4100Id, b: Em4100Id): boolean => a.customer === b.customer && a.id === b.id;

/**
 * The `ffff:0035` EM4100/T5577 writer. The device gives no trustworthy write
 * status, so the write is judged by reading the tag back: no tag afterwards
 * means it left the field (`cardPulled`), another id means the write did not
 * take (`writeError`, e.g. a read-only EM4100 tag). Calls are serialised.
 */
export class Em4100Writer implements CardEncoder<Em4100Id> {
  readonly kind = 'em4100Writer';
  private readonly timers: Timers;
  private readonly tagType: TagType;
  private readonly settleMs: number;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: HidTransport,
    options: Em4100WriterOptions = {},
  ) {
    this.timers = options.timers ?? systemTimers;
    this.tagType = options.tagType ?? 't5577';
    this.settleMs = options.settleMs ?? 150;
  }

  encode(data: Em4100Id): Promise<EncodeResult<Em4100Id>> {
    return this.serial(async () => {
      try {
        assertEm4100Id(data);
      } catch (err) {
        throw err instanceof CardDataError ? new CardDeviceError('invalidData', err.message) : err;
      }
      // A write with no tag in the field "succeeds" silently: check first.
      if ((await this.readNow()) === undefined) throw new CardDeviceError('noCard', 'no tag before writing');
      await this.request(writeTagPayload(data, this.tagType), 'write');
      await this.transport.sendFeature(buildRequest(fieldResetPayload(this.tagType)));
      if (this.settleMs > 0) await sleep(this.settleMs, this.timers);
      const after = await this.readNow();
      if (after === undefined) throw new CardDeviceError('cardPulled', 'tag gone after writing');
      if (!same(after, data)) throw new CardDeviceError('writeError', 'tag kept another id after writing');
      return { written: data };
    });
  }

  read(): Promise<Em4100Id> {
    return this.serial(async () => {
      const id = await this.readNow();
      if (id === undefined) throw new CardDeviceError('noCard', 'no tag in the field');
      return id;
    });
  }

  async verify(expected: Em4100Id): Promise<VerifyResult<Em4100Id>> {
    const read = await this.read();
    if (!same(read, expected)) throw new CardDeviceError('verifyMismatch', 'tag id differs');
    return { ok: true, read };
  }

  /** One beep, to show the desk which device is which. */
  beep(): Promise<void> {
    return this.serial(() => this.transport.sendFeature(buildRequest([0x89, 0x01, 0x01])));
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async readNow(): Promise<Em4100Id | undefined> {
    const answer = parseReadAnswer(await this.request(readTagPayload()));
    if (answer.kind === 'corrupt') throw new CardDeviceError('readError', 'read answer checksum mismatch');
    return answer.kind === 'tag' ? answer.id : undefined;
  }

  /** SET_REPORT 1 then GET_REPORT 2, as pyrfidhid does for read and write (beeps are send-only). */
  private async request(payload: number[], kind: 'write' | 'other' = 'other'): Promise<Uint8Array> {
    await this.transport.sendFeature(buildRequest(payload, kind));
    return this.transport.getFeature(RESPONSE_REPORT_ID, REPORT_SIZE);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
