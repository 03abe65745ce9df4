import {
  ESCORT_CATEGORIES,
  assertTransition,
  type Appointment,
  type Staff,
  type Visit,
  type VisitState,
  type WatchEntry,
  type SignOutReason,
} from '../../shared/domain/visit';
import type { CleanVisitor } from '../../shared/domain/visitor-input';
import { commit, type Writer } from './commit';
import { db, type VisitRow } from './schema';
import { newBadgeCode, newId } from './ids';
import { localDay, visitTerms } from './terms';

export type SignInOutcome =
  | { kind: 'signedIn'; visit: Visit }
  /** The visitor sees "please see reception" and nothing else (R-V7, ux.md K14). */
  | { kind: 'seeReception'; visit: Visit };

function toRow(visit: Visit): VisitRow {
  return { ...visit, terms: visitTerms(visit), day: localDay(visit.signedInAt ?? visit.expectedAt ?? visit.createdAt) };
}

/** Watch-list match: ID number or mobile; a name alone matches only an entry that has neither. */
export async function findWatchHit(v: { name: string; idNumber: string; phone: string }): Promise<WatchEntry | undefined> {
  const active = (e: WatchEntry): boolean => e.active;
  const byId = v.idNumber ? await db.watchlist.where('idNumber').equals(v.idNumber).filter(active).first() : undefined;
  if (byId) return byId;
  const byPhone = v.phone ? await db.watchlist.where('phone').equals(v.phone).filter(active).first() : undefined;
  if (byPhone) return byPhone;
  return db.watchlist
    .where('name')
    .equals(v.name)
    .filter((e) => active(e) && !e.idNumber && !e.phone)
    .first();
}

async function requireHost(hostId: string): Promise<Staff> {
  const host = await db.staff.get(hostId);
  if (!host) throw new Error(`Unknown host ${hostId}`);
  return host;
}

async function admitAndNotify(w: Writer, visit: Visit, host: Staff): Promise<void> {
  await w.put('alerts', {
    id: newId(),
    kind: 'hostNotify',
    visitId: visit.id,
    detail: host.ext,
    createdAt: w.now,
    ackAt: null,
    ackBy: null,
    updatedAt: w.now,
  });
}

async function holdForWatch(w: Writer, visit: Visit, hit: WatchEntry): Promise<void> {
  await w.put('alerts', {
    id: newId(),
    kind: 'watchHit',
    visitId: visit.id,
    detail: `${hit.level}: ${hit.reason}`,
    createdAt: w.now,
    ackAt: null,
    ackBy: null,
    updatedAt: w.now,
  });
  await w.audit('visit.watchHit', 'visit', visit.id, hit.id);
}

interface SignInSource {
  visitor: CleanVisitor;
  appointment: Appointment | null;
  /** `kiosk` or the desk operator's name. */
  actor: string;
  escortRequired?: boolean;
}

/** Signs a visitor in, walk-in or by appointment, from the kiosk or the desk (R-V3, R-V4). */
export async function signIn({ visitor, appointment, actor, escortRequired }: SignInSource): Promise<SignInOutcome> {
  const host = await requireHost(visitor.hostId);
  const hit = await findWatchHit(visitor);
  const returning = await findReturningVisitorId(visitor);
  return commit(actor, async (w) => {
    const state: VisitState = hit ? 'held' : 'onSite';
    const visit: Visit = {
      id: newId(),
      visitorId: returning ?? newId(),
      ...visitor,
      hostName: host.name,
      hostDept: host.dept,
      hostExt: host.ext,
      state,
      badgeCode: newBadgeCode(),
      escortRequired: escortRequired ?? ESCORT_CATEGORIES.has(visitor.category),
      appointmentId: appointment?.id ?? null,
      expectedAt: appointment?.expectedAt ?? null,
      expectedEnd: appointment?.expectedEnd ?? null,
      signedInAt: hit ? null : w.now,
      signedInBy: hit ? null : actor,
      signedOutAt: null,
      signedOutBy: null,
      signOutReason: null,
      ndaSignedAt: visitor.ndaSignature ? w.now : null,
      surveyScore: null,
      surveyComment: null,
      createdAt: w.now,
      updatedAt: w.now,
    };
    await w.put('visits', toRow(visit));
    if (appointment) await w.put('appointments', { ...appointment, visitId: visit.id, updatedAt: w.now });
    await w.audit(hit ? 'visit.held' : 'visit.signIn', 'visit', visit.id, appointment ? `appointment ${appointment.code}` : 'walk-in');
    if (hit) {
      await holdForWatch(w, visit, hit);
      return { kind: 'seeReception', visit };
    }
    await admitAndNotify(w, visit, host);
    return { kind: 'signedIn', visit };
  });
}

/** A returning visitor keeps one identity across visits (R-V11): same ID number or same mobile. */
async function findReturningVisitorId(v: { idNumber: string; phone: string }): Promise<string | undefined> {
  const prior =
    (v.idNumber ? await db.visits.where('idNumber').equals(v.idNumber).last() : undefined) ??
    (v.phone ? await db.visits.where('phone').equals(v.phone).last() : undefined);
  return prior?.visitorId;
}

async function transition(visitId: string, to: VisitState, actor: string, patch: (v: Visit, now: string) => Partial<Visit>, action: string, detail = ''): Promise<Visit> {
  return commit(actor, async (w) => {
    const current = await db.visits.get(visitId);
    if (!current) throw new Error(`Unknown visit ${visitId}`);
    assertTransition(current.state, to);
    const { terms: _terms, day: _day, ...visit } = current;
    const next: Visit = { ...visit, ...patch(visit, w.now), state: to, updatedAt: w.now };
    await w.put('visits', toRow(next));
    await w.audit(action, 'visit', visitId, detail);
    return next;
  });
}

/** The visit on site with this badge code, typed or scanned in any width or case (R-V8). */
export function findOnSiteByBadge(code: string): Promise<VisitRow | undefined> {
  const normalized = code.normalize('NFKC').trim().toUpperCase();
  if (!normalized) return Promise.resolve(undefined);
  return db.visits.where('badgeCode').equals(normalized).filter((v) => v.state === 'onSite').first();
}

/** Signs out by badge code, typed or scanned (R-V8). Returns null when no open visit has that code. */
export async function signOutByBadge(code: string, actor: string): Promise<Visit | null> {
  const visit = await findOnSiteByBadge(code);
  if (!visit) return null;
  return signOut(visit.id, actor, actor === 'kiosk' ? 'visitor' : 'desk');
}

export function signOut(visitId: string, actor: string, reason: SignOutReason, note = ''): Promise<Visit> {
  return transition(visitId, 'signedOut', actor, (_v, now) => ({ signedOutAt: now, signedOutBy: actor, signOutReason: reason }), 'visit.signOut', [reason, note].filter(Boolean).join(': '));
}

/** Day end (R-V12): everyone still on site is signed out with the reason recorded. */
export async function signOutAllRemaining(actor: string, note: string): Promise<number> {
  const open = await db.visits.where('state').equals('onSite').primaryKeys();
  for (const id of open) await signOut(id, actor, 'dayEnd', note);
  return open.length;
}

export function admitHeld(visitId: string, actor: string, note: string): Promise<Visit> {
  return transition(visitId, 'onSite', actor, (_v, now) => ({ signedInAt: now, signedInBy: actor }), 'visit.admit', note);
}

export function refuseHeld(visitId: string, actor: string, note: string): Promise<Visit> {
  return transition(visitId, 'refused', actor, () => ({}), 'visit.refuse', note);
}

export async function setEscort(visitId: string, escortRequired: boolean, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const current = await db.visits.get(visitId);
    if (!current) throw new Error(`Unknown visit ${visitId}`);
    await w.put('visits', { ...current, escortRequired, updatedAt: w.now });
    await w.audit('visit.escort', 'visit', visitId, escortRequired ? 'required' : 'not required');
  });
}

/** Satisfaction survey at sign-out (R-V8). */
export async function saveSurvey(visitId: string, score: number, comment: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const current = await db.visits.get(visitId);
    if (!current) throw new Error(`Unknown visit ${visitId}`);
    await w.put('visits', { ...current, surveyScore: score, surveyComment: comment.trim() || null, updatedAt: w.now });
  });
}

export async function acknowledgeAlert(alertId: string, actor: string): Promise<void> {
  await commit(actor, async (w) => {
    const alert = await db.alerts.get(alertId);
    if (!alert || alert.ackAt) return;
    await w.put('alerts', { ...alert, ackAt: w.now, ackBy: actor, updatedAt: w.now });
    await w.audit('alert.ack', 'alert', alertId, alert.kind);
  });
}
