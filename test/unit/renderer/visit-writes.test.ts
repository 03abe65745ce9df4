import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoAppointments, demoStaff, demoWatchlist } from '../../../shared/demo';
import { VisitTransitionError } from '../../../shared/domain/visit';
import type { CleanVisitor } from '../../../shared/domain/visitor-input';
import { AppointmentError, createAppointment } from '../../../renderer/db/appointments';
import { db } from '../../../renderer/db/schema';
import { acknowledgeAlert, findOnSiteByBadge, signIn, signOut, signOutAllRemaining, signOutByBadge } from '../../../renderer/db/visits';

const visitor: CleanVisitor = {
  name: '王小明',
  company: '星河网络有限公司',
  phone: '+8613800138000',
  category: 'business',
  purpose: '商务洽谈',
  hostId: 'staff-1',
  idType: 'resident',
  idNumber: '440524188001010014',
  photo: null,
  ndaSignature: null,
};
const cal = { holidays: new Set<string>(), workingWeekends: new Set<string>() };

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
  await db.staff.bulkPut(demoStaff(20));
  await db.watchlist.bulkPut(demoWatchlist());
});

describe('outbox: every change is written with its outbox row in one transaction', () => {
  it('R-V4 a walk-in sign-in writes the visit, the host alert and the audit entry, each with an outbox row', async () => {
    const out = await signIn({ visitor, appointment: null, actor: 'kiosk' });
    expect(out.kind).toBe('signedIn');
    const outbox = await db.outbox.toArray();
    expect(outbox.map((o) => o.table).sort()).toEqual(['alerts', 'audit', 'visits']);
    expect(outbox.find((o) => o.table === 'visits')?.key).toBe(out.visit.id);
    expect(new Set(outbox.map((o) => o.mutationId)).size).toBe(3);
    const seqs = outbox.map((o) => o.seq!);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const alert = await db.alerts.where('visitId').equals(out.visit.id).first();
    expect(alert).toMatchObject({ kind: 'hostNotify', ackAt: null });
  });

  it('a failed change leaves neither the record nor an outbox row', async () => {
    const out = await signIn({ visitor, appointment: null, actor: 'kiosk' });
    await signOut(out.visit.id, 'desk', 'desk');
    const before = await db.outbox.count();
    await expect(signOut(out.visit.id, 'desk', 'desk')).rejects.toBeInstanceOf(VisitTransitionError);
    expect(await db.outbox.count()).toBe(before);
    expect((await db.visits.get(out.visit.id))?.state).toBe('signedOut');
  });
});

describe('R-V7 watch list at sign-in', () => {
  it('holds a visitor whose ID is on the deny list and raises an alert with the reason', async () => {
    const out = await signIn({ visitor: { ...visitor, idNumber: '11010519491231002X' }, appointment: null, actor: 'kiosk' });
    expect(out.kind).toBe('seeReception');
    expect(out.visit.state).toBe('held');
    const alert = await db.alerts.where('visitId').equals(out.visit.id).first();
    expect(alert?.kind).toBe('watchHit');
    expect(alert?.detail).toContain('寻衅闹事');
  });

  it('matches the watch list by mobile', async () => {
    const out = await signIn({ visitor: { ...visitor, phone: '+8613900000000' }, appointment: null, actor: 'kiosk' });
    expect(out.kind).toBe('seeReception');
  });
});

describe('R-V8 sign-out and R-V12 day end', () => {
  it('signs out by badge code, typed in lower case', async () => {
    const out = await signIn({ visitor, appointment: null, actor: 'kiosk' });
    const signedOut = await signOutByBadge(out.visit.badgeCode.toLowerCase(), 'kiosk');
    expect(signedOut).toMatchObject({ state: 'signedOut', signOutReason: 'visitor', signedOutBy: 'kiosk' });
    expect(await signOutByBadge(out.visit.badgeCode, 'kiosk')).toBeNull();
  });

  it('finds the visitor on site by a scanned code in full-width letters, and no one for a blank or signed-out code', async () => {
    const out = await signIn({ visitor, appointment: null, actor: 'kiosk' });
    const fullWidth = [...out.visit.badgeCode.toLowerCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect((await findOnSiteByBadge(` ${fullWidth} `))?.id).toBe(out.visit.id);
    expect(await findOnSiteByBadge('   ')).toBeUndefined();
    await signOut(out.visit.id, '李娜', 'desk');
    expect(await findOnSiteByBadge(out.visit.badgeCode)).toBeUndefined();
  });

  it('signs everyone out at day end with the reason in the audit trail', async () => {
    await signIn({ visitor, appointment: null, actor: 'kiosk' });
    await signIn({ visitor: { ...visitor, phone: '+8613700137000', idType: 'passport', idNumber: 'E12345678' }, appointment: null, actor: 'desk' });
    const n = await signOutAllRemaining('李娜', '闭馆');
    expect(n).toBe(2);
    expect(await db.visits.where('state').equals('onSite').count()).toBe(0);
    const audit = await db.audit.where('entity').equals('visit').filter((a) => a.action === 'visit.signOut').toArray();
    expect(audit.every((a) => a.detail === 'dayEnd: 闭馆' && a.actor === '李娜')).toBe(true);
  });
});

describe('R-V11 returning visitors keep one identity', () => {
  it('a second visit with the same mobile gets the same visitor id', async () => {
    const first = await signIn({ visitor, appointment: null, actor: 'kiosk' });
    await signOut(first.visit.id, 'kiosk', 'visitor');
    const second = await signIn({ visitor: { ...visitor, idNumber: '' , idType: 'passport' }, appointment: null, actor: 'kiosk' });
    expect(second.visit.visitorId).toBe(first.visit.visitorId);
  });
});

describe('R-V5 host alert acknowledgement', () => {
  it('records who acknowledged and when, once', async () => {
    const out = await signIn({ visitor, appointment: null, actor: 'kiosk' });
    const alert = (await db.alerts.where('visitId').equals(out.visit.id).first())!;
    await acknowledgeAlert(alert.id, '李娜');
    await acknowledgeAlert(alert.id, '王芳');
    expect(await db.alerts.get(alert.id)).toMatchObject({ ackBy: '李娜' });
  });
});

describe('R-V1/R-V2 appointments', () => {
  const staff = demoStaff(5);
  const input = { ...demoAppointments(staff)[0]!, emergency: false, emergencyReason: '' };

  it('an ordinary appointment needs no approval and gets a 6-digit code', async () => {
    const a = await createAppointment({ ...input, vip: false }, '李娜', cal);
    expect(a.approval).toBe('notRequired');
    expect(a.code).toMatch(/^\d{6}$/);
  });

  it('a VIP visit filed late is refused unless the emergency path is taken with a reason', async () => {
    const now = new Date(2026, 10, 16, 9);
    const visit = { expectedAt: new Date(2026, 10, 17, 10).toISOString(), expectedEnd: new Date(2026, 10, 17, 12).toISOString() };
    await expect(createAppointment({ ...input, ...visit, vip: true }, '李娜', cal, now)).rejects.toMatchObject({ problem: 'vipLeadTime' });
    await expect(createAppointment({ ...input, ...visit, vip: true, emergency: true }, '李娜', cal, now)).rejects.toBeInstanceOf(AppointmentError);
    const a = await createAppointment({ ...input, ...visit, vip: true, emergency: true, emergencyReason: '集团领导临时来访' }, '李娜', cal, now);
    expect(a.approval).toBe('emergency');
    expect(await db.audit.where('entityId').equals(a.id).first()).toMatchObject({ action: 'appointment.vipEmergency', detail: '集团领导临时来访' });
    expect(await db.alerts.where('kind').equals('vipEmergency').count()).toBe(1);
  });

  it('a VIP visit filed three working days ahead waits for approval', async () => {
    const now = new Date(2026, 10, 16, 9);
    const visit = { expectedAt: new Date(2026, 10, 19, 10).toISOString(), expectedEnd: new Date(2026, 10, 19, 12).toISOString() };
    const a = await createAppointment({ ...input, ...visit, vip: true }, '李娜', cal, now);
    expect(a.approval).toBe('pending');
  });
});
