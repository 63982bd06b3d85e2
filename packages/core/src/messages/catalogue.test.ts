import { describe, expect, it } from 'vitest';
import {
  catalogueTree,
  checkOverrides,
  createTranslator,
  MESSAGE_TEMPLATES,
  message,
  useMessageOverrides,
} from './catalogue.js';
import { formatMessage, placeholdersOf } from './format.js';
import { Refusal, requireAllowed } from './refusal.js';

describe('message catalogue', () => {
  it('every template uses only {name} placeholders and no character vue-i18n reads as syntax', () => {
    for (const [key, text] of MESSAGE_TEMPLATES) {
      expect(key).toMatch(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/);
      expect(text.trim(), key).not.toBe('');
      // vue-i18n: @ starts a linked message, | separates plural forms, a lone brace is an error.
      const rest = text.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, '');
      expect(rest, key).not.toMatch(/[{}@|$%]/);
    }
  });

  it('fills placeholders, keeps a missing one visible and prints null as empty', () => {
    expect(formatMessage('第 {row} 行：{value}', { row: 3, value: 'x' })).toBe('第 3 行：x');
    expect(formatMessage('招生轮次“{title}”', {})).toBe('招生轮次“{title}”');
    expect(formatMessage('a{x}b', { x: null })).toBe('ab');
    expect(placeholdersOf('{a}{b}{a}')).toEqual(['a', 'b']);
  });

  it('looks a key up, and an unknown key formats as itself', () => {
    expect(message('common.policyDenied', { reason: '无权' })).toBe('无权');
    const t = createTranslator();
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('applies overrides that keep the placeholders and refuses the others in Chinese', () => {
    const t = createTranslator({ 'common.policyDenied': '拒绝：{reason}' });
    expect(t('common.policyDenied', { reason: 'x' })).toBe('拒绝：x');
    expect(checkOverrides({ 'common.policyDenied': '拒绝：{reason}' })).toEqual([]);
    const problems = checkOverrides({ 'common.policyDenied': '拒绝', 'no.key': 'x', 'common.x': 1 });
    expect(problems.map((p) => p.key)).toEqual(['common.policyDenied', 'no.key', 'common.x']);
    expect(problems[0]!.message).toContain('{reason}');
    expect(checkOverrides([])).toHaveLength(1);
  });

  it('puts overrides in force program-wide and restores the catalogue', () => {
    useMessageOverrides({ 'common.policyDenied': '拒绝：{reason}' });
    try {
      expect(message('common.policyDenied', { reason: 'x' })).toBe('拒绝：x');
      expect(new Refusal('notAllowed', 'common.policyDenied', { reason: 'y' }).message).toBe('拒绝：y');
    } finally {
      useMessageOverrides({});
    }
    expect(message('common.policyDenied', { reason: 'x' })).toBe('x');
  });

  it('rebuilds the tree vue-i18n reads', () => {
    const tree = catalogueTree(
      new Map([
        ['a.b.c', 'x'],
        ['a.d', 'y'],
      ]),
    );
    expect(tree).toEqual({ a: { b: { c: 'x' }, d: 'y' } });
  });
});

describe('Refusal', () => {
  it('carries code, key, parameters and the zh-CN text', () => {
    const r = new Refusal('notAllowed', 'common.policyDenied', { reason: '无权修改' }, { rule: 'r1' });
    expect(r).toBeInstanceOf(Error);
    expect([r.code, r.key, r.message, r.rule]).toEqual([
      'notAllowed',
      'common.policyDenied',
      '无权修改',
      'r1',
    ]);
  });

  it('refuses an unseen resource as not found and a seen one as not allowed', () => {
    const school = { id: '1', role: 'school' as const, regionCode: '110101', schoolId: 'S1' };
    const other = { kind: 'schoolReport' as const, regionCode: '110101', schoolId: 'S2' };
    expect(() =>
      requireAllowed(school, 'view', other, { key: 'common.policyDenied', params: { reason: '找不到' } }),
    ).toThrow(expect.objectContaining({ code: 'notFound', message: '找不到' }));
    const own = { kind: 'schoolReport' as const, regionCode: '110101', schoolId: 'S1' };
    expect(() => requireAllowed(school, 'review', own, { key: 'common.policyDenied' })).toThrow(
      expect.objectContaining({ code: 'notAllowed' }),
    );
  });
});
