// The lockfile must be complete for every platform: `npm ci` on another machine (macOS, Windows,
// arm64, musl) refuses a lockfile that lacks that platform's optional binaries, and `npm install`
// rewrites it, which fails CI's "no tracked file changes" check.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  optionalDependencies?: Record<string, string>;
  version?: string;
}

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

describe('package-lock.json', () => {
  it('lists every optional platform binary of every package, at the version asked for', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
        // npm resolves a dependency next to its parent first, then at the top level.
        const nested = lock.packages[`${path}/node_modules/${name}`];
        const top = lock.packages[`node_modules/${name}`];
        const found = nested ?? top;
        if (!found) missing.push(`${path || '(root)'} → ${name}@${range}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
