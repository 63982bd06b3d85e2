/**
 * @module vue-i18n for the signed-in app's components: `const { t } = useI18n()`, then
 * `t('web.<feature>.<name>', params)`. main.ts installs it with the first signed-in page (a lazy
 * chunk: the public pages, which a phone must open within its budget, do without it and call
 * shared/messages.ts directly).
 *
 * Its messages are the web's templates (shared/messages.ts) and its compiler is core's
 * formatMessage over the template in force, so a province's overrides apply whenever they came,
 * and vue-i18n's own message compiler is left out of the build (vite.config.ts). i18n.test.ts
 * checks that vue-i18n's compiler would read every template of the catalogue the same way.
 */
import { formatMessage, type MessageParams } from '@junheng/core';
import { createI18n, type I18nOptions, type MessageCompiler, type MessageContext } from 'vue-i18n';
import { templateOf, WEB_TEMPLATES } from './messages';

export const LOCALE = 'zh-CN';

/** vue-i18n's message tree, left untyped: keys are checked against core's catalogue instead. */
type Messages = NonNullable<I18nOptions['messages']>[string];

/** Key → text as vue-i18n's nested message tree. */
function tree(templates: Iterable<[string, string]>): Messages {
  const root: Record<string, unknown> = {};
  for (const [key, text] of templates) {
    const parts = key.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      node[p] ??= {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = text;
  }
  return root as Messages;
}

/** The template in force for the key (overrides included), read by core's formatMessage. */
export const formatCompiler: MessageCompiler = (message, { key }) => {
  const fallback = typeof message === 'string' ? message : key;
  return (ctx: MessageContext) => formatMessage(templateOf(key) ?? fallback, ctx.values as MessageParams);
};

/** The one vue-i18n instance (composition API). */
export const i18n = createI18n({
  legacy: false,
  locale: LOCALE,
  fallbackLocale: LOCALE,
  messages: { 'zh-CN': tree(WEB_TEMPLATES) },
  messageCompiler: formatCompiler,
  // Every key the web uses is in the catalogue (i18nKeys.test.ts), and there is one locale.
  missingWarn: false,
  fallbackWarn: false,
});
