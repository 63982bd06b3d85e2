/**
 * @module For tests that scan the web app's own sources for a pattern that must not come back
 * (tooltips built outside chartTooltips.ts, el-input-number instead of NumberField). Test-only: it
 * reads files with node:fs and is imported by no page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** The web app's sources (pages, components, modules) under src/, without tests and this folder. */
export function webSources(dir = ROOT): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : webSources(path);
    if (!/\.(vue|ts)$/.test(e.name) || /\.test\.ts$/.test(e.name)) return [];
    return [{ file: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') }];
  });
}
