/**
 * @module The one placeholder syntax of the message catalogue: `{name}` replaced by a parameter.
 * It is the subset of vue-i18n's message format that the web uses too (named interpolation), so a
 * template reads the same in the server, the CLI and the browser; the catalogue's own test refuses
 * anything else vue-i18n would read differently (`@`, `|`, unbalanced braces).
 */

/** What a template's placeholders are filled with. */
export type MessageParams = Readonly<Record<string, string | number | bigint | boolean | null | undefined>>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The names of a template's placeholders, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Fills a template. A placeholder without a parameter stays as written (`{name}`), so a missing
 * parameter shows in the text instead of disappearing silently; null and undefined print as empty.
 */
export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const v = params[name];
    return v === null || v === undefined ? '' : String(v);
  });
}
