import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password';

describe('passwordProblem', () => {
  it('follows the server’s rule', () => {
    expect(passwordProblem('short', 'u')).toContain('至少需要 10 个字符');
    expect(passwordProblem('1234567890123', 'u')).toBe('密码不能全是数字，请加入字母或符号');
    expect(passwordProblem('tianbao#2025xy', 'tianbao')).toBe('密码不能包含用户名');
    expect(passwordProblem('aaaaaaaaaaab', 'u')).toContain('重复的字符太多');
    expect(passwordProblem('Qingyuan#2025', 'tianbao')).toBeNull();
  });
});
