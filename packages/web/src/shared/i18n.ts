/**
 * @module The web's words: vue-i18n over core's zh-CN message catalogue (packages/core/src/messages,
 * docs/messages.md), the same keys and `{name}` placeholders as the server and the CLI. A
 * province's overrides, which the server read from JUNHENG_MESSAGES and checked at start, come from
 * GET /api/meta/messages and are merged before the app mounts (main.ts). Components call
 * `useI18n().t('web.<feature>.<name>', params)`; plain modules call {@link t} here.
 */
import { catalogueTree, checkOverrides, type MessageKey, type MessageParams } from '@junheng/core';
import { createI18n, type I18nOptions } from 'vue-i18n';

export const LOCALE = 'zh-CN';

/** vue-i18n's message tree, left untyped: keys are checked against core's catalogue instead. */
type Messages = NonNullable<I18nOptions['messages']>[string];
/** The catalogue as vue-i18n's message tree (core builds it from the flat key → template list). */
const tree = (templates?: ReadonlyMap<string, string>) => catalogueTree(templates) as Messages;

/** The one vue-i18n instance (composition API), installed by main.ts. */
export const i18n = createI18n({
  legacy: false,
  locale: LOCALE,
  fallbackLocale: LOCALE,
  messages: { 'zh-CN': tree() },
  // Every key the web uses is in the catalogue (i18nKeys.test.ts), and there is one locale.
  missingWarn: false,
  fallbackWarn: false,
});

/** A message of the catalogue, with the overrides in force (for modules outside a component). */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return i18n.global.t(key, params as Record<string, unknown>);
}

/**
 * Merges a province's overrides into the catalogue. The server checked them at start; an entry that
 * still names an unknown key, is not text or drops a placeholder is left out here too, so an older
 * page never shows a half-changed or broken message.
 * @returns the keys taken
 */
export function applyMessageOverrides(overrides: unknown): string[] {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) return [];
  const entries = overrides as Record<string, unknown>;
  const bad = new Set(checkOverrides(entries).map((p) => p.key));
  const taken = new Map<string, string>();
  for (const [key, text] of Object.entries(entries)) {
    if (!bad.has(key) && typeof text === 'string') taken.set(key, text);
  }
  if (taken.size > 0) i18n.global.mergeLocaleMessage(LOCALE, tree(taken));
  return [...taken.keys()];
}

/** How long the app waits for the overrides before it shows the catalogue's own words. */
const OVERRIDES_WAIT_MS = 3000;

/**
 * Fetches and merges the overrides. A failed or slow request is tolerated: the page then speaks
 * with the catalogue's words, which are complete.
 */
export async function loadMessageOverrides(
  fetchOverrides: () => Promise<Record<string, string>>,
  waitMs = OVERRIDES_WAIT_MS,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  try {
    const overrides = await Promise.race([fetchOverrides(), timeout]);
    if (overrides) applyMessageOverrides(overrides);
  } catch {
    // the catalogue's own words
  } finally {
    clearTimeout(timer);
  }
}
