import { describe, expect, it } from 'vitest';
import { ID_MASK_KEPT, maskIdNumber, maskName, maskPhone } from './mask.js';

describe('masks', () => {
  it('keeps the first and last character of a name', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName(' 王 ')).toBe('王');
  });
  it('keeps only the last two characters of an ID number (with the stored birth month, more would narrow the number to a few candidates)', () => {
    expect(maskIdNumber('130660201903151234')).toBe('****************34');
    expect(maskIdNumber('13066020190315123X')).toBe('****************3X');
    expect(maskIdNumber(' 13066020190315123X ')).toBe('****************3X');
    expect(maskIdNumber('1234')).toBe('****');
    for (const id of ['130660201903151234', '13066020190315123X']) {
      expect(maskIdNumber(id).replaceAll('*', '').length).toBeLessThanOrEqual(ID_MASK_KEPT);
    }
  });
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});
