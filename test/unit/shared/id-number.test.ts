import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassport, checkResidentId, normalizeResidentId, residentIdCheckChar } from '../../../shared/id-number';

const TODAY = new Date(2026, 10, 22);

describe('R-V4 resident ID numbers (GB 11643 check digit, ux.md T8)', () => {
  it.each(['11010519491231002X', '440524188001010014'])('accepts the published sample %s', (id) => {
    const r = checkResidentId(id, TODAY);
    expect(r.ok).toBe(true);
  });

  it('reads birth date and sex from a valid number', () => {
    expect(checkResidentId('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' });
    expect(checkResidentId('440524188001010014', TODAY)).toMatchObject({ birthDate: '1880-01-01', sex: 'male' });
  });

  it('normalises lower-case x, spaces and full-width digits from Chinese IMEs', () => {
    expect(normalizeResidentId('１１０１０５ 1949 1231 002x')).toBe('11010519491231002X');
    expect(checkResidentId('１１０１０５１９４９１２３１００２ｘ', TODAY).ok).toBe(true);
  });

  it('says which part is wrong', () => {
    expect(checkResidentId('', TODAY)).toMatchObject({ ok: false, problem: 'empty' });
    expect(checkResidentId('1101051949123100', TODAY)).toMatchObject({ ok: false, problem: 'length' });
    expect(checkResidentId('11010519491231002A', TODAY)).toMatchObject({ ok: false, problem: 'format' });
    expect(checkResidentId('110105194902300021', TODAY)).toMatchObject({ ok: false, problem: 'birthDate' });
    expect(checkResidentId('440524188001010015', TODAY)).toMatchObject({ ok: false, problem: 'checkDigit' });
  });

  it('refuses a birth date in the future', () => {
    const first17 = '11010520300101001';
    expect(checkResidentId(first17 + residentIdCheckChar(first17), TODAY)).toMatchObject({ ok: false, problem: 'birthDate' });
  });

  it('every single-character change of a valid number is refused', () => {
    for (const valid of ['11010519491231002X', '440524188001010014']) {
      for (let i = 0; i < 18; i++) {
        for (const c of '0123456789X') {
          if (c === valid[i]) continue;
          const mutated = valid.slice(0, i) + c + valid.slice(i + 1);
          expect(checkResidentId(mutated, TODAY).ok, mutated).toBe(false);
        }
      }
    }
  });

  it('a number built with its computed check character always passes (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-6]\d{5}$/),
        fc.date({ min: new Date(1900, 0, 1), max: new Date(2020, 11, 31), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
        (area, birth, seq) => {
          const ymd = `${birth.getFullYear()}${String(birth.getMonth() + 1).padStart(2, '0')}${String(birth.getDate()).padStart(2, '0')}`;
          const first17 = `${area}${ymd}${seq}`;
          return checkResidentId(first17 + residentIdCheckChar(first17), TODAY).ok;
        },
      ),
    );
  });
});

describe('R-V4 passports and other documents', () => {
  it('accepts alphanumeric document numbers and refuses symbols', () => {
    expect(checkPassport('e 1234 5678')).toEqual({ ok: true, value: 'E12345678' });
    expect(checkPassport('')).toMatchObject({ ok: false, problem: 'empty' });
    expect(checkPassport('E12-34')).toMatchObject({ ok: false, problem: 'format' });
  });
});
