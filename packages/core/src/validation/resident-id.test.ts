import { describe, expect, it } from 'vitest';
import { checkResidentId, normalizeResidentId, residentIdInfo } from './resident-id.js';

describe('公民身份号码', () => {
  // The two examples printed in GB 11643-1999.
  it('accepts the examples of the standard', () => {
    expect(checkResidentId('11010519491231002X')).toBeUndefined();
    expect(checkResidentId('440524188001010014')).toBeUndefined();
    expect(checkResidentId(normalizeResidentId(' 11010519491231002x '))).toBeUndefined();
    expect(normalizeResidentId('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });

  it('refuses a wrong check digit, a bad date, a wrong length, in Chinese', () => {
    expect(checkResidentId('110105194912310021')).toContain('校验位不正确');
    expect(checkResidentId('110105194902300029')).toContain('不是有效日期');
    expect(checkResidentId('11010519491231002')).toContain('当前为 17 位');
    expect(checkResidentId('110105491231002')).toContain('15 位旧身份证');
    expect(checkResidentId(110105194912310020)).toContain('不要写成数值');
  });

  it('reads birth date and gender (17th digit odd = male)', () => {
    expect(residentIdInfo('11010519491231002X')).toEqual({
      birthDate: '1949-12-31',
      birthMonth: '1949-12',
      gender: 'female',
    });
    expect(residentIdInfo('440524188001010014').gender).toBe('male');
  });
});
