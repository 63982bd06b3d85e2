import { describe, expect, it } from 'vitest';
import { message } from '../messages/catalogue.js';
import type { Refusal } from '../messages/refusal.js';
import { accountScopeProblem } from './accountScope.js';
import { minutesLeft } from './lockout.js';
import { passwordWeakness } from './passwordRules.js';
import type { AccountProblem } from './problem.js';
import { checkUserChanges, type UserChanges } from './userChanges.js';
import { normaliseDisplayName, normaliseUsername } from './usernames.js';

const words = (p: AccountProblem | null) => (p ? message(p.key, p.params) : null);

describe('passwordWeakness', () => {
  it.each([
    ['short1!', '密码至少需要 10 个字符（当前 7 个）'],
    ['均衡发展督导评估', '密码至少需要 10 个字符（当前 8 个）'],
    ['12345678901234', '密码不能全是数字，请加入字母或符号'],
    ['my-zhang3-secret', '密码不能包含用户名'],
    ['My-ZHANG3-secret', '密码不能包含用户名'],
    ['aaaaaaaaaaaa', '密码中重复的字符太多，请使用更多不同的字符'],
    ['Admin@12345', expect.stringContaining('密码过于常见')],
    ['admin123456', expect.stringContaining('密码过于常见')],
    ['Password2024', expect.stringContaining('密码过于常见')],
    ['qwertyuiop', expect.stringContaining('密码过于常见')],
    ['1qaz2wsx3edc', expect.stringContaining('密码过于常见')],
    ['1234567890!', expect.stringContaining('密码过于常见')],
  ])('rejects %j', (password, text) => {
    expect(words(passwordWeakness(password, 'zhang3'))).toEqual(text);
  });
  it('rejects a password over 256 characters (bounds the hashing work)', () => {
    expect(words(passwordWeakness('Ab1-'.repeat(65), 'zhang3'))).toBe('密码不能超过 256 个字符');
  });
  it('says which rule, by key', () => {
    expect(passwordWeakness('short1!', 'zhang3')).toEqual({
      key: 'accounts.passwordTooShort',
      params: { min: 10, length: 7 },
    });
  });
  it.each(['Qingshan-Xiaoxue-2025', '青山小学2025填报', 'correct horse battery', 'k7#Vp2!qLm'])(
    'accepts %j',
    (pw) => {
      expect(passwordWeakness(pw, 'zhang3')).toBeNull();
    },
  );
});

describe('normaliseUsername', () => {
  it.each([
    ['ｚｈａｏ６', 'zhao6'],
    ['  li4  ', 'li4'],
    ['张老师', '张老师'],
    ['wang.wu-01@xx', 'wang.wu-01@xx'],
    ['李si', '李si'],
  ])('accepts %j as %j', (raw, name) => {
    expect(normaliseUsername(raw)).toEqual({ ok: true, name });
  });
  it.each([
    ['ad\u200bmin', /看不见的字符/],
    ['admin\u200f', /看不见的字符/],
    ['\u202eadmin', /看不见的字符/],
    ['ad\u2060min', /看不见的字符/],
    ['\u0430dmin', /其他文字/], // Cyrillic а
    ['\u03bfk', /其他文字/], // Greek ο
    ['ad min', /空格/],
    ['a', /2–64/],
  ])('refuses %j', (raw, text) => {
    const r = normaliseUsername(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && words(r.problem)).toMatch(text);
  });
  it('names the punctuation allowed, as the words always said', () => {
    const r = normaliseUsername('a#b');
    expect(!r.ok && words(r.problem)).toBe(
      '用户名只能由英文字母、数字、汉字和 . _ - @ 组成，不能含其他文字的字母（如形似英文字母的俄文、希腊字母）',
    );
  });
});

describe('normaliseDisplayName', () => {
  it('keeps full-width punctuation (NFC, not NFKC) and trims', () => {
    expect(normaliseDisplayName(' 保定市教育局（只读） ')).toEqual({
      ok: true,
      name: '保定市教育局（只读）',
    });
  });
  it('refuses an empty name and invisible characters', () => {
    const empty = normaliseDisplayName('  ');
    expect(!empty.ok && words(empty.problem)).toBe('姓名（显示名）不能为空');
    const hidden = normaliseDisplayName('仿\u200b冒');
    expect(!hidden.ok && hidden.problem.key).toBe('accounts.displayNameInvisible');
  });
});

describe('accountScopeProblem', () => {
  it('binds school roles to a school and the region roles to a region', () => {
    expect(words(accountScopeProblem('school', null, null))).toBe('校长和学校填报员账户必须指定所属学校');
    expect(words(accountScopeProblem('bureau', '130100', '1234567890'))).toBe(
      '只有校长和学校填报员账户可以指定所属学校',
    );
    expect(words(accountScopeProblem('inspector', null, null))).toBe(
      '教育局、督学和只读账户必须指定所辖区域',
    );
    expect(words(accountScopeProblem('janitor', null, null))).toBe('未知的角色：janitor');
    expect(accountScopeProblem('system_admin', null, null)).toBeNull();
    expect(accountScopeProblem('principal', null, '1234567890')).toBeNull();
    expect(accountScopeProblem('viewer', '130100', null)).toBeNull();
  });
});

describe('minutesLeft', () => {
  it('rounds up, at least one', () => {
    const now = new Date('2026-03-02T01:00:00Z');
    expect(minutesLeft(new Date(now.getTime() + 14 * 60_000 + 1), now)).toBe(15);
    expect(minutesLeft(new Date(now.getTime() + 1000), now)).toBe(1);
    expect(minutesLeft(now, now)).toBe(1);
  });
});

describe('checkUserChanges', () => {
  const refusal = (changes: unknown, own = false) => {
    try {
      checkUserChanges(changes as UserChanges, own);
    } catch (err) {
      return err as Refusal;
    }
    throw new Error('accepted');
  };
  it('normalises the new names and leaves absent fields out', () => {
    expect(
      checkUserChanges({ username: ' ｚｈａｏ６ ', displayName: ' 赵六 ', disabled: false }, false),
    ).toEqual({
      username: 'zhao6',
      displayName: '赵六',
    });
    expect(checkUserChanges({ password: 'x' }, true)).toEqual({});
  });
  it('refuses fields of the wrong type, names the rules refuse and disabling oneself', () => {
    expect(refusal(null)).toMatchObject({
      code: 'invalidRequest',
      message: '修改内容应为对象：{displayName?, disabled?, password?}',
    });
    expect(refusal({ displayName: 3 }).message).toBe('姓名（显示名）应为文字');
    expect(refusal({ displayName: '  ' }).key).toBe('accounts.displayNameEmpty');
    expect(refusal({ username: 7 }).message).toBe('用户名应为文字');
    expect(refusal({ username: 'zh\u200bao6' }).key).toBe('accounts.usernameInvisible');
    expect(refusal({ disabled: 'yes' })).toMatchObject({
      code: 'invalidRequest',
      message: '“停用”应为 true 或 false',
    });
    expect(refusal({ disabled: true }, true).message).toBe('不能停用自己的账号：请由另一位系统管理员操作');
    expect(refusal({ password: 12 }).message).toBe('密码应为文字');
  });
});
