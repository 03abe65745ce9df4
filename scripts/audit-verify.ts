/**
 * Verifies an exported card audit trail (R-K5): `npm run -s audit:verify -- <file.json>`.
 * Exit 0 when every chain holds, 1 with the first broken link, 2 on a bad file.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { verifyChains } from '../shared/cards/audit-chain';
import { cardAuditSchema } from '../shared/domain/card';

const fileSchema = z.union([
  z.object({ entries: z.array(cardAuditSchema) }),
  z.array(cardAuditSchema).transform((entries) => ({ entries })),
]);

async function main(): Promise<number> {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('usage: npm run -s audit:verify -- <exported-audit.json>\n');
    return 2;
  }
  const parsed = fileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    process.stderr.write(`not a card audit export: ${parsed.error.message}\n`);
    return 2;
  }
  const report = await verifyChains(parsed.data.entries);
  if (report.ok) {
    process.stdout.write(
      `OK: ${report.entries} entries in ${report.chains} chain(s), every link holds\n`,
    );
    return 0;
  }
  const b = report.firstBroken!;
  const why = {
    hash: 'entry was changed after it was written',
    link: 'the entry before it was deleted, changed or moved',
    seq: 'an entry is missing before it',
  }[b.reason];
  process.stdout.write(`BROKEN: chain ${b.chain}, entry #${b.seq} (id ${b.id}): ${why}\n`);
  return 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
