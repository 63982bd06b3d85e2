import {
  type Actor,
  DEMO_COUNTY,
  Refusal,
  shanghaiSchoolYear,
  USER_ROLE_NAMES,
  validateDataset,
} from '@junheng/core';
import {
  type Database,
  findUserByUsername,
  getPublishedRun,
  listPublishedCounties,
  loadDataset,
  migrate,
  type Queryable,
  verifyAuditChain,
} from '@junheng/db';
import { createTestDatabase, type TestDatabase, testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../accounts/login.js';
import { countyTrend, listRuns } from '../evaluation/runQueries.js';
import { type SeedDemoResult, seedDemo } from './demoSeed.js';

const PASSWORD = 'Qingyuan#Demo2025';

/** Every table's rows, to show a refused or skipped seed changed nothing. */
async function dump(db: Queryable) {
  const out: Record<string, unknown> = {};
  for (const table of [
    'region',
    'school',
    'school_year',
    'school_year_info',
    'school_report',
    'school_report_version',
    'county_input',
    'evaluation_run',
    'app_user',
    'audit_event',
  ]) {
    out[table] = (
      await db.query<{ v: unknown }>(`SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]') AS v FROM ${table} t`)
    ).rows[0]!.v;
  }
  return out;
}

describe('shanghaiSchoolYear', () => {
  it('starts a school year on 1 September in China, whatever the process time zone', () => {
    expect(shanghaiSchoolYear(new Date('2026-08-31T15:59:59Z'))).toBe(2025); // 23:59 in Beijing
    expect(shanghaiSchoolYear(new Date('2026-08-31T16:00:00Z'))).toBe(2026); // 1 Sept 00:00
    expect(shanghaiSchoolYear(new Date('2027-01-15T00:00:00Z'))).toBe(2026);
    expect(shanghaiSchoolYear(new Date('2026-12-31T16:30:00Z'))).toBe(2026); // 1 Jan 2027 00:30 in Beijing
  });
});

describe.each(testEngines())('demo seed on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let seeded: SeedDemoResult | null;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    // Its duration is measured by npm run bench (group seed), not asserted here.
    seeded = await seedDemo(db, { password: PASSWORD, now: new Date('2025-11-20T08:00:00+08:00') });
  });
  afterAll(() => t?.dispose());

  it('seeds the demo county for the current school year, with one account per role', () => {
    expect(seeded).not.toBeNull();
    expect(seeded!).toMatchObject({ countyCode: DEMO_COUNTY.code, countyName: DEMO_COUNTY.name, year: 2025 });
    expect(seeded!.users.map((u) => [u.role, u.username])).toEqual([
      ['system_admin', 'admin'],
      ['bureau', 'jiaoyuju'],
      ['inspector', 'duxue'],
      ['principal', 'xiaozhang'],
      ['school', 'tianbao'],
      ['bureau', 'shiju'],
    ]);
    for (const u of seeded!.users) expect(u.roleName).toBe(USER_ROLE_NAMES[u.role]);
    const principal = seeded!.users.find((u) => u.role === 'principal')!;
    expect(principal.schoolName).toBe(`${DEMO_COUNTY.name}实验小学`);
    expect(seeded!.users.find((u) => u.role === 'school')!.schoolName).toBe(principal.schoolName);
  });

  it('lets every demo account sign in with the password, bound to its scope', async () => {
    const now = new Date();
    for (const u of seeded!.users) {
      const r = await authenticate(db, u.username, PASSWORD, now);
      expect(r.ok, u.username).toBe(true);
      if (!r.ok) continue;
      expect(r.user.role).toBe(u.role);
      expect(r.user.displayName).toBe(u.displayName);
    }
    expect((await findUserByUsername(db, 'jiaoyuju'))!.regionCode).toBe(DEMO_COUNTY.code);
    expect((await findUserByUsername(db, 'shiju'))!.regionCode).toBe(`${DEMO_COUNTY.code.slice(0, 4)}00`);
    const clerk = (await findUserByUsername(db, 'tianbao'))!;
    expect(clerk.schoolId).toBe((await findUserByUsername(db, 'xiaozhang'))!.schoolId);
    // The other schools' stand-in submitter cannot sign in.
    const stand = await findUserByUsername(db, 'yanshi');
    expect(stand!.disabledAt).not.toBeNull();
    expect((await authenticate(db, 'yanshi', PASSWORD, now)).ok).toBe(false);
  });

  it('has the previous year evaluated and published, its reports locked', async () => {
    const prev = seeded!.year - 1;
    expect(await listPublishedCounties(db)).toEqual([
      { code: DEMO_COUNTY.code, name: DEMO_COUNTY.name, years: [prev] },
    ]);
    for (const standard of ['basic', 'quality'] as const) {
      const run = await getPublishedRun(db, DEMO_COUNTY.code, prev, standard);
      expect(run, standard).not.toBeNull();
      expect(run!.result[standard]!.status).toBe(run!.verdict);
    }
    const { rows } = await db.query<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM school_report WHERE year = $1 GROUP BY status',
      [prev],
    );
    expect(rows).toEqual([{ status: 'locked', n: 62 }]);
    const prevData = await loadDataset(db, DEMO_COUNTY.code, prev);
    expect(validateDataset(prevData).issues).toEqual([]);
  });

  it('has the current year in a realistic mix of statuses, one returned with a comment', async () => {
    const { rows } = await db.query<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM school_report WHERE year = $1 GROUP BY status ORDER BY status',
      [seeded!.year],
    );
    const counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(counts.returned).toBe(1);
    expect(counts.draft).toBeGreaterThanOrEqual(3);
    expect(counts.approved).toBeGreaterThanOrEqual(10);
    expect(counts.submitted).toBeGreaterThan(counts.approved + counts.draft);
    expect(counts.locked).toBeUndefined();
    // The seed's own audit event (the last one) tells the same counts.
    const last = await db.query<{
      action: string;
      after: { reports: Record<string, Record<string, number>> };
    }>("SELECT action, after FROM audit_event WHERE action NOT LIKE 'auth.%' ORDER BY id DESC LIMIT 1");
    expect(last.rows[0]!.action).toBe('demo.seed');
    expect(last.rows[0]!.after.reports[seeded!.year]).toEqual(counts);
    const returned = await db.query<{ school_id: string; review_comments: Record<string, string> }>(
      `SELECT school_id, review_comments FROM school_report WHERE year = $1 AND status = 'returned'`,
      [seeded!.year],
    );
    expect(returned.rows[0]!.school_id).toBe((await findUserByUsername(db, 'tianbao'))!.schoolId);
    expect(Object.keys(returned.rows[0]!.review_comments)).toEqual(['students']);
    // Every non-draft version says who submitted it (the schema's own rule).
    const { rows: hist } = await db.query<{ n: number }>(
      'SELECT count(*) AS n FROM school_report_version WHERE actor_id IS NULL AND version > 1',
    );
    expect(hist[0]!.n).toBe(0);
  });

  it('gives a trend over the two years, with figures that differ', async () => {
    const bureau = await findUserByUsername(db, 'jiaoyuju');
    const actor: Actor = { id: String(bureau!.id), role: 'bureau', regionCode: bureau!.regionCode };
    const trend = await countyTrend({ db, actor }, { countyCode: DEMO_COUNTY.code });
    expect(trend.map((p) => [p.year, p.standard, p.published])).toEqual([
      [seeded!.year - 1, 'basic', true],
      [seeded!.year - 1, 'quality', true],
      [seeded!.year, 'basic', false],
      [seeded!.year, 'quality', false],
    ]);
    expect(trend[0]!.coefficients.map((c) => c.cv)).not.toEqual(trend[2]!.coefficients.map((c) => c.cv));
    expect((await listRuns({ db, actor })).total).toBe(4);
  });

  it('seeds one draw: the county’s committed admission draw, no head-teacher draw outside a placement', async () => {
    const { rows } = await db.query<{
      purpose: string;
      school_id: string | null;
      drawn_at: Date | null;
      entry_count: number;
    }>('SELECT purpose, school_id, drawn_at, entry_count FROM lottery_draw ORDER BY id');
    // The demo's head-teacher draw comes with the published placement (seedDemoClassesAndQuota).
    expect(rows).toEqual([{ purpose: 'admission', school_id: null, drawn_at: null, entry_count: 860 }]);
  });

  it('seeds only an empty database: a second call returns null and changes nothing', async () => {
    const before = await dump(db);
    expect(await seedDemo(db, { password: PASSWORD })).toBeNull();
    expect(await seedDemo(db, { password: PASSWORD, year: 2030, schools: 5 })).toBeNull();
    expect(await dump(db)).toEqual(before);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('does not seed a database that has accounts, and writes nothing on a weak password', async () => {
    const other = await createTestDatabase(engine, { migrated: true });
    try {
      await migrate(other.db);
      const err = await seedDemo(other.db, { password: 'jiaoyuju2025!', schools: 5 }).catch((e) => e);
      expect(err).toBeInstanceOf(Refusal);
      expect((err as Refusal).code).toBe('weakPassword');
      expect((err as Refusal).message).toMatch(/^演示账号 \w+ 的密码不符合要求：/);
      expect((await other.db.query('SELECT 1 FROM region')).rows).toEqual([]);

      await other.db.query(
        `INSERT INTO app_user (username, password_hash, display_name, role) VALUES ('root1', '$x', '管理员', 'system_admin')`,
      );
      const before = await dump(other.db);
      expect(await seedDemo(other.db, { password: PASSWORD, schools: 5 })).toBeNull();
      expect(await dump(other.db)).toEqual(before);
    } finally {
      await other.dispose();
    }
  });

  it('seeds the rest of the demo in the same transaction: a failure there leaves the database empty', async () => {
    const other = await createTestDatabase(engine, { migrated: true });
    try {
      await migrate(other.db);
      let seenInside = 0;
      const err = await seedDemo(other.db, {
        password: PASSWORD,
        schools: 5,
        alsoInside: async (tx, county) => {
          // Inside: the county is there, uncommitted.
          seenInside = (await tx.query('SELECT 1 FROM school WHERE county_code = $1', [county.countyCode]))
            .rows.length;
          throw new Error('crash while seeding 招生');
        },
      }).catch((e) => e as Error);
      expect(err.message).toBe('crash while seeding 招生');
      expect(seenInside).toBe(5);
      for (const table of ['region', 'school', 'app_user', 'school_report', 'audit_event', 'lottery_draw']) {
        expect((await other.db.query(`SELECT 1 FROM ${table} LIMIT 1`)).rows, table).toEqual([]);
      }
      // The next start seeds it whole.
      const again = await seedDemo(other.db, { password: PASSWORD, schools: 5 });
      expect(again?.countyCode).toBe(DEMO_COUNTY.code);
    } finally {
      await other.dispose();
    }
  });
});
