import { describe, expect, it } from 'vitest';
import { VISIT_STATES, VisitTransitionError, assertTransition, canTransition } from '../../../shared/domain/visit';
import { EMPTY_DRAFT, cleanVisitor, validateFields } from '../../../shared/domain/visitor-input';
import { demoStaff } from '../../../shared/demo';
import { isHostQueryReady, searchStaff } from '../../../shared/staff-search';
import { meetsVipLeadTime, workingDaysAhead } from '../../../shared/working-days';

describe('visit state transitions', () => {
  it('allows the path of an ordinary visit and of a held one', () => {
    expect(canTransition('expected', 'onSite')).toBe(true);
    expect(canTransition('onSite', 'signedOut')).toBe(true);
    expect(canTransition('held', 'onSite')).toBe(true);
    expect(canTransition('held', 'refused')).toBe(true);
  });

  it('a signed-out visit stays signed out', () => {
    for (const to of VISIT_STATES) expect(canTransition('signedOut', to)).toBe(false);
    expect(() => assertTransition('signedOut', 'onSite')).toThrow(VisitTransitionError);
  });

  it('a visit cannot be signed out before it was signed in', () => {
    expect(canTransition('expected', 'signedOut')).toBe(false);
    expect(canTransition('held', 'signedOut')).toBe(false);
  });
});

describe('R-V4 walk-in validation reports each field and why', () => {
  it('reports problem codes per field', () => {
    const problems = validateFields({ ...EMPTY_DRAFT, phone: '12345', idNumber: '440524188001010015' }, ['name', 'phone', 'idNumber', 'hostId', 'category', 'consent']);
    expect(problems).toEqual([
      { field: 'name', problem: 'empty' },
      { field: 'phone', problem: 'format' },
      { field: 'hostId', problem: 'empty' },
      { field: 'idNumber', problem: 'checkDigit' },
      { field: 'category', problem: 'empty' },
      { field: 'consent', problem: 'required' },
    ].sort((a, b) => ['name', 'phone', 'idNumber', 'hostId', 'category', 'consent'].indexOf(a.field) - ['name', 'phone', 'idNumber', 'hostId', 'category', 'consent'].indexOf(b.field)));
  });

  it('requires the NDA signature only for the categories that need it', () => {
    const base = { ...EMPTY_DRAFT, name: '王小明', phone: '13800138000', hostId: 'staff-1', idNumber: '440524188001010014', consent: true };
    expect(validateFields({ ...base, category: 'machineRoom' }, ['ndaSignature'])).toEqual([{ field: 'ndaSignature', problem: 'required' }]);
    expect(validateFields({ ...base, category: 'business' }, ['ndaSignature'])).toEqual([]);
  });

  it('normalises a clean draft for storage', () => {
    const r = cleanVisitor({ ...EMPTY_DRAFT, name: ' 欧阳娜娜 ', phone: '138 0013 8000', category: 'business', hostId: 'staff-1', idNumber: '44052418800101001４', consent: true });
    expect(r).toMatchObject({ ok: true, value: { name: '欧阳娜娜', phone: '+8613800138000', idNumber: '440524188001010014' } });
  });
});

describe('R-V4 host search (ux.md K12)', () => {
  const staff = demoStaff(500);
  it('needs one Han character or two Latin letters', () => {
    expect(isHostQueryReady('')).toBe(false);
    expect(isHostQueryReady('z')).toBe(false);
    expect(isHostQueryReady('zs')).toBe(true);
    expect(isHostQueryReady('张')).toBe(true);
  });
  it('finds 张三 by pinyin initials, full pinyin, Han name and department', () => {
    expect(searchStaff(staff, 'zs', 5)[0]?.name).toBe('张三');
    expect(searchStaff(staff, 'zhangsan', 5)[0]?.name).toBe('张三');
    expect(searchStaff(staff, '张三', 5)[0]?.name).toBe('张三');
    expect(searchStaff(staff, '研发', 5).every((s) => s.dept === '研发部')).toBe(true);
    expect(searchStaff(staff, 'z', 5).length).toBeLessThanOrEqual(5);
  });
});

describe('R-V2 VIP lead time of three working days', () => {
  const mon = new Date(2026, 10, 16);
  it('counts working days after filing up to the visit day', () => {
    expect(workingDaysAhead(mon, new Date(2026, 10, 19))).toBe(3);
    expect(workingDaysAhead(new Date(2026, 10, 20), new Date(2026, 10, 24))).toBe(2);
  });
  it('accepts Monday for Thursday and refuses Monday for Wednesday', () => {
    expect(meetsVipLeadTime(mon, new Date(2026, 10, 19))).toBe(true);
    expect(meetsVipLeadTime(mon, new Date(2026, 10, 18))).toBe(false);
  });
  it('skips holidays and counts make-up working weekends', () => {
    const cal = { holidays: new Set(['2026-11-17']), workingWeekends: new Set(['2026-11-22']) };
    expect(workingDaysAhead(mon, new Date(2026, 10, 19), cal)).toBe(2);
    expect(workingDaysAhead(new Date(2026, 10, 20), new Date(2026, 10, 23), cal)).toBe(2);
  });
});
