import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import setup, { copySeededTemplate } from '../e2e/templates.js';

describe('seeded templates of the browser tests', () => {
  const teardown = setup();
  afterAll(teardown);

  it('seeds a size once, however many files ask at the same time, and gives each its own copy', async () => {
    let seeds = 0;
    const seed = async (dir: string) => {
      seeds++;
      await sleep(300);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'county.txt'), 'seeded');
    };
    const dirs = [1, 2, 3].map(() => mkdtempSync(join(tmpdir(), 'junheng-e2e-copy-')));
    const done = await Promise.all(dirs.map((d) => copySeededTemplate(d, 7, seed)));
    expect(done).toEqual([true, true, true]);
    expect(seeds).toBe(1);
    for (const d of dirs) expect(readFileSync(join(d, 'county.txt'), 'utf8')).toBe('seeded');
  });

  it('lets the waiting files seed for themselves when the first seeding fails', async () => {
    const fail = async () => {
      await sleep(100);
      throw new Error('seeding failed');
    };
    const first = copySeededTemplate(mkdtempSync(join(tmpdir(), 'junheng-e2e-copy-')), 9, fail);
    const second = copySeededTemplate(mkdtempSync(join(tmpdir(), 'junheng-e2e-copy-')), 9, fail);
    await expect(first).rejects.toThrow('seeding failed');
    await expect(second).resolves.toBe(false);
    expect(existsSync(join(process.env.JUNHENG_E2E_TEMPLATES!, 'demo-9'))).toBe(false);
  });
});
