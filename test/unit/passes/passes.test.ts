import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { PassError, expandNumbers, numbersDiffer, parsePassNumbers } from '../../../shared/domain/pass';
import { checkWithGuard, dueSheetDay, ensureOverdueAlert, signSheet } from '../../../renderer/db/handover';
import { addPasses, issuePass, reportLost, returnPass } from '../../../renderer/db/passes';
import { db } from '../../../renderer/db/schema';

const cal = { holidays: new Set(['2026-10-01']), workingWeekends: new Set<string>() };
const visit = { id: 'visit-1', name: '周子航' };
const SIG = 'data:image/png;base64,iVBORw0KGgo=';

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});

describe('R-P3: when the handover sheet is due', () => {
  it('Monday 09:00 checks Friday; before 09:00 and on weekends nothing is due; a holiday is skipped', () => {
    expect(dueSheetDay(new Date(2026, 10, 23, 9, 0), cal)).toBe('2026-11-20');
    expect(dueSheetDay(new Date(2026, 10, 23, 8, 59), cal)).toBeNull();
    expect(dueSheetDay(new Date(2026, 10, 22, 10, 0), cal)).toBeNull();
    expect(dueSheetDay(new Date(2026, 10, 24, 9, 30), cal)).toBe('2026-11-23');
    // 2026-10-02 (Fri) after the 10-01 holiday (Thu): the sheet is Wednesday's.
    expect(dueSheetDay(new Date(2026, 9, 2, 9, 0), cal)).toBe('2026-09-30');
  });

  it('numbers typed by people are normalised; ranges expand; differences both ways', () => {
    expect(parsePassNumbers('1, 0003，2 2')).toEqual(['0001', '0002', '0003']);
    expect(expandNumbers('1-3 9')).toEqual(['0001', '0002', '0003', '0009']);
    expect(numbersDiffer(['0001', '0002'], ['0001', '0005'])).toEqual({ missingAtGuard: ['0002'], unknownToDesk: ['0005'] });
  });
});

describe('R-P1/R-P2: passes go out only against an employee signature or card', () => {
  it('issue, return, lost, and every event in the audit trail', async () => {
    await addPasses(['1', '2'], '李娜');
    const [p1, p2] = await db.passes.orderBy('number').toArray();
    await expect(issuePass({ passId: p1!.id, visit, employeeName: '王建国', employeeCard: '', signature: null }, '李娜')).rejects.toBeInstanceOf(PassError);
    const issue = await issuePass({ passId: p1!.id, visit, employeeName: '王建国', employeeCard: '', signature: SIG }, '李娜');
    await expect(issuePass({ passId: p1!.id, visit, employeeName: '王建国', employeeCard: 'E1', signature: null }, '李娜')).rejects.toMatchObject({ code: 'pass.notAvailable' });
    expect((await db.passes.get(p1!.id))?.state).toBe('issued');
    await returnPass(issue.id, '李娜');
    expect((await db.passes.get(p1!.id))?.state).toBe('returned');
    expect((await db.passIssues.get(issue.id))?.returnedAt).not.toBeNull();
    await reportLost(p2!.id, '赵保安', '', '李娜');
    expect(await db.passes.get(p2!.id)).toMatchObject({ state: 'lost', lostBy: '赵保安' });
    const actions = (await db.audit.toArray()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['pass.add', 'pass.issue', 'pass.return', 'pass.lost']));
    expect(await db.outbox.where('table').equals('passIssues').count()).toBe(2);
  });
});

describe('R-P3: the sheet, the mismatch escalation and the overdue alert', () => {
  it('a mismatch escalates once at the check, must be explained, and signing closes the overdue alert', async () => {
    await addPasses(['1', '2'], '李娜');
    for (const p of await db.passes.toArray()) await issuePass({ passId: p.id, visit, employeeName: '王建国', employeeCard: 'E1', signature: null }, '李娜');
    const day = (await db.passIssues.toArray())[0]!.day;
    await Promise.all([ensureOverdueAlert(day, '李娜'), ensureOverdueAlert(day, '李娜')]);
    expect(await db.alerts.where('kind').equals('passCheckOverdue').count()).toBe(1);

    const result = await checkWithGuard(day, ['0001'], '李娜');
    expect(result).toEqual({ mismatch: true, missingAtGuard: ['0002'], unknownToDesk: [] });
    await checkWithGuard(day, ['0001'], '李娜');
    expect(await db.alerts.where('kind').equals('passMismatch').count()).toBe(1);

    const input = { day, guardNumbers: ['0001'], explanation: '', receptionistName: '李娜', receptionistSignature: SIG, guardName: '赵保安', guardSignature: SIG };
    await expect(signSheet(input, '李娜')).rejects.toMatchObject({ code: 'pass.explainMismatch' });
    const sheet = await signSheet({ ...input, explanation: '0002 未经机房登记' }, '李娜');
    expect(sheet).toMatchObject({ mismatch: true, issuedNumbers: ['0001', '0002'], outNumbers: ['0001', '0002'], finalNumber: null });
    expect(sheet.number).toMatch(/^临-\d{8}-[0-9A-F]{4}$/);
    expect((await db.alerts.where('kind').equals('passCheckOverdue').first())?.ackAt).not.toBeNull();
    await expect(signSheet({ ...input, explanation: 'x' }, '李娜')).rejects.toMatchObject({ code: 'pass.duplicate' });
    await ensureOverdueAlert(day, '李娜');
    expect(await db.alerts.where('kind').equals('passCheckOverdue').count()).toBe(1);
  });
});
