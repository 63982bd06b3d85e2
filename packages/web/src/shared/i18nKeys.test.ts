/**
 * The web's message keys against core's catalogue, read from the source: `t` (shared/messages.ts
 * and vue-i18n's) accepts any string as a key, so a typo would show the key on the page and a
 * forgotten parameter would show `{name}` instead of the name. Every `'web.…'` key written in the
 * web's scripts must exist, every `t('key', { … })` call must pass each placeholder of its
 * template, and every key of the `web` namespace must be used somewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MESSAGE_TEMPLATES, placeholdersOf } from '@junheng/core';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

function sources(): { file: string; text: string }[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|vue)$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('openapi.d.ts'))
    .map((f) => ({ file: relative(SRC, join(SRC, f)), text: readFileSync(join(SRC, f), 'utf8') }));
}

/** The names given in an object literal starting at `text[open]` === '{' (null: not checkable). */
function objectKeys(text: string, open: number): string[] | null {
  let depth = 0;
  let quote: string | null = null;
  let segment = '';
  const segments: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      if (depth === 1) segment += c;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (depth === 0) break;
    if (depth === 1 && c === ',') {
      segments.push(segment);
      segment = '';
    } else if (depth > 1 || c !== '{' || i !== open) segment += c;
  }
  segments.push(segment);
  const names: string[] = [];
  for (const s of segments.map((x) => x.trim()).filter((x) => x !== '')) {
    if (s.startsWith('...')) return null;
    const m = /^['"]?([A-Za-z_$][\w$]*)/.exec(s);
    if (!m) return null;
    names.push(m[1]!);
  }
  return names;
}

describe("the web's message keys", () => {
  const files = sources();
  const used = new Set<string>();
  for (const { text } of files) {
    for (const m of text.matchAll(/['"`](web\.[A-Za-z0-9.]+)['"`]/g)) used.add(m[1]!);
  }

  it('exist in the catalogue', () => {
    const unknown = files.flatMap(({ file, text }) =>
      [...text.matchAll(/['"`](web\.[A-Za-z0-9.]+)['"`]/g)]
        .filter((m) => !MESSAGE_TEMPLATES.has(m[1]!))
        .map((m) => `${file}: ${m[1]}`),
    );
    expect(unknown).toEqual([]);
    expect(used.size).toBeGreaterThan(200);
  });

  it('are given every placeholder of their template where t(key, { … }) is written out', () => {
    const missing: string[] = [];
    for (const { file, text } of files) {
      for (const m of text.matchAll(/\bt\(\s*'((?:web|common)\.[A-Za-z0-9.]+)'\s*(,\s*\{)?/g)) {
        const wanted = placeholdersOf(MESSAGE_TEMPLATES.get(m[1]!) ?? '');
        if (wanted.length === 0) continue;
        if (!m[2]) {
          const rest = text.slice(m.index! + m[0].length).trimStart();
          if (rest.startsWith(')')) missing.push(`${file}: ${m[1]} without parameters`);
          continue;
        }
        const given = objectKeys(text, m.index! + m[0].length - 1);
        if (given === null) continue;
        const lacking = wanted.filter((w) => !given.includes(w));
        if (lacking.length > 0) missing.push(`${file}: ${m[1]} lacks ${lacking.join(', ')}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('of the web namespace are all used', () => {
    const unused = [...MESSAGE_TEMPLATES.keys()].filter((k) => k.startsWith('web.') && !used.has(k));
    expect(unused).toEqual([]);
  });
});
