import { catalogueTree, formatMessage, MESSAGE_TEMPLATES, placeholdersOf } from '@junheng/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n, type I18nOptions } from 'vue-i18n';
import { i18n } from './i18n';
import { applyMessageOverrides, clearMessageOverrides, t, WEB_TEMPLATES } from './messages';

/** Sample parameters for a template: text for some placeholders, numbers for the others. */
function sampleParams(template: string): Record<string, string | number> {
  return Object.fromEntries(
    placeholdersOf(template).map((name, i) => [name, i % 2 === 0 ? `〈${name}〉` : 1000 + i]),
  );
}

describe('the catalogue read by vue-i18n', () => {
  it("reads every template (server, CLI and web) with its own compiler exactly as core's formatMessage does", () => {
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

describe("the web's vue-i18n instance", () => {
  afterEach(() => clearMessageOverrides());

  it('has the web namespace as the catalogue has it and says what shared/messages.ts says', () => {
    expect([...WEB_TEMPLATES]).toEqual([...MESSAGE_TEMPLATES].filter(([key]) => key.startsWith('web.')));
    for (const [key, template] of WEB_TEMPLATES) {
      const params = sampleParams(template);
      const want = formatMessage(template, params);
      expect(i18n.global.t(key, params), key).toBe(want);
      expect(t(key as never, params), key).toBe(want);
    }
    // A parameter left out stays visible, as on the server and in the CLI.
    expect(i18n.global.t('web.accounts.created')).toBe('已创建用户 {username}');
  });

  it("speaks with the province's overrides whenever they came", () => {
    expect(i18n.global.t('web.api.serverError', { status: 502 })).toBe('服务器出错（502），请稍后再试');
    applyMessageOverrides({ 'web.api.serverError': '服务器故障（{status}），请联系管理员' });
    expect(i18n.global.t('web.api.serverError', { status: 502 })).toBe('服务器故障（502），请联系管理员');
  });
});
