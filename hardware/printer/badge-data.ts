import type { IdCardFace } from './card-face';
import type { Visit, VisitCategory } from '../../shared/domain/visit';

/**
 * What a badge shows, already in words: the template and the ZPL builder only
 * place text, they never decide wording or format dates. Badges are bilingual
 * (ux.md B4: "访客 VISITOR"), so each label carries both languages.
 */
export interface BadgeData {
  readonly name: string;
  readonly company: string;
  /** "张三·研发部 R&D" */
  readonly host: string;
  readonly category: VisitCategory;
  /** "商务洽谈 Business meeting" — the meaning of the colour band in words. */
  readonly categoryLabel: string;
  readonly visitorLabel: string;
  readonly hostLabel: string;
  /** "2026-03-05 09:30" */
  readonly issued: string;
  /** "有效至 Valid until 18:00", with the date when it is not the day of issue */
  readonly validUntil: string;
  /**
   * The same with the date always written, for a badge that has no room for
   * the time-of-issue line: without it "18:00" alone says nothing about
   * which day (ux.md B4). Optional so hand-built badges keep working.
   */
  readonly validUntilDated?: string;
  readonly escortRequired: boolean;
  readonly escortLabel: string;
  readonly badgeCode: string;
  /** Data URL of the visitor's photo, or null when none was taken. */
  readonly photo: string | null;
  /** Machine-room pass number, printed as "机房通行证 Pass 0042" when one is issued. */
  readonly passNumber: string | null;
  readonly passLabel: string;
  /**
   * Set for an IDC identity card face (card-face.ts): the same queue prints
   * it, rendered from its own layout and sent to the card printer named in it.
   */
  readonly idCard?: IdCardFace;
}

/** Badge wording; the caller passes the app's translations, these are the defaults. */
export interface BadgeStrings {
  readonly visitor: string;
  readonly escort: string;
  readonly host: string;
  readonly validUntil: string;
  readonly pass: string;
  readonly categories: Readonly<Record<VisitCategory, string>>;
}

export const DEFAULT_BADGE_STRINGS: BadgeStrings = {
  visitor: '访客 VISITOR',
  escort: '需陪同 ESCORT REQUIRED',
  host: '接待 Host',
  validUntil: '有效至 Valid until',
  pass: '机房通行证 Pass',
  categories: {
    business: '商务洽谈 Business',
    interview: '面试 Interview',
    delivery: '送货 Delivery',
    contractor: '施工维保 Contractor',
    machineRoom: '机房作业 Machine room',
  },
};

export interface BadgeOptions {
  readonly strings?: BadgeStrings;
  /** The desk's time zone (IANA name); badges show its wall-clock time. Default: this computer's zone. */
  readonly timeZone?: string;
  readonly passNumber?: string | null;
  /** Host department in English, when known, shown after the Chinese one. */
  readonly hostDeptEn?: string;
}

type BadgeVisit = Pick<
  Visit,
  | 'name'
  | 'company'
  | 'hostName'
  | 'hostDept'
  | 'category'
  | 'escortRequired'
  | 'badgeCode'
  | 'signedInAt'
  | 'expectedEnd'
  | 'photo'
  | 'createdAt'
>;

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** "2026-03-05 09:30" in the given zone; en-CA gives ISO-ordered date parts. */
export function formatBadgeTime(iso: string, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * A badge without a planned end is valid until the end of its day (23:59
 * local), so a badge kept overnight is visibly expired (ux.md B4).
 */
function validUntil(visit: BadgeVisit, issuedIso: string, timeZone: string, dated = false): string {
  const issued = formatBadgeTime(issuedIso, timeZone);
  const until = visit.expectedEnd ? formatBadgeTime(visit.expectedEnd, timeZone) : `${issued.slice(0, 10)} 23:59`;
  // Same day: the date is on the line above, so the time alone is unambiguous and fits one line.
  return !dated && until.slice(0, 10) === issued.slice(0, 10) ? until.slice(11) : until;
}

/** Build the badge for a signed-in visit. */
export function badgeFromVisit(visit: BadgeVisit, options: BadgeOptions = {}): BadgeData {
  const strings = options.strings ?? DEFAULT_BADGE_STRINGS;
  const timeZone = options.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  const issuedIso = visit.signedInAt ?? visit.createdAt;
  const dept = [visit.hostDept, options.hostDeptEn].filter(Boolean).join(' ');
  return {
    name: visit.name.trim(),
    company: visit.company.trim(),
    // No spaces around the middle dot: Noto Sans SC draws it full-width already.
    host: [visit.hostName, dept].filter(Boolean).join('·'),
    category: visit.category,
    categoryLabel: strings.categories[visit.category],
    visitorLabel: strings.visitor,
    hostLabel: strings.host,
    issued: formatBadgeTime(issuedIso, timeZone),
    validUntil: `${strings.validUntil} ${validUntil(visit, issuedIso, timeZone)}`,
    validUntilDated: `${strings.validUntil} ${validUntil(visit, issuedIso, timeZone, true)}`,
    escortRequired: visit.escortRequired,
    escortLabel: strings.escort,
    badgeCode: visit.badgeCode,
    photo: visit.photo,
    passNumber: options.passNumber ?? null,
    passLabel: strings.pass,
  };
}
