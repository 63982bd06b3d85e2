/**
 * The public pages and the entry do without vue-i18n: a phone opens them within a budget
 * (e2e/transfer.test.ts), and vue-i18n is installed only with the first signed-in page (main.ts).
 * A public page that used `useI18n()` would also fail at run time, the plugin not being installed
 * yet. So no module these pages import statically — the entry's included — may import vue-i18n or
 * call useI18n; they call shared/messages.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

/** The components of the routes marked public (router.ts), and the entry. */
function starts(): string[] {
  const router = readFileSync(join(SRC, 'router.ts'), 'utf8');
  const pages = [...router.matchAll(/import\('([^']+)'\),\s*meta: \{ public: true/g)].map((m) =>
    join(SRC, m[1]!),
  );
  return [join(SRC, 'main.ts'), ...pages];
}

function resolve(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && /\.(ts|vue)$/.test(candidate)) return candidate;
  }
  return null;
}

/** The modules a file imports statically (type-only imports left out). */
function staticImports(text: string): string[] {
  return [...text.matchAll(/^import (?!type )(?:[^;]*? from )?'([^']+)';/gms)].map((m) => m[1]!);
}

describe('the public pages', () => {
  it('reach neither vue-i18n nor useI18n through their static imports', () => {
    const seen = new Set<string>();
    const queue = starts();
    const offending: string[] = [];
    expect(queue.length).toBeGreaterThanOrEqual(5);
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      if (/\buseI18n\s*\(/.test(code)) offending.push(`${relative(SRC, file)} calls useI18n`);
      for (const spec of staticImports(text)) {
        if (spec === 'vue-i18n') offending.push(`${relative(SRC, file)} imports vue-i18n`);
        if (!spec.startsWith('.')) continue;
        const next = resolve(file, spec);
        if (next) queue.push(next);
      }
    }
    expect(offending).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });
});
