/**
 * @module The web's messages at run time: the `web` namespace of core's zh-CN catalogue
 * (packages/core/src/messages, docs/messages.md) with the province's overrides merged in, formatted
 * by core's formatMessage — the same keys, `{name}` placeholders and wording as the server and the
 * CLI. The overrides come from GET /api/meta/messages before the app mounts (main.ts).
 *
 * Plain modules and the public pages call {@link t} here; the signed-in app's components use
 * vue-i18n (`useI18n().t`, shared/i18n.ts), which reads the templates here. The split keeps
 * vue-i18n out of what a phone downloads for the public pages (e2e/transfer.test.ts), and only the
 * `web` namespace goes to the browser: the server's and the CLI's messages reach it as text.
 */
import { formatMessage, type MessageKey, type MessageParams, placeholdersOf } from '@junheng/core';
import { web } from '../../../core/src/messages/zh-CN/web';

/** The web's templates as the catalogue has them, key → text (`web.rounds.created` → …). */
export const WEB_TEMPLATES: ReadonlyMap<string, string> = flatten({ web });

function flatten(tree: object, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else flatten(v as object, `${prefix}${k}.`, out);
  }
  return out;
}

/** The templates in force: the catalogue's, with the overrides applied. */
const inForce = new Map(WEB_TEMPLATES);

/** The template in force for a key (undefined: not a key of the web). */
export function templateOf(key: string): string | undefined {
  return inForce.get(key);
}

/**
 * A message of the web, with the overrides in force. An unknown key shows as itself and a missing
 * parameter as `{name}`, as on the server and in the CLI (i18nKeys.test.ts keeps both from happening).
 */
export function t(key: MessageKey, params: MessageParams = {}): string {
  const template = inForce.get(key);
  return template === undefined ? key : formatMessage(template, params);
}

/** Whether an override may replace a web template: text with the template's own placeholders. */
function fits(key: string, text: unknown): text is string {
  const template = WEB_TEMPLATES.get(key);
  if (template === undefined || typeof text !== 'string' || text.trim() === '') return false;
  const names = (s: string) => placeholdersOf(s).sort().join(',');
  return names(text) === names(template);
}

/**
 * Merges a province's overrides of the web's messages. The server checked them at start; an entry
 * that names a key the web does not have (the server's and the CLI's keys included), is not text
 * or changes the placeholders is left out here too, so a page never shows a broken message.
 * @returns the keys taken
 */
export function applyMessageOverrides(overrides: unknown): string[] {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) return [];
  const taken = Object.entries(overrides as Record<string, unknown>).filter((e): e is [string, string] =>
    fits(e[0], e[1]),
  );
  for (const [key, text] of taken) inForce.set(key, text);
  return taken.map(([key]) => key);
}

/** Back to the catalogue's own words (tests). */
export function clearMessageOverrides(): void {
  for (const [key, text] of WEB_TEMPLATES) inForce.set(key, text);
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
