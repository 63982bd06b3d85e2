import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.js';

describe('masks', () => {
  it('keeps the first and last character of a name', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName(' 王 ')).toBe('王');
  });
  it('keeps the region and the last four digits of an ID number', () => {
    expect(maskIdNumber('130660201903151234')).toBe('130660********1234');
    expect(maskIdNumber('13066020190315123X')).toBe('130660********123X');
    expect(maskIdNumber('1234')).toBe('****');
  });
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});
