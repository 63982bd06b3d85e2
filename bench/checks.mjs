// Timings that used to be assertions in the test suite (issue 10 #15: a wall-clock bound fails on a
// busy machine; the tests now assert behaviour only). Each prints our time, a baseline measured in
// the same run and the ratio; the target, where one was asserted before, is shown, not enforced.
//   validate  validateDataset on 200,000 schools (was: < 500 ms in dataset.test.ts)
//   dataset   saveDataset / loadDataset of a 300-school county on PGlite (was: < 3 s in datasets.test.ts)
//   seed      seedDemo of the 60-school demo county (was: < 30 s in demoSeed.test.ts)
//   login     an unknown username against a wrong password (was: a ratio in users.test.ts)
// The xlsx import (was: < 2 s in template.test.ts) is run.mjs's group import.

import { generateDemoCounty, validateDataset } from '@junheng/core';
import { hashPassword, loadDataset, migrate, openDatabase, saveDataset, verifyPassword } from '@junheng/db';
import { authenticate, seedDemo } from '@junheng/server';
import { time, timeAsync } from './timing.mjs';

/** validateDataset against a loop that only reads every value it checks (the least any check does). */
export function validateBenchmark(report) {
  // Parsed JSON, as the validator meets it in practice.
  const ds = JSON.parse(JSON.stringify(generateDemoCounty({ schools: 200_000, seed: 7 })));
  const ours = time(() => {
    if (validateDataset(ds).issues.length > 0) throw new Error('demo county should validate');
  }, 5);
  const base = time(() => readEveryValue(ds), 5);
  report(
    'validateDataset, 200,000 schools (parsed JSON)',
    ours.ms,
    base.ms,
    'a loop reading every value once',
    500,
  );
}

function readEveryValue(ds) {
  let n = 0;
  for (const school of ds.schools) {
    for (const value of Object.values(school)) if (typeof value === 'number') n += value;
    for (const stage of school.stages ?? []) {
      for (const value of Object.values(stage)) if (typeof value === 'number') n += value;
    }
  }
  return n;
}

/** saveDataset / loadDataset against storing and reading the same county as one jsonb document. */
export async function datasetBenchmark(report) {
  const ds = generateDemoCounty({ schools: 300, seed: 11 });
  const db = await openDatabase();
  try {
    await migrate(db);
    await db.exec('CREATE TABLE bench_document (id int PRIMARY KEY, body jsonb NOT NULL)');
    const text = JSON.stringify(ds);
    const save = await timeAsync(() => saveDataset(db, ds, 'system'), 5);
    const saveBase = await timeAsync(
      () =>
        db.query(
          'INSERT INTO bench_document VALUES (1, $1::jsonb) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
          [text],
        ),
      5,
    );
    report(
      'saveDataset, 300 schools (PGlite in memory)',
      save,
      saveBase,
      'the county as one jsonb row',
      3000,
    );
    const load = await timeAsync(() => loadDataset(db, ds.county.code, ds.year), 5);
    const loadBase = await timeAsync(() => db.query('SELECT body FROM bench_document WHERE id = 1'), 5);
    report(
      'loadDataset, 300 schools (PGlite in memory)',
      load,
      loadBase,
      'the county as one jsonb row',
      undefined,
    );
  } finally {
    await db.close();
  }
}

/** seedDemo (data, accounts, reports, audit) against saving the same county's data alone. */
export async function seedBenchmark(report) {
  const fresh = async () => {
    const db = await openDatabase();
    await migrate(db);
    return db;
  };
  const seedDb = await fresh();
  const started = performance.now();
  await seedDemo(seedDb, { password: 'Qingshan-Xiaoxue-2025', now: new Date('2025-11-20T08:00:00+08:00') });
  const ours = performance.now() - started;
  await seedDb.close();
  const baseDb = await fresh();
  const ds = generateDemoCounty({ schools: 60, year: 2025 });
  const baseStarted = performance.now();
  await saveDataset(baseDb, ds, 'system');
  const base = performance.now() - baseStarted;
  await baseDb.close();
  report(
    'seedDemo, 60-school demo county (PGlite in memory)',
    ours,
    base,
    'saveDataset of its data alone',
    30_000,
  );
}

/**
 * An unknown username must cost the same argon2id work as checking a real account's password (no
 * user enumeration by timing): the ratio should be close to 1 (the database lookup is the rest).
 * Without the dummy verification it would be ~20–100.
 */
export async function loginBenchmark(report) {
  const db = await openDatabase();
  try {
    await migrate(db);
    const stored = await hashPassword('Qingshan-Xiaoxue-2025');
    const now = new Date();
    await authenticate(db, 'nobody', 'x', now); // builds the dummy hash once
    const unknown = await timeAsync(() => authenticate(db, 'nobody', 'Qingshan-Xiaoxue-2024', now), 9);
    const verify = await timeAsync(() => verifyPassword(stored, 'Qingshan-Xiaoxue-2024'), 9);
    report(
      'sign-in of an unknown username',
      unknown,
      verify,
      "checking a real account's password hash",
      undefined,
    );
  } finally {
    await db.close();
  }
}
