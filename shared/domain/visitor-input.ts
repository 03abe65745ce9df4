import { checkPassport, checkResidentId } from '../id-number';
import { checkMobile } from '../phone';
import { NDA_CATEGORIES, VISIT_CATEGORIES, type IdType, type VisitCategory } from './visit';

/** What a visitor (or the desk for them) types at sign-in. Strings as typed, never reformatted. */
export interface VisitorDraft {
  name: string;
  company: string;
  phone: string;
  category: VisitCategory | '';
  purpose: string;
  hostId: string;
  idType: IdType;
  idNumber: string;
  photo: string | null;
  ndaSignature: string | null;
  /** PIPL Art. 29: separate consent to process the ID number and photo (ux.md K17). */
  consent: boolean;
}

export const EMPTY_DRAFT: VisitorDraft = {
  name: '',
  company: '',
  phone: '',
  category: '',
  purpose: '',
  hostId: '',
  idType: 'resident',
  idNumber: '',
  photo: null,
  ndaSignature: null,
  consent: false,
};

export type DraftField = keyof VisitorDraft;

/**
 * A field problem is a code, not a sentence: the renderer turns
 * `${field}.${problem}` into words in the visitor's language.
 */
export interface FieldProblem {
  field: DraftField;
  problem: string;
}

export interface CleanVisitor {
  name: string;
  company: string;
  phone: string;
  category: VisitCategory;
  purpose: string;
  hostId: string;
  idType: IdType;
  idNumber: string;
  photo: string | null;
  ndaSignature: string | null;
}

const NAME_MAX = 40;

/** Names are counted in code points: "𠮷田" is two characters (ux.md T6). */
export function nameLength(name: string): number {
  return [...name].length;
}

export function checkName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'empty';
  if (nameLength(trimmed) > NAME_MAX) return 'tooLong';
  if (/[\d@#$%^&*_=+<>{}[\]|\\/]/.test(trimmed)) return 'characters';
  return null;
}

export function idProblem(idType: IdType, idNumber: string): string | null {
  if (idType === 'resident') {
    const r = checkResidentId(idNumber);
    return r.ok ? null : r.problem;
  }
  const p = checkPassport(idNumber);
  return p.ok ? null : p.problem;
}

/** Which fields each step of the kiosk asks, so that a step validates only its own. */
export function validateFields(draft: VisitorDraft, fields: readonly DraftField[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: DraftField, problem: string | null): void => {
    if (problem) problems.push({ field, problem });
  };
  for (const field of fields) {
    switch (field) {
      case 'name':
        add('name', checkName(draft.name));
        break;
      case 'company':
        add('company', nameLength(draft.company.trim()) > 80 ? 'tooLong' : null);
        break;
      case 'phone': {
        const m = checkMobile(draft.phone);
        add('phone', m.ok ? null : m.problem);
        break;
      }
      case 'category':
        add('category', VISIT_CATEGORIES.includes(draft.category as VisitCategory) ? null : 'empty');
        break;
      case 'purpose':
        add('purpose', nameLength(draft.purpose) > 200 ? 'tooLong' : null);
        break;
      case 'hostId':
        add('hostId', draft.hostId ? null : 'empty');
        break;
      case 'idNumber':
        add('idNumber', idProblem(draft.idType, draft.idNumber));
        break;
      case 'consent':
        add('consent', draft.consent ? null : 'required');
        break;
      case 'ndaSignature':
        add(
          'ndaSignature',
          draft.category && NDA_CATEGORIES.has(draft.category) && !draft.ndaSignature ? 'required' : null,
        );
        break;
      default:
        break;
    }
  }
  return problems;
}

export const ALL_FIELDS: readonly DraftField[] = [
  'name',
  'phone',
  'company',
  'category',
  'purpose',
  'hostId',
  'idNumber',
  'consent',
  'ndaSignature',
];

/** The whole draft, checked and normalised for storage. */
export function cleanVisitor(
  draft: VisitorDraft,
): { ok: true; value: CleanVisitor } | { ok: false; problems: FieldProblem[] } {
  const problems = validateFields(draft, ALL_FIELDS);
  if (problems.length > 0) return { ok: false, problems };
  const phone = checkMobile(draft.phone);
  const id =
    draft.idType === 'resident' ? checkResidentId(draft.idNumber) : checkPassport(draft.idNumber);
  return {
    ok: true,
    value: {
      name: draft.name.trim(),
      company: draft.company.trim(),
      phone: phone.ok ? phone.value : '',
      category: draft.category as VisitCategory,
      purpose: draft.purpose.trim(),
      hostId: draft.hostId,
      idType: draft.idType,
      idNumber: id.value,
      photo: draft.photo,
      ndaSignature: draft.category && NDA_CATEGORIES.has(draft.category) ? draft.ndaSignature : null,
    },
  };
}
