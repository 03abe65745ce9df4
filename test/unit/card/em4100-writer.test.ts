import { describe, expect, it } from 'vitest';
import { encodeAndVerify } from '../../../hardware/card/card-encoder';
import { CardDeviceError } from '../../../hardware/card/errors';
import { Em4100Writer } from '../../../hardware/card/em4100-writer/driver';
import { buildRequest, parseReadAnswer, writeTagPayload, xorChecksum } from '../../../hardware/card/em4100-writer/protocol';
import { HidTransport } from '../../../hardware/card/hid-transport';
import { Em4100WriterEmulator } from '../../../hardware/sim/em4100-writer-emulator';

const ID = { customer: 77, id: 1234567890 };

function setup(): { emu: Em4100WriterEmulator; writer: Em4100Writer } {
  const emu = new Em4100WriterEmulator();
  return { emu, writer: new Em4100Writer(new HidTransport(emu), { settleMs: 1 }) };
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

describe('ffff:0035 protocol bytes', () => {
  // pyrfidhid test_core.py fixture (hardware.md 1.3a):
  // [3,0,0,0,0,0,0,0,2,0,6,0,77,73,150,2,210,68,3] → CID 77, UID 1234567890, checksum 68.
  it('parses the pyrfidhid read fixture', () => {
    const fixture = Uint8Array.from([3, 0, 0, 0, 0, 0, 0, 0, 2, 0, 6, 0, 77, 73, 150, 2, 210, 68, 3]);
    expect(parseReadAnswer(fixture)).toEqual({ kind: 'tag', id: ID });
    expect(xorChecksum([6, 0, 77, 73, 150, 2, 210])).toBe(68);
    const corrupt = Uint8Array.from(fixture);
    corrupt[14] = 0;
    expect(parseReadAnswer(corrupt)).toEqual({ kind: 'corrupt' });
    expect(parseReadAnswer(fixture.subarray(0, 12))).toEqual({ kind: 'noTag' });
  });

  // pyrfidhid core.py _initialize_write_buffer / read_tag: [0]=1, [6]=8, [8]=AA, [10]=3, 25 00 00, XOR, BB
  it('builds the read request as pyrfidhid does', () => {
    const r = buildRequest([0x25, 0, 0]);
    expect(r).toHaveLength(256);
    expect([...r.subarray(0, 16)]).toEqual([1, 0, 0, 0, 0, 0, 8, 0, 0xaa, 0, 3, 0x25, 0, 0, 3 ^ 0x25, 0xbb]);
  });

  it('builds the T5577 write request with 0x1f at [6] and the id big-endian', () => {
    const r = buildRequest(writeTagPayload(ID, 't5577'), 'write');
    expect(r[6]).toBe(0x1f);
    expect(r[10]).toBe(26);
    expect([...r.subarray(11, 22)]).toEqual([0x21, 0, 1, 1, 0x00, 77, 73, 150, 2, 210, 0x80]);
    expect(r[37]).toBe(xorChecksum(r.subarray(10, 37)));
    expect(r[38]).toBe(0xbb);
  });
});

describe('EM4100 writer driver against the emulator', () => {
  it('writes a T5577, resets the field, reads back and verifies', async () => {
    const { emu, writer } = setup();
    await expect(encodeAndVerify(writer, ID)).resolves.toEqual({ ok: true, read: ID });
    expect(emu.tag).toMatchObject(ID);
    // read, write, field-reset beep 0x89 0x05, read (then verify's read)
    expect(emu.requests.map((r) => r[11])).toEqual([0x25, 0x21, 0x89, 0x25, 0x25]);
    expect(emu.requests[2]?.[12]).toBe(0x05);
  });

  it('no tag in the field is noCard, before anything is written', async () => {
    const { emu, writer } = setup();
    emu.fault = 'noCard';
    expect(await code(writer.encode(ID))).toBe('noCard');
    expect(emu.requests.some((r) => r[11] === 0x21)).toBe(false);
    expect(await code(writer.read())).toBe('noCard');
  });

  it('a tag that does not take the write is writeError, and verify then fails', async () => {
    const { emu, writer } = setup();
    emu.fault = 'writeError';
    expect(await code(encodeAndVerify(writer, ID))).toBe('writeError');
    expect(await code(writer.verify(ID))).toBe('verifyMismatch');
  });

  it('a read-only EM4100 tag is writeError', async () => {
    const { emu, writer } = setup();
    emu.tag = { customer: 1, id: 42, writable: false };
    expect(await code(writer.encode(ID))).toBe('writeError');
  });

  it('tag taken away during the write is cardPulled, and verify never passes', async () => {
    const { emu, writer } = setup();
    emu.fault = 'cardPulled';
    expect(await code(encodeAndVerify(writer, ID))).toBe('cardPulled');
    emu.fault = 'none';
    expect(await code(writer.verify(ID))).toBe('noCard');
  });

  it('unplugged: error event, this and every later call fail as unplugged', async () => {
    const { emu, writer } = setup();
    emu.fault = 'unplugged';
    expect(await code(writer.encode(ID))).toBe('unplugged');
    expect(await code(writer.read())).toBe('unplugged');
  });

  it('refuses an id out of range without touching the device', async () => {
    const { emu, writer } = setup();
    expect(await code(writer.encode({ customer: 300, id: 1 }))).toBe('invalidData');
    expect(emu.requests).toHaveLength(0);
  });
});
