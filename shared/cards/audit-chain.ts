/**
 * The card audit trail's hash chain (R-K5). Each entry stores the SHA-256 of
 * the previous entry's hash followed by its own canonical JSON (every field
 * but `hash`, keys sorted), so changing any stored field breaks that entry's
 * hash, and deleting or reordering an entry breaks the next one's link.
 * Uses Web Crypto (`crypto.subtle`), present in the renderer and in Node ≥ 20,
 * so the app and the command-line verifier run the same code.
 * Limit: removing the newest entries of a chain leaves a shorter valid chain;
 * the exported file's entry count and last hash are what to compare for that.
 */
import type { CardAuditEntry } from '../domain/card';

export const GENESIS_HASH = '0'.repeat(64);

export type UnsignedEntry = Omit<CardAuditEntry, 'hash'>;

/** JSON with keys sorted at every level: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function entryHash(e: UnsignedEntry): Promise<string> {
  const { id, chain, seq, at, actor, action, entity, entityId, detail, prevHash } = e;
  return sha256Hex(
    prevHash +
      canonicalJson({ id, chain, seq, at, actor, action, entity, entityId, detail, prevHash }),
  );
}

/** The next link after `head` (undefined = first entry of the chain). */
export async function sealEntry(
  head: CardAuditEntry | undefined,
  e: Omit<UnsignedEntry, 'seq' | 'prevHash'>,
): Promise<CardAuditEntry> {
  const unsigned: UnsignedEntry = {
    ...e,
    seq: (head?.seq ?? 0) + 1,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...unsigned, hash: await entryHash(unsigned) };
}

export interface BrokenLink {
  chain: string;
  seq: number;
  id: string;
  /** hash: the entry was edited; link: the entry before it was deleted, edited or reordered; seq: numbering gap. */
  reason: 'hash' | 'link' | 'seq';
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  chains: number;
  firstBroken: BrokenLink | null;
}

/** Checks every chain in order of `seq`; reports the first broken link found (earliest seq of the first bad chain). */
export async function verifyChains(entries: readonly CardAuditEntry[]): Promise<ChainReport> {
  const byChain = new Map<string, CardAuditEntry[]>();
  for (const e of entries) byChain.set(e.chain, [...(byChain.get(e.chain) ?? []), e]);
  let firstBroken: BrokenLink | null = null;
  for (const [chain, list] of [...byChain].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) => a.seq - b.seq);
    let prev = GENESIS_HASH;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      const at = { chain, seq: e.seq, id: e.id };
      let broken: BrokenLink | null = null;
      if (e.seq !== i + 1) broken = { ...at, reason: 'seq' };
      else if (e.prevHash !== prev) broken = { ...at, reason: 'link' };
      else if ((await entryHash(e)) !== e.hash) broken = { ...at, reason: 'hash' };
      if (broken) {
        firstBroken ??= broken;
        break;
      }
      prev = e.hash;
    }
  }
  return { ok: firstBroken === null, entries: entries.length, chains: byChain.size, firstBroken };
}
