/**
 * The offline commands (evaluate, lottery, admission, classes, quota, zoning, template) load no
 * database or server code: the built `junheng` is run with a module hook that refuses to load
 * anything of packages/db, packages/server, pg or PGlite. The commands that open a database load it
 * when they run (main.ts imports them on demand), and then the hook must see them: that is checked
 * too, so the test cannot pass by a hook that never fires.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDemoCounty } from '@junheng/core';
import { describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'junheng-offline-'));

/** A hook module: resolving a database or server module fails the import with its URL. */
const hooks = join(dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `const FORBIDDEN = /\\/packages\\/(db|server)\\/|\\/node_modules\\/(pg|@electric-sql)\\//;
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (FORBIDDEN.test(r.url)) throw new Error('offline command loads ' + r.url);
  return r;
}
`,
);
const register = join(dir, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);

function runGuarded(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', register, cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('offline commands', () => {
  it('run without loading database or server code', () => {
    const county = join(dir, 'county.json');
    writeFileSync(county, JSON.stringify(generateDemoCounty({ schools: 8 })));
    const help = runGuarded('help');
    expect(help.err).not.toContain('offline command loads');
    expect(help.code).toBe(0);
    const evaluate = runGuarded('evaluate', county, '--format', 'json');
    expect(evaluate.err).not.toContain('offline command loads');
    expect([0, 1]).toContain(evaluate.code); // 1: the county does not meet a standard
    expect(JSON.parse(evaluate.out).county).toBeTruthy();
  });

  it('load the database only for a command that opens one', () => {
    const migrate = runGuarded('migrate', '--data', join(dir, 'data'));
    expect(migrate.err).toContain('offline command loads');
    expect(migrate.code).not.toBe(0);
  });
});
