import { catalogueTree, formatMessage, MESSAGE_TEMPLATES, placeholdersOf } from '@junheng/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n, type I18nOptions } from 'vue-i18n';
import { applyMessageOverrides, i18n, LOCALE, loadMessageOverrides, t } from './i18n';

/** Sample parameters for a template: text for some placeholders, numbers for the others. */
function sampleParams(template: string): Record<string, string | number> {
  return Object.fromEntries(
    placeholdersOf(template).map((name, i) => [name, i % 2 === 0 ? `〈${name}〉` : 1000 + i]),
  );
}

describe('the catalogue read by vue-i18n', () => {
  it('reads every template (server, CLI and web) exactly as core formatMessage does', () => {
    const own = createI18n({
      legacy: false,
      locale: 'zh-CN',
      messages: { 'zh-CN': catalogueTree() } as I18nOptions['messages'],
      missingWarn: false,
      fallbackWarn: false,
    });
    const differs: string[] = [];
    for (const [key, template] of MESSAGE_TEMPLATES) {
      const params = sampleParams(template);
      const got = own.global.t(key, params);
      const want = formatMessage(template, params);
      if (got !== want) differs.push(`${key}: vue-i18n “${got}”, core “${want}”`);
    }
    expect(differs).toEqual([]);
    expect(MESSAGE_TEMPLATES.size).toBeGreaterThan(200);
  });
});

describe("a province's overrides on the web", () => {
  afterEach(() => i18n.global.setLocaleMessage(LOCALE, catalogueTree() as never));

  it('merges the overrides the server serves over the catalogue, keeping the other words', () => {
    expect(t('web.shared.loggedOut')).toBe('已退出登录');
    const taken = applyMessageOverrides({
      'web.shared.loggedOut': '您已安全退出',
      'web.api.serverError': '服务器故障（{status}），请联系管理员',
    });
    expect(taken).toEqual(['web.shared.loggedOut', 'web.api.serverError']);
    expect(t('web.shared.loggedOut')).toBe('您已安全退出');
    expect(t('web.api.serverError', { status: 500 })).toBe('服务器故障（500），请联系管理员');
    expect(t('web.shared.noPermission')).toBe('您没有使用该功能的权限');
  });

  it('leaves out what the catalogue would refuse: unknown keys, non-text, a dropped placeholder', () => {
    const taken = applyMessageOverrides({
      'web.no.such': 'x',
      'web.shared.loggedOut': 3,
      'web.api.serverError': '服务器故障',
      'web.shared.importDone': '已导入',
    });
    expect(taken).toEqual(['web.shared.importDone']);
    expect(t('web.api.serverError', { status: 502 })).toBe('服务器出错（502），请稍后再试');
    expect(applyMessageOverrides(null)).toEqual([]);
    expect(applyMessageOverrides(['x'])).toEqual([]);
  });

  it('loads them before the app mounts and tolerates a failed or slow request', async () => {
    await loadMessageOverrides(async () => ({ 'web.shared.loggedOut': '再见' }));
    expect(t('web.shared.loggedOut')).toBe('再见');
    i18n.global.setLocaleMessage(LOCALE, catalogueTree() as never);
    await expect(loadMessageOverrides(() => Promise.reject(new Error('offline')))).resolves.toBeUndefined();
    const never = new Promise<Record<string, string>>(() => {});
    await expect(loadMessageOverrides(() => never, 10)).resolves.toBeUndefined();
    expect(t('web.shared.loggedOut')).toBe('已退出登录');
  });
});
