/**
 * @module Seeded demo data folders for the browser tests, made once per county size and copied by
 * every test file that asks for that size (issue 11, test tiers): seeding a demo county is the
 * slowest part of starting a test server, and fifteen files used to seed their own. The first file
 * that needs a size seeds it (a real `startServer` on a folder of its own, closed again) while
 * holding a lock directory; the others wait for it and copy the closed folder, keys and audit
 * checkpoints included, so each file still gets a database of its own.
 *
 * vitest's globalSetup of the browser tier (vitest.config.ts) makes the folder the templates live
 * in and removes it when the run ends; without it (a file run by other means) every file seeds its
 * own, as before.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const TEMPLATES_ENV = 'JUNHENG_E2E_TEMPLATES';

/** The globalSetup: a folder for the run's templates, removed at the end. */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'junheng-e2e-templates-'));
  process.env[TEMPLATES_ENV] = root;
  return () => rmSync(root, { recursive: true, force: true });
}

/**
 * Fills `dataDir` with a seeded demo county of `schools` schools: copied from the run's template,
 * which is made first by whoever gets there first. Returns false without templates (no
 * globalSetup): the caller then seeds as before.
 * @param seed starts a server on a folder with the demo seeded, and closes it
 */
export async function copySeededTemplate(
  dataDir: string,
  schools: number,
  seed: (dir: string) => Promise<void>,
): Promise<boolean> {
  const root = process.env[TEMPLATES_ENV];
  if (!root || !existsSync(root)) return false;
  const ready = join(root, `demo-${schools}`);
  const lock = `${ready}.lock`;
  if (!existsSync(ready)) {
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // Another worker is seeding this size: wait for its folder below.
    }
    if (mine) {
      const making = `${ready}.making`;
      try {
        await seed(making);
        renameSync(making, ready);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    } else {
      // Seeding takes seconds to minutes on a busy machine; the lock going away without a folder
      // means the seeding failed, and this file then seeds for itself.
      while (!existsSync(ready) && existsSync(lock)) await sleep(200);
      if (!existsSync(ready)) return false;
    }
  }
  cpSync(ready, dataDir, { recursive: true });
  return true;
}
