import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/database.js';
import { COUNTY, FIXTURE_YEAR, NEIGHBOUR_SCHOOL, seedWorld, type World } from '../platform/testFixtures.js';
import { createTestDatabase, type TestDatabase, testEngines } from '../platform/testing.js';
import { approveOnImport, lockImportedReports } from './importApprovalRecords.js';
import { countReportsByStatus, listReportRows } from './reportListQueries.js';
import { countyExists } from './reportLookups.js';
import {
  insertEmptyReport,
  readReport,
  reportIdOf,
  reportVersions,
  writeReportStep,
} from './reportRecords.js';

/** The report repositories' SQL: what the server's report commands rely on (the commands' own tests are theirs). */
describe.each(testEngines())('report repositories on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  let by: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    w = await seedWorld(db);
    by = Number(w.users.bureau.id);
  });
  afterAll(() => t?.dispose());

  it('writes a step only at the version it starts from, each version kept', async () => {
    const key = { schoolId: w.schoolA.id, year: FIXTURE_YEAR, stage: 'primary' as const };
    const row = (await readReport(db, key))!;
    expect(row).toMatchObject({ school_id: key.schoolId, status: 'draft', version: 1, region_code: COUNTY });
    const step = {
      id: row.id,
      fromVersion: 1,
      version: 2,
      status: 'submitted' as const,
      data: { students: 5 },
      reviewComments: null,
      by,
      submits: true,
      reviews: false,
      proxyReason: '代为提交',
    };
    expect(await writeReportStep(db, { ...step, fromVersion: 7 })).toBe(false);
    expect((await readReport(db, key))!.version).toBe(1);
    expect(await writeReportStep(db, step)).toBe(true);
    const after = (await readReport(db, key))!;
    expect(after).toMatchObject({ status: 'submitted', version: 2, data: { students: 5 }, submitted_by: by });
    expect(after.proxy_reason).toBe('代为提交');
    expect((await reportVersions(db, row.id)).map((v) => [v.version, v.status])).toEqual([
      [1, 'draft'],
      [2, 'submitted'],
    ]);
    expect(await readReport(db, { ...key, year: 2099 })).toBeUndefined();
  });

  it('creates an empty report once, with its school year', async () => {
    const key = { schoolId: w.schoolB.id, year: 2044, stage: 'junior' as const };
    const id = await insertEmptyReport(db, key, by);
    expect(id).toBeGreaterThan(0);
    expect(await insertEmptyReport(db, key, by)).toBeUndefined();
    expect(await reportIdOf(db, key)).toBe(id);
    expect((await db.query('SELECT 1 FROM school_year WHERE start_year = 2044')).rows).toHaveLength(1);
  });

  it('lists within a scope and counts a county’s reports with the missing ones', async () => {
    const base = { year: FIXTURE_YEAR, statuses: [], pageSize: 500 };
    const all = await listReportRows(db, { ...base, scope: { scope: 'all', alsoPublished: false } });
    expect(all.items.some((r) => r.schoolId === NEIGHBOUR_SCHOOL)).toBe(true);
    const none = await listReportRows(db, { ...base, scope: { scope: 'none', alsoPublished: false } });
    expect(none).toMatchObject({ items: [], total: 0 });
    const school = { scope: 'school' as const, schoolId: w.schoolA.id, alsoPublished: false };
    expect((await listReportRows(db, { ...base, scope: school })).items.map((r) => r.schoolId)).toEqual([
      w.schoolA.id,
    ]);
    const counts = await countReportsByStatus(db, COUNTY, FIXTURE_YEAR);
    expect(counts.submitted).toBe(1);
    expect(counts.missing).toBe(0);
    expect(await countyExists(db, COUNTY)).toBe(true);
    expect(await countyExists(db, '130600')).toBe(false);
  });

  it('approves imported reports in two versions, marked 代报', async () => {
    const nine = w.schoolOfType('nineYear');
    const locked = await db.transaction(async (tx) => {
      const rows = await lockImportedReports(tx, FIXTURE_YEAR, [{ schoolId: nine.id, stage: 'junior' }]);
      expect(rows).toEqual([
        expect.objectContaining({ schoolId: nine.id, stage: 'junior', status: 'draft' }),
      ]);
      return approveOnImport(
        tx,
        rows.map((r) => r.id),
        by,
        '导入',
      );
    });
    expect(locked).toEqual([expect.objectContaining({ schoolId: nine.id, stage: 'junior', version: 3 })]);
    const row = (await readReport(db, { schoolId: nine.id, year: FIXTURE_YEAR, stage: 'junior' }))!;
    expect(row).toMatchObject({ status: 'approved', reviewed_by: by, proxy_reason: '导入' });
    expect(await lockImportedReports(db, FIXTURE_YEAR, [])).toEqual([]);
  });
});
