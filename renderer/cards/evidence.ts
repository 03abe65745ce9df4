/**
 * The machine-room evidence for a period (R-P5, 等保2.0): visitors of category
 * machineRoom, work visits and card holders' records, each with approver,
 * escort, pass or card, time in and out. Card holders enter without an escort
 * (R-K1); their times are the access system's door events imported at the desk
 * (door-import.ts), matched by credential id or card number and paired in → out;
 * an in without an out shows a blank out and says so.
 */
import type { EvidenceRow } from '../../shared/api/cards';
import { pairDoorEvents } from '../../shared/cards/door-log';
import { credentialMatches } from '../../shared/domain/card';
import { db } from '../db/schema';

/** Words in the export itself (bilingual like its headers): an auditor must see why a time is blank. */
const NO_DOOR_EVENTS = '无门禁进出记录（未导入）No door events imported';
const FLAG_TEXT = {
  noOut: '无离开记录 No exit recorded',
  noIn: '无进入记录 No entry recorded',
} as const;

const local = (iso: string | null): string => {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** `from`/`to` are local days, both included. */
export async function evidenceRows(from: string, to: string): Promise<EvidenceRow[]> {
  const start = new Date(`${from}T00:00:00`).toISOString();
  const end = new Date(`${to}T23:59:59.999`).toISOString();
  const inRange = (iso: string | null): boolean => iso !== null && iso >= start && iso <= end;
  const rows: EvidenceRow[] = [];

  const visits = await db.visits
    .where('day')
    .between(from, to, true, true)
    .filter((v) => v.category === 'machineRoom' && v.signedInAt !== null)
    .toArray();
  const issues = await db.passIssues
    .where('visitId')
    .anyOf(visits.map((v) => v.id))
    .toArray();
  const passOf = new Map(issues.map((i) => [i.visitId, `${i.passNumber} (${i.employeeName})`]));
  for (const v of visits) {
    rows.push({
      kind: 'visitor',
      name: v.name,
      company: v.company,
      areas: '',
      work: v.purpose,
      approver: v.hostName,
      escort: v.escortRequired ? v.hostName : '',
      credential: passOf.get(v.id) ?? v.badgeCode,
      timeIn: local(v.signedInAt),
      timeOut: local(v.signedOutAt),
    });
  }
  for (const w of await db.workVisits
    .filter((w) => inRange(w.timeIn) || inRange(w.approvedAt))
    .toArray()) {
    rows.push({
      kind: 'workVisit',
      name: w.name,
      company: w.company,
      areas: w.areas,
      work: w.work,
      approver: w.approver,
      escort: w.completedBy ?? w.escort,
      credential: w.credential,
      timeIn: local(w.timeIn),
      timeOut: local(w.timeOut),
    });
  }
  // Card holders: their real times from the access system's door log (imported), paired in → out.
  const doorEvents = await db.doorEvents
    .where('at')
    .between(`${from} 00:00:00`, `${to} 23:59:59`, true, true)
    .toArray();
  for (const c of await db.cards.filter((c) => c.validFrom <= to && c.validTo >= from).toArray()) {
    const mine = doorEvents.filter((e) => e.credential === c.number || credentialMatches(c, e.credential));
    const base = {
      kind: 'cardHolder' as const,
      name: c.holderName,
      company: c.company,
      areas: c.areas,
      approver: `${c.salesRep} / ${c.madeBy}`,
      escort: '',
      credential: `card ${c.number} (${c.encoded})`,
    };
    if (mine.length === 0) {
      rows.push({ ...base, work: NO_DOOR_EVENTS, timeIn: '', timeOut: '' });
      continue;
    }
    for (const v of pairDoorEvents(mine))
      rows.push({
        ...base,
        work: [v.door, v.flag ? FLAG_TEXT[v.flag] : ''].filter(Boolean).join(' · '),
        timeIn: v.timeIn.slice(0, 16),
        timeOut: v.timeOut.slice(0, 16),
      });
  }
  return rows.sort((a, b) => (a.timeIn < b.timeIn ? -1 : a.timeIn > b.timeIn ? 1 : 0));
}
