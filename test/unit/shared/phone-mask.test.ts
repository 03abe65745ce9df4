import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from '../../../shared/mask';
import { checkMobile, groupMobile } from '../../../shared/phone';

describe('R-V4 mobile numbers (ux.md T7)', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['138 0013 8000', '+8613800138000'],
    ['138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['(+86) 13800138000', '+8613800138000'],
    ['１３８００１３８０００', '+8613800138000'],
  ])('accepts %s', (typed, value) => {
    expect(checkMobile(typed)).toMatchObject({ ok: true, value, national: '13800138000' });
  });

  it.each([['12345'], ['1380013800'], ['010 6552 9988'], ['abc']])('refuses %s as a mobile', (typed) => {
    expect(checkMobile(typed)).toEqual({ ok: false, problem: 'format' });
  });

  it('says an empty field is empty', () => {
    expect(checkMobile('  ')).toEqual({ ok: false, problem: 'empty' });
  });

  it('groups 3-4-4', () => {
    expect(groupMobile('13800138000')).toBe('138 0013 8000');
  });
});

describe('R-S2 masking personal data by default', () => {
  it('masks a mobile to the first 3 and last 4 digits', () => {
    expect(maskPhone('+8613800138000')).toBe('138****8000');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('masks an ID to at most the first 6 and last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('E12345678')).toBe('*****5678');
  });

  it('masks names by code point, keeping first and last (ux.md T6)', () => {
    expect(maskName('王明')).toBe('王*');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('买买提·艾力')).toBe('买****力');
    expect(maskName('𠮷田')).toBe('𠮷*');
  });
});
