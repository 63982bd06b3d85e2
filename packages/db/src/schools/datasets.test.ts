import {
  type CountyDataset,
  type EvaluationResult,
  evaluate,
  generateDemoCounty,
  STAGES,
  validateDataset,
} from '@junheng/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../platform/database.js';
import { ERROR_CODES } from '../platform/errors.js';
import { migrate } from '../platform/migrate.js';
import { createTestDatabase, type TestDatabase, testEngines } from '../platform/testing.js';
import { DatasetError, loadDataset, saveDataset } from './datasets.js';

/**
 * The dataset as JSON would carry it (undefined dropped), with the representational differences
 * datasets.ts documents made explicit: a school's null seniorStudents / sharedFacilities /
 * meetsProvincialStandard is the same as absent, and stages are in STAGES order. Key order is
 * ignored by toEqual.
 */
function canonical(ds: CountyDataset): CountyDataset {
  const copy = JSON.parse(JSON.stringify(ds)) as CountyDataset;
  for (const s of copy.schools) {
    if (s.seniorStudents === null) delete s.seniorStudents;
    if (s.sharedFacilities === null) delete s.sharedFacilities;
    if (s.meetsProvincialStandard === null) delete s.meetsProvincialStandard;
    s.stages.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
  }
  return copy;
}

/** Verdicts and coefficients of a result, to name what must not change. */
function verdicts(r: EvaluationResult) {
  return {
    status: r.status,
    basic: r.basic && {
      status: r.basic.status,
      stages: r.basic.stages.map((s) => ({
        stage: s.stage,
        composite: s.composite,
        cvs: s.coefficients.map((c) => [c.cv, c.status]),
      })),
    },
    quality: r.quality && {
      status: r.quality.status,
      stages: r.quality.stages.map((s) => ({
        stage: s.stage,
        cvs: s.coefficients.map((c) => [c.cv, c.status]),
      })),
      schools: r.quality.schools.map((s) => [s.schoolId, s.status]),
    },
  };
}

/** Every row of the tables a save writes, to show a failed save changed nothing. */
async function snapshot(db: Queryable): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of [
    'region',
    'school',
    'school_year',
    'school_year_info',
    'school_report',
    'school_report_version',
    'county_input',
  ]) {
    const { rows } = await db.query<{ rows: unknown }>(
      `SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), '[]') AS rows FROM ${table} t`,
    );
    out[table] = rows[0]!.rows;
  }
  return out;
}

describe.each(testEngines())('dataset repository on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
  });
  afterAll(() => t?.dispose());

  it('saves the demo county and loads back the same dataset, with the same evaluation', async () => {
    const original = generateDemoCounty();
    expect(validateDataset(original).issues).toEqual([]);
    const summary = await saveDataset(db, original, 'system');
    const reports = original.schools.reduce((n, s) => n + s.stages.length, 0);
    expect(summary).toEqual({
      schools: 60,
      schoolsCreated: 60,
      reportsCreated: reports,
      reportsUpdated: 0,
      countyItems: Object.keys(original.countyInputs!).length,
      countyItemsRemoved: 0,
      otherReports: [],
    });

    const loaded = await loadDataset(db, original.county.code, original.year);
    // The demo has no explicit nulls and its stages in STAGES order: it comes back as it was.
    expect(loaded).toEqual(original);
    expect(canonical(loaded)).toStrictEqual(canonical(original));
    expect(validateDataset(loaded).issues).toEqual([]);
    // Schools in the saved order, so the evaluation lists (and sums) them in the same order.
    expect(loaded.schools.map((s) => s.id)).toEqual(original.schools.map((s) => s.id));

    const before = evaluate(original);
    const after = evaluate(loaded);
    expect(verdicts(after)).toEqual(verdicts(before));
    expect(after.basic!.stages.flatMap((s) => s.coefficients).length).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });

  it('keeps whole-school figures per school and year; explicit nulls come back absent', async () => {
    const ds = generateDemoCounty({ schools: 12, year: 2030 });
    const shared = ds.schools.find((s) => s.sharedFacilities)!;
    const plain = ds.schools.find((s) => !s.sharedFacilities && s.stages.length === 1)!;
    Object.assign(plain, { seniorStudents: null, sharedFacilities: null, meetsProvincialStandard: null });
    shared.sharedFacilities!.books = null; // 未填报 inside the object stays null
    if (shared.stages.length === 2) shared.stages.reverse();
    await saveDataset(db, ds, 'system');

    const { rows } = await db.query(
      'SELECT school_id, shared_facilities, senior_students, meets_provincial_standard FROM school_year_info WHERE year = 2030 AND school_id = ANY($1::text[]) ORDER BY school_id',
      [[shared.id, plain.id].sort()],
    );
    expect(rows).toContainEqual({
      school_id: plain.id,
      shared_facilities: null,
      senior_students: null,
      meets_provincial_standard: null,
    });
    expect(rows).toContainEqual(
      expect.objectContaining({ school_id: shared.id, shared_facilities: shared.sharedFacilities }),
    );

    const loaded = await loadDataset(db, ds.county.code, 2030);
    expect(loaded.schools.find((s) => s.id === plain.id)).not.toHaveProperty('meetsProvincialStandard');
    expect(canonical(loaded)).toStrictEqual(canonical(ds));
    expect(evaluate(loaded)).toEqual(evaluate(canonical(ds)));
    expect(verdicts(evaluate(loaded))).toEqual(verdicts(evaluate(ds)));
  });

  it('saving again makes version 2 of every report and keeps version 1 in history', async () => {
    const ds = generateDemoCounty({ year: 2026 });
    await db.query(
      "INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES ('bureau1', '$argon2id$x', '基教股', 'bureau', $1)",
      [ds.county.code],
    );
    await saveDataset(db, ds, 'system');
    const changed = structuredClone(ds);
    changed.schools[0]!.stages[0]!.students = 4321;
    delete changed.countyInputs!.layout;
    const summary = await saveDataset(db, changed, 'Bureau1');
    const reports = ds.schools.reduce((n, s) => n + s.stages.length, 0);
    expect(summary).toMatchObject({
      schools: 60,
      schoolsCreated: 0,
      reportsCreated: 0,
      reportsUpdated: reports,
      countyItems: Object.keys(changed.countyInputs!).length,
      countyItemsRemoved: 1,
      otherReports: [],
    });

    const versions = await db.query<{ version: number; n: number }>(
      'SELECT version, count(*) AS n FROM school_report WHERE year = 2026 GROUP BY version',
    );
    expect(versions.rows).toEqual([{ version: 2, n: reports }]);
    const history = await db.query<{ version: number; students: number; actor: string | null }>(
      `SELECT v.version, (v.data->>'students')::int AS students, u.username AS actor
         FROM school_report_version v JOIN school_report r ON r.id = v.report_id
         LEFT JOIN app_user u ON u.id = v.actor_id
        WHERE r.year = 2026 AND r.school_id = $1 AND r.stage = $2 ORDER BY v.version`,
      [ds.schools[0]!.id, ds.schools[0]!.stages[0]!.stage],
    );
    expect(history.rows).toEqual([
      { version: 1, students: ds.schools[0]!.stages[0]!.students, actor: null },
      { version: 2, students: 4321, actor: 'bureau1' },
    ]);
    const all = await db.query<{ n: number }>(
      'SELECT count(*) AS n FROM school_report_version v JOIN school_report r ON r.id = v.report_id WHERE r.year = 2026',
    );
    expect(all.rows[0]!.n).toBe(2 * reports);
    expect(canonical(await loadDataset(db, ds.county.code, 2026))).toStrictEqual(canonical(changed));
  });

  it('reports the reports of the year that a later save leaves out, and still loads them', async () => {
    const ds = generateDemoCounty({ schools: 12, year: 2027 });
    await saveDataset(db, ds, 'system');
    const fewer = structuredClone(ds);
    const dropped = fewer.schools.pop()!;
    const summary = await saveDataset(db, fewer, 'system');
    expect(summary.otherReports).toEqual(
      dropped.stages.map((r) => ({ schoolId: dropped.id, stage: r.stage })),
    );
    const loaded = await loadDataset(db, ds.county.code, 2027);
    expect(loaded.schools.map((s) => s.id)).toEqual(ds.schools.map((s) => s.id));
  });

  describe('all or nothing', () => {
    const year = 2028;
    let saved: CountyDataset;
    beforeAll(async () => {
      saved = generateDemoCounty({ schools: 20, year });
      await saveDataset(db, saved, 'system');
    });

    /** The saved dataset with every figure changed and the county items changed too. */
    function changed(): CountyDataset {
      const ds = structuredClone(saved);
      for (const s of ds.schools) for (const r of s.stages) r.students = (r.students ?? 0) + 1;
      ds.countyInputs = { layout: { value: false } };
      ds.county.name = '改名县';
      ds.schools.push({ ...structuredClone(ds.schools[0]!), id: '2199999999', name: '新建学校' });
      return ds;
    }

    it.each<[string, (ds: CountyDataset) => void]>([
      [
        'a bad school id (school)',
        (ds) => {
          ds.schools[1]!.id = '21';
        },
      ],
      [
        'a bad locality (school)',
        (ds) => {
          ds.schools[1]!.locality = '城区' as never;
        },
      ],
      [
        'negative senior students (school_year_info)',
        (ds) => {
          ds.schools[1]!.seniorStudents = -5;
        },
      ],
      [
        'an unknown stage (school_report)',
        (ds) => {
          ds.schools[1]!.stages[0]!.stage = 'senior' as never;
        },
      ],
      [
        'a county item id (county_input)',
        (ds) => {
          ds.countyInputs!['bad id'] = { value: 1 };
        },
      ],
    ])('a second school with %s leaves the database exactly as before', async (_what, breakIt) => {
      const before = await snapshot(db);
      const ds = changed();
      breakIt(ds);
      await expect(saveDataset(db, ds, 'system')).rejects.toMatchObject({ code: ERROR_CODES.checkViolation });
      expect(await snapshot(db)).toEqual(before);
      expect(await loadDataset(db, saved.county.code, year)).toEqual(saved);
    });

    it('refuses schools of another county, closed schools, locked reports and unknown users, changing nothing', async () => {
      await db.query(
        "INSERT INTO region (code, name, level) VALUES ('130661', '邻县', 'county') ON CONFLICT DO NOTHING",
      );
      await db.query(
        "INSERT INTO school (id, name, type, locality, region_code) VALUES ('2188888888', '邻县小学', 'primary', 'rural', '130661')",
      );
      const before = await snapshot(db);
      const expectRefused = async (ds: CountyDataset, code: string, actor = 'system') => {
        const err = await saveDataset(db, ds, actor).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DatasetError);
        expect(err).toMatchObject({ code });
        expect(await snapshot(db)).toEqual(before);
      };

      const neighbour = changed();
      neighbour.schools[1]!.id = '2188888888';
      await expectRefused(neighbour, 'schoolInOtherCounty');

      const outside = changed();
      outside.schools[1]!.regionCode = '130661';
      await expectRefused(outside, 'schoolOutsideCounty');

      await expectRefused(changed(), 'unknownActor', 'nobody');

      const closed = saved.schools[1]!.id;
      await db.query("UPDATE school SET status = 'closed' WHERE id = $1", [closed]);
      const whenClosed = await snapshot(db);
      const err = await saveDataset(db, changed(), 'system').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'schoolNotOpen', schoolIds: [closed] });
      expect(await snapshot(db)).toEqual(whenClosed);
      // A closed school is not in the county's dataset any more.
      const loaded = await loadDataset(db, saved.county.code, year);
      expect(loaded.schools.map((s) => s.id)).toEqual(
        saved.schools.filter((s) => s.id !== closed).map((s) => s.id),
      );
      await db.query("UPDATE school SET status = 'open' WHERE id = $1", [closed]);
    });

    it('refuses a dataset whose reports are locked', async () => {
      const { rows } = await db.query<{ id: number }>(
        "INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES ('inspector1', '$argon2id$x', '督学', 'inspector', $1) RETURNING id",
        [saved.county.code],
      );
      const u = rows[0]!.id;
      await db.query(
        `UPDATE school_report SET version = version + 1, status = 'locked', submitted_by = $1, submitted_at = now(),
                reviewed_by = $1, reviewed_at = now()
          WHERE year = $2 AND school_id = $3`,
        [u, year, saved.schools[2]!.id],
      );
      const before = await snapshot(db);
      await expect(saveDataset(db, changed(), 'system')).rejects.toMatchObject({
        code: 'reportLocked',
        schoolIds: [saved.schools[2]!.id],
      });
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('joins a transaction of the caller: its own writes commit or roll back with the dataset', async () => {
    const ds = generateDemoCounty({ schools: 3, year: 2029 });
    await expect(
      db.transaction(async (tx) => {
        await saveDataset(tx, ds, 'system');
        expect((await loadDataset(tx, ds.county.code, 2029)).schools).toHaveLength(3);
        throw new Error('audit write failed');
      }),
    ).rejects.toThrow('audit write failed');
    expect((await loadDataset(db, ds.county.code, 2029)).schools).toEqual([]);
  });

  it('says when the county is not in the database', async () => {
    await expect(loadDataset(db, '999999', 2025)).rejects.toMatchObject({ code: 'countyNotFound' });
  });
});

// How fast this is, is measured by npm run bench (group dataset), not asserted here.
describe.each(testEngines())('dataset repository at county scale on %s', (engine) => {
  it.each([60, 300])('saves twice and loads a county of %i schools', async (schools) => {
    const t = await createTestDatabase(engine, { migrated: true });
    try {
      await migrate(t.db);
      const ds = generateDemoCounty({ schools });
      await saveDataset(t.db, ds, 'system');
      await saveDataset(t.db, ds, 'system');
      expect(await loadDataset(t.db, ds.county.code, ds.year)).toEqual(ds);
    } finally {
      await t.dispose();
    }
  });
});
