import 'fake-indexeddb/auto';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyChains } from '../../../shared/cards/audit-chain';
import type { CardAuditEntry } from '../../../shared/domain/card';
import { db } from '../../../renderer/db/schema';
import { verifyCardAudit } from '../../../renderer/cards/audit-log';
import {
  markMade,
  requestRevocation,
  submitApplication,
  type NewApplication,
} from '../../../renderer/cards/card-life';
import {
  WorkVisitError,
  approveWorkVisit,
  completeWorkVisit,
  enterMachineRoom,
  updateEquipment,
} from '../../../renderer/cards/work-visits';

const run = promisify(execFile);

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

const application: NewApplication = {
  company: '华数云科技',
  holderName: '张伟',
  idType: 'resident',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  areas: 'A-01',
  validFrom: '2026-11-22',
  validTo: '2027-11-21',
  salesRep: '刘洋',
  letter: { name: 'letter.png', type: 'image/png', dataUrl: 'data:image/png;base64,AAAA' },
};

async function trail(): Promise<CardAuditEntry[]> {
  const appId = await submitApplication('前台 王芳', application);
  const app = (await db.cardApplications.get(appId))!;
  const cardId = await markMade(
    '前台 王芳',
    app,
    'P-00000042',
    { medium: 'msr605x', track1: 'IDC CARD P-00000042', track2: '6200000042=2711', track3: '' },
    'emulator:msr605x',
  );
  await requestRevocation('前台 王芳', (await db.cards.get(cardId))!, 'lost', '刘洋');
  const entries = await db.cardAudit.toArray();
  return entries.sort((a, b) => a.seq - b.seq);
}

describe('card audit trail, hash-chained (R-K5)', () => {
  it('every step appends one linked entry and the chain verifies', async () => {
    const entries = await trail();
    expect(entries.map((e) => e.action)).toEqual([
      'application.submitted',
      'card.made',
      'card.revokeRequested',
    ]);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    await expect(verifyCardAudit()).resolves.toMatchObject({
      ok: true,
      entries: 3,
      firstBroken: null,
    });
  });

  it('editing one stored entry is reported at that entry', async () => {
    const entries = await trail();
    await db.cardAudit.put({ ...entries[1]!, actor: '别人' });
    const report = await verifyCardAudit();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 2, id: entries[1]!.id, reason: 'hash' });
  });

  it('deleting one entry is detected at the next one', async () => {
    const entries = await trail();
    await db.cardAudit.delete(entries[1]!.id);
    expect((await verifyCardAudit()).firstBroken).toMatchObject({ seq: 3, reason: 'seq' });
    // Renumbering to hide the gap breaks the link instead.
    await db.cardAudit.put({ ...entries[2]!, seq: 2 });
    expect((await verifyChains(await db.cardAudit.toArray())).firstBroken).toMatchObject({
      seq: 2,
      reason: 'link',
    });
  });

  it('the command-line verifier reports the first broken link of an exported file', async () => {
    const entries = await trail();
    const dir = await mkdtemp(join(tmpdir(), 'audit-'));
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ entries }));
    const ok = await run('npx', ['tsx', 'scripts/audit-verify.ts', good]);
    expect(ok.stdout).toContain('OK: 3 entries');
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({
        entries: entries.map((e, i) =>
          i === 1 ? { ...e, detail: 'P-99999999 for someone else' } : e,
        ),
      }),
    );
    const broken = await run('npx', ['tsx', 'scripts/audit-verify.ts', bad]).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(broken).toMatchObject({ code: 1 });
    expect(broken.stdout).toContain(`entry #2 (id ${entries[1]!.id})`);
  }, 30_000);
});

describe('machine-room work visits (R-P4)', () => {
  it('a missing item blocks completion until ticked or explained; the escort completes', async () => {
    const id = await approveWorkVisit('前台', {
      name: '李工',
      company: '集成商',
      work: '更换硬盘',
      areas: 'B-12',
      approver: '王经理',
      escort: '赵工',
      credential: 'pass 0012',
      equipment: ['笔记本电脑', '硬盘 x2'],
    });
    await enterMachineRoom('前台', id);
    const v = (await db.workVisits.get(id))!;
    await updateEquipment('前台', id, [{ ...v.equipment[0]!, checkedOut: true }, v.equipment[1]!]);
    await expect(completeWorkVisit('前台', id, '赵工')).rejects.toMatchObject({
      code: 'cards.work.missingEquipment',
      items: ['硬盘 x2'],
    });
    await updateEquipment('前台', id, [
      { ...v.equipment[0]!, checkedOut: true },
      { ...v.equipment[1]!, note: '已装入 B-12 机柜' },
    ]);
    await completeWorkVisit('前台', id, '赵工');
    expect(await db.workVisits.get(id)).toMatchObject({ state: 'done', completedBy: '赵工' });
    expect(WorkVisitError).toBeDefined();
    await expect(verifyCardAudit()).resolves.toMatchObject({ ok: true, entries: 5 });
  });
});
