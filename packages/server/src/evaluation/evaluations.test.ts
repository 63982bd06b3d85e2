import { createHash } from 'node:crypto';
import {
  type Actor,
  type CountyDataset,
  can,
  evaluate,
  generateDemoCounty,
  nationalStandards,
  type OutstandingReport,
  PUBLIC_ACTOR,
  Refusal,
  STAGES_OF_TYPE,
  type Stage,
  type UserRole,
} from '@junheng/core';
import {
  canonicalJson,
  type Database,
  ERROR_CODES,
  getPublishedRun,
  listPublishedCounties,
  loadDataset,
  migrate,
  type Queryable,
  type RunPageQuery,
  type RunSummary,
  saveDataset,
  sqlState,
  verifyAuditChain,
} from '@junheng/db';
import { createTestDatabase, type TestDatabase, testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveReportDraft, transitionReport } from '../reporting/commands/index.js';
import {
  publishRun as publishRunCommand,
  type RunEvaluationInput,
  runEvaluation as runCommand,
} from './runCommands.js';
import {
  getRun as getRunCommand,
  listRuns as listRunsCommand,
  countyTrend as trendCommand,
} from './runQueries.js';

// The commands with a context of the database and the actor, as the tests before them called them.
const runEvaluation = (db: Database, actor: Actor, input: RunEvaluationInput) =>
  runCommand({ db, actor }, input);
const getRun = (db: Database, actor: Actor, id: number) => getRunCommand({ db, actor }, { id });
const listRuns = (db: Database, actor: Actor, q?: RunPageQuery) => listRunsCommand({ db, actor }, q);
const publishRun = (db: Database, actor: Actor, id: number, opts: { ip?: string } = {}) =>
  publishRunCommand({ db, actor, ip: opts.ip }, { id });
const countyTrend = (db: Database, actor: Actor, countyCode: string) =>
  trendCommand({ db, actor }, { countyCode });

const COUNTY = '130660';
const NEIGHBOUR = '130661';
const CITY = '130600';
const SCHOOLS = 12;
const ENGINE = 'test-engine 1.0';

async function addUser(
  db: Queryable,
  username: string,
  role: UserRole,
  scope: { regionCode?: string; schoolId?: string },
): Promise<Actor> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, password_hash, display_name, role, region_code, school_id)
     VALUES ($1, '$argon2id$x', $1 || '显示名', $2, $3, $4) RETURNING id`,
    [username, role, scope.regionCode ?? null, scope.schoolId ?? null],
  );
  return {
    id: String(rows[0]!.id),
    role,
    regionCode: scope.regionCode ?? null,
    schoolId: scope.schoolId ?? null,
  };
}

/**
 * The command's refusal with its code (a bad page is still refused by db's queryKit: AccessError
 * invalidData).
 */
async function expectCode(p: Promise<unknown>, code: Refusal['code']): Promise<Refusal> {
  const err = await p.then(
    () => {
      throw new Error(`expected a refusal ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Refusal);
  expect((err as Refusal).code).toBe(code);
  expect((err as Refusal).message).toMatch(/[\u4e00-\u9fff]/);
  return err as Refusal;
}

const sha256 = (ds: CountyDataset) => createHash('sha256').update(canonicalJson(ds), 'utf8').digest('hex');

/** Everything a refused command must leave as it was. */
async function snapshot(db: Queryable) {
  const q = async (sql: string) => (await db.query<{ v: unknown }>(sql)).rows[0]!.v;
  return {
    runs: await q(`SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.id), '[]') AS v FROM evaluation_run t`),
    reports: await q(`SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.id), '[]') AS v FROM school_report t`),
    audit: await q('SELECT count(*) AS v FROM audit_event'),
  };
}

describe.each(testEngines())('evaluation runs on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  const demo = generateDemoCounty({ schools: SCHOOLS, year: 2025 });
  const schoolA = demo.schools.find((s) => s.type === 'primary')!;
  const u = {} as Record<
    'bureau' | 'inspector' | 'neighbour' | 'city' | 'admin' | 'clerkA' | 'principalA' | 'viewer',
    Actor
  >;

  /** Submits (by clerkA's account, a test shortcut) and approves reports by SQL, one version each. */
  async function approve(ids: readonly number[]) {
    await db.query(
      `UPDATE school_report SET version = version + 1, status = 'submitted', submitted_by = $2, submitted_at = now(),
              updated_by = $2 WHERE id = ANY($1::bigint[]) AND status IN ('draft', 'returned')`,
      [ids, Number(u.clerkA.id)],
    );
    await db.query(
      `UPDATE school_report SET version = version + 1, status = 'approved', reviewed_by = $2, reviewed_at = now(),
              updated_by = $2 WHERE id = ANY($1::bigint[]) AND status = 'submitted'`,
      [ids, Number(u.bureau.id)],
    );
  }

  async function reportsOf(year: number) {
    const { rows } = await db.query<{
      id: number;
      school_id: string;
      stage: Stage;
      status: string;
      version: number;
    }>('SELECT id, school_id, stage, status, version FROM school_report WHERE year = $1 ORDER BY id', [year]);
    return rows;
  }

  async function auditActions(): Promise<{ action: string; entity_id: string | null }[]> {
    return (
      await db.query<{ action: string; entity_id: string | null }>(
        'SELECT action, entity_id FROM audit_event ORDER BY id',
      )
    ).rows;
  }

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    await saveDataset(db, demo, 'system');
    await db.query(`INSERT INTO region (code, name, level, parent_code) VALUES ($1, '邻县', 'county', $2)`, [
      NEIGHBOUR,
      CITY,
    ]);
    await db.query('INSERT INTO school_year (start_year) VALUES (2030)');
    u.bureau = await addUser(db, 'bureau1', 'bureau', { regionCode: COUNTY });
    u.inspector = await addUser(db, 'inspector1', 'inspector', { regionCode: COUNTY });
    u.neighbour = await addUser(db, 'bureau2', 'bureau', { regionCode: NEIGHBOUR });
    u.city = await addUser(db, 'city1', 'bureau', { regionCode: CITY });
    u.admin = await addUser(db, 'admin1', 'system_admin', {});
    u.clerkA = await addUser(db, 'clerkA', 'school', { schoolId: schoolA.id });
    u.principalA = await addUser(db, 'principalA', 'principal', { schoolId: schoolA.id });
    u.viewer = await addUser(db, 'viewer1', 'viewer', { regionCode: CITY });
  });
  afterAll(() => t?.dispose());

  it('runs both standards: verdicts as core computes them, the inputs, their hash, the rules', async () => {
    const runs = await runEvaluation(db, u.bureau, {
      countyCode: COUNTY,
      year: 2025,
      standard: 'both',
      engineVersion: ENGINE,
    });
    expect(runs.map((r) => r.standard)).toEqual(['basic', 'quality']);

    // Independently: core on the generated dataset (not read back from the database).
    const basic = evaluate(demo, { standard: 'basic' });
    const quality = evaluate(demo, { standard: 'quality' });
    expect(runs[0]).toMatchObject({
      countyCode: COUNTY,
      countyName: demo.county.name,
      year: 2025,
      verdict: basic.basic!.status,
      createdBy: Number(u.bureau.id),
      createdByName: 'bureau1显示名',
      publishedAt: null,
      publishedByName: null,
      engineVersion: ENGINE,
    });
    expect(runs[1]!.verdict).toBe(quality.quality!.status);
    expect(runs[0]!.createdAt).toBeInstanceOf(Date);

    const detail = await getRun(db, u.bureau, runs[0]!.id);
    // The same figures as core on the generated data: every coefficient of every stage.
    expect(
      detail.result.basic!.stages.map((s) => [s.stage, s.composite, s.coefficients.map((c) => c.cv)]),
    ).toEqual(basic.basic!.stages.map((s) => [s.stage, s.composite, s.coefficients.map((c) => c.cv)]));
    expect(detail.result.quality).toBeUndefined();
    const quality2 = await getRun(db, u.inspector, runs[1]!.id);
    expect(quality2.result.quality!.schools.map((s) => [s.schoolId, s.stage, s.status])).toEqual(
      quality.quality!.schools.map((s) => [s.schoolId, s.stage, s.status]),
    );

    // Reproducible: the stored inputs are the dataset, the hash is its canonical SHA-256, and
    // re-evaluating the stored inputs with the stored rules gives the stored result.
    const loaded = await loadDataset(db, COUNTY, 2025);
    expect(detail.inputs).toEqual(JSON.parse(JSON.stringify(loaded)));
    expect(detail.inputsSha256).toBe(sha256(loaded));
    expect(runs[1]!.inputsSha256).toBe(detail.inputsSha256);
    expect(detail.rules).toEqual(JSON.parse(JSON.stringify(nationalStandards())));
    expect(detail.result).toEqual(JSON.parse(JSON.stringify(evaluate(detail.inputs, { standard: 'basic' }))));
    // With the stored rules too, up to order: jsonb keeps no key order, and core lists the county
    // items in the order of the tables' keys.
    const again = evaluate(detail.inputs, { standards: detail.rules, standard: 'basic' });
    const byNo = (items: { no: number }[]) => [...items].sort((a, b) => a.no - b.no);
    expect(byNo(again.basic!.items)).toEqual(byNo(detail.result.basic!.items));
    expect(again.basic!.stages).toEqual(detail.result.basic!.stages);

    const events = (await auditActions()).slice(-2);
    expect(events).toEqual([
      { action: 'evaluation.run', entity_id: String(runs[0]!.id) },
      { action: 'evaluation.run', entity_id: String(runs[1]!.id) },
    ]);
  });

  it('stores the standards it was given, overrides included', async () => {
    const standards = nationalStandards();
    standards.overrides.push({ path: 'quality2017.x', from: 1, to: 2 });
    standards.overrideName = '某省办法';
    const [run] = await runEvaluation(db, u.inspector, {
      countyCode: COUNTY,
      year: 2025,
      standard: 'quality',
      standards,
      engineVersion: ENGINE,
    });
    const detail = await getRun(db, u.bureau, run!.id);
    expect(detail.rules.overrideName).toBe('某省办法');
    expect(detail.rules.overrides).toEqual([{ path: 'quality2017.x', from: 1, to: 2 }]);
    expect(detail.result.rules.overrideName).toBe('某省办法');
  });

  it('hashes the data: a changed report gives another hash', async () => {
    const [before] = await runEvaluation(db, u.bureau, {
      countyCode: COUNTY,
      year: 2025,
      standard: 'basic',
      engineVersion: ENGINE,
    });
    const [again] = await runEvaluation(db, u.bureau, {
      countyCode: COUNTY,
      year: 2025,
      standard: 'basic',
      engineVersion: ENGINE,
    });
    expect(again!.inputsSha256).toBe(before!.inputsSha256);

    const key = { schoolId: schoolA.id, year: 2025, stage: 'primary' as const };
    const report = (await reportsOf(2025)).find((r) => r.school_id === schoolA.id)!;
    const data = (await loadDataset(db, COUNTY, 2025)).schools.find((s) => s.id === schoolA.id)!.stages[0]!;
    const { stage: _s, ...fields } = data;
    await saveReportDraft(
      { db, actor: u.clerkA },
      {
        ...key,
        data: { ...fields, students: (data.students ?? 0) + 7 },
        expectedVersion: report.version,
      },
    );
    const [after] = await runEvaluation(db, u.bureau, {
      countyCode: COUNTY,
      year: 2025,
      standard: 'basic',
      engineVersion: ENGINE,
    });
    expect(after!.inputsSha256).not.toBe(before!.inputsSha256);
    expect(after!.inputsSha256).toBe(sha256(await loadDataset(db, COUNTY, 2025)));
  });

  it('refuses what it cannot or may not evaluate, writing nothing', async () => {
    const before = await snapshot(db);
    const input = { countyCode: COUNTY, year: 2025, standard: 'basic' as const, engineVersion: ENGINE };
    const noSchools = await expectCode(
      runEvaluation(db, u.bureau, { ...input, year: 2030 }),
      'invalidRequest',
    );
    expect(noSchools.message).toContain('2030—2031学年');
    await expectCode(runEvaluation(db, u.bureau, { ...input, year: 1999 }), 'invalidRequest');
    await expectCode(
      runEvaluation(db, u.bureau, { ...input, standard: 'all' as unknown as 'basic' }),
      'invalidRequest',
    );
    await expectCode(runEvaluation(db, u.bureau, { ...input, engineVersion: ' ' }), 'invalidRequest');
    await expectCode(runEvaluation(db, u.neighbour, input), 'notFound');
    await expectCode(runEvaluation(db, u.clerkA, input), 'notFound');
    await expectCode(runEvaluation(db, PUBLIC_ACTOR, input), 'notFound');
    await expectCode(runEvaluation(db, u.city, input), 'notAllowed');
    await expectCode(runEvaluation(db, u.admin, input), 'notAllowed');
    await expectCode(runEvaluation(db, u.bureau, { ...input, countyCode: '130662' }), 'notFound');
    await expectCode(runEvaluation(db, { ...u.bureau, id: '999999' }, input), 'notAllowed');
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses data the validator rejects, with the issues', async () => {
    const report = (await reportsOf(2025)).find((r) => r.school_id === schoolA.id)!;
    const { rows } = await db.query<{ data: Record<string, unknown> }>(
      'SELECT data FROM school_report WHERE id = $1',
      [report.id],
    );
    const good = rows[0]!.data;
    const saved = await saveReportDraft(
      { db, actor: u.clerkA },
      {
        schoolId: schoolA.id,
        year: 2025,
        stage: 'primary',
        data: { ...good, students: -3 },
        expectedVersion: report.version,
      },
    );
    const err = await expectCode(
      runEvaluation(db, u.bureau, {
        countyCode: COUNTY,
        year: 2025,
        standard: 'both',
        engineVersion: ENGINE,
      }),
      'invalidRequest',
    );
    // core's Issue: the school by name and 标识码, the problem, and where to fix it.
    expect(err.details).toEqual([
      {
        code: 'invalidData',
        path: expect.stringMatching(/^schools\[\d+\]/),
        message: expect.stringContaining(`${schoolA.name}（${schoolA.id}）：`),
        fix: `请在${schoolA.name}的报表中改正后重新运行评估`,
        column: '学校标识码',
        value: schoolA.id,
      },
    ]);
    await saveReportDraft(
      { db, actor: u.clerkA },
      {
        schoolId: schoolA.id,
        year: 2025,
        stage: 'primary',
        data: good,
        expectedVersion: saved.version,
      },
    );
  });

  it('lists runs newest first within the actor’s scope, and reads one only when visible', async () => {
    const mine = await listRuns(db, u.bureau, { pageSize: 200 });
    expect(mine.total).toBeGreaterThanOrEqual(5);
    expect(mine.items).toHaveLength(mine.total);
    const ids = mine.items.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const page2 = await listRuns(db, u.bureau, { page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: mine.total, page: 2, pageSize: 2 });
    expect(page2.items.map((r) => r.id)).toEqual(ids.slice(2, 4));
    const basic = await listRuns(db, u.bureau, { standard: 'basic', year: 2025, countyCode: COUNTY });
    expect(basic.items.every((r) => r.standard === 'basic' && r.year === 2025)).toBe(true);
    expect((await listRuns(db, u.bureau, { year: 2024 })).total).toBe(0);

    for (const who of [u.inspector, u.city, u.admin]) {
      expect((await listRuns(db, who, { pageSize: 200 })).items.map((r) => r.id)).toEqual(ids);
      await expect(getRun(db, who, ids[0]!)).resolves.toMatchObject({ id: ids[0] });
    }
    // Another county's bureau, school users (a county-wide run is no school's) and the public:
    // nothing unpublished, and a direct read is answered as if the run did not exist.
    for (const who of [u.neighbour, u.clerkA, u.principalA, u.viewer, PUBLIC_ACTOR]) {
      expect(await listRuns(db, who)).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
      const err = await expectCode(getRun(db, who, ids[0]!), 'notFound');
      const missing = await expectCode(getRun(db, who, 987654), 'notFound');
      expect(err.message.replace(String(ids[0]), 'N')).toBe(missing.message.replace('987654', 'N'));
    }
    await expectCode(getRun(db, u.bureau, 0), 'notFound');
    await expectCode(getRun(db, u.bureau, 1.5), 'notFound');
    await expectCode(listRuns(db, u.bureau, { page: 0 }), 'invalidRequest');
    await expectCode(listRuns(db, u.bureau, { pageSize: 0 }), 'invalidRequest');
    await expectCode(listRuns(db, u.bureau, { year: 2025.5 }), 'invalidRequest');
    expect((await listRuns(db, u.bureau, { pageSize: 10_000 })).pageSize).toBe(500);
  });

  describe('publishing', () => {
    const YEAR = 2026;
    // 2026: one primary school has no data at all, and the 九年一贯制 school and the special
    // school reported only 小学 (only the former's 初中 is missing: special schools are not evaluated).
    const full = generateDemoCounty({ schools: SCHOOLS, year: YEAR });
    const absent = full.schools.filter((s) => s.type === 'primary')[1]!;
    const nineYear = full.schools.find((s) => s.type === 'nineYear')!;
    const special = full.schools.find((s) => s.type === 'special')!;
    const partial: CountyDataset = {
      ...full,
      schools: full.schools
        .filter((s) => s.id !== absent.id)
        .map((s) =>
          s.id === nineYear.id || s.id === special.id
            ? { ...s, stages: s.stages.filter((r) => r.stage === 'primary') }
            : s,
        ),
    };
    let runs: RunSummary[];

    beforeAll(async () => {
      await saveDataset(db, partial, 'system');
      runs = await runEvaluation(db, u.bureau, {
        countyCode: COUNTY,
        year: YEAR,
        standard: 'both',
        engineVersion: ENGINE,
      });
    });

    it('refuses while reports are outstanding, listing each one (missing ones too)', async () => {
      const before = await snapshot(db);
      const err = await expectCode(publishRun(db, u.bureau, runs[0]!.id), 'reportsOutstanding');
      const expected: OutstandingReport[] = [];
      // In the year's roster order; a school with nothing for the year has no place in it: last.
      for (const s of [...partial.schools, absent]) {
        // Special-education schools are evaluated by neither standard: only their existing reports count.
        const stages = s.type === 'special' ? s.stages.map((r) => r.stage) : STAGES_OF_TYPE[s.type];
        for (const stage of ['primary', 'junior'] as Stage[]) {
          if (!stages.includes(stage)) continue;
          const missing = s.id === absent.id || (s.id === nineYear.id && stage === 'junior');
          expected.push({ schoolId: s.id, schoolName: s.name, stage, status: missing ? 'missing' : 'draft' });
        }
      }
      expect(err.details).toEqual(expected);
      expect(expected.filter((r) => r.schoolId === special.id)).toHaveLength(1);
      expect(err.message).toContain(`还有 ${expected.length} 份报表未审核通过`);

      // Approved all but one: that one is still listed, with its status.
      const reports = await reportsOf(YEAR);
      const held = reports.find((r) => r.school_id === schoolA.id)!;
      await approve(reports.filter((r) => r.id !== held.id).map((r) => r.id));
      await db.query(
        `UPDATE school_report SET version = version + 1, status = 'submitted', submitted_by = $2, submitted_at = now()
          WHERE id = $1`,
        [held.id, Number(u.clerkA.id)],
      );
      const again = await expectCode(publishRun(db, u.bureau, runs[0]!.id), 'reportsOutstanding');
      expect(again.details).toEqual([
        { schoolId: schoolA.id, schoolName: schoolA.name, stage: 'primary', status: 'submitted' },
        ...expected.filter((r) => r.status === 'missing'),
      ]);
      const { reports: _r, ...rest } = before;
      const { reports: _r2, ...now } = await snapshot(db);
      expect(now).toEqual(rest);
    });

    it('refuses a run whose data changed since, and a run that is not the newest', async () => {
      // The missing reports arrive (an import): the 2026 data is now the full county.
      await saveDataset(db, full, 'system');
      await approve((await reportsOf(YEAR)).map((r) => r.id));
      const before = await snapshot(db);
      const stale = await expectCode(publishRun(db, u.bureau, runs[0]!.id), 'wrongState');
      expect(stale.message).toContain('请重新运行评估');
      expect(await snapshot(db)).toEqual(before);

      const fresh = await runEvaluation(db, u.bureau, {
        countyCode: COUNTY,
        year: YEAR,
        standard: 'both',
        engineVersion: ENGINE,
      });
      expect(fresh[0]!.inputsSha256).not.toBe(runs[0]!.inputsSha256);
      const older = await expectCode(publishRun(db, u.bureau, runs[0]!.id), 'wrongState');
      expect(older.message).toContain(`编号 ${fresh[0]!.id}`);
      runs = fresh;
    });

    it('is the county bureau’s act alone', async () => {
      const before = await snapshot(db);
      await expectCode(publishRun(db, u.inspector, runs[0]!.id), 'notAllowed');
      await expectCode(publishRun(db, u.city, runs[0]!.id), 'notAllowed');
      await expectCode(publishRun(db, u.admin, runs[0]!.id), 'notAllowed');
      await expectCode(publishRun(db, u.neighbour, runs[0]!.id), 'notFound');
      await expectCode(publishRun(db, u.clerkA, runs[0]!.id), 'notFound');
      await expectCode(publishRun(db, PUBLIC_ACTOR, runs[0]!.id), 'notFound');
      await expectCode(publishRun(db, u.bureau, 424242), 'notFound');
      expect(await snapshot(db)).toEqual(before);
    });

    it('publishes, locking exactly the approved reports of the county and year', async () => {
      const reports = await reportsOf(YEAR);
      // One report was locked before (by the workflow): publishing leaves it as it is.
      const pre = reports[0]!;
      const preLocked = await transitionReport(
        { db, actor: u.bureau },
        {
          schoolId: pre.school_id,
          year: YEAR,
          stage: pre.stage,
          action: 'lock',
          expectedVersion: pre.version,
        },
      );
      const otherYear = await reportsOf(2025);
      await approve(otherYear.filter((r) => r.school_id !== schoolA.id).map((r) => r.id));
      const otherYearBefore = await reportsOf(2025);
      const auditBefore = (await auditActions()).length;

      const { run, lockedReports } = await publishRun(db, u.bureau, runs[0]!.id, { ip: '10.0.0.9' });
      expect(run).toMatchObject({ id: runs[0]!.id, publishedByName: 'bureau1显示名' });
      expect(run.publishedAt).toBeInstanceOf(Date);

      const approved = reports.filter((r) => r.id !== pre.id);
      expect(lockedReports.map((r) => r.id)).toEqual(approved.map((r) => r.id));
      const after = await reportsOf(YEAR);
      for (const r of after) {
        const was = reports.find((x) => x.id === r.id)!;
        expect(r.status).toBe('locked');
        expect(r.version).toBe(r.id === pre.id ? preLocked.version : was.version + 1);
      }
      const { rows: by } = await db.query<{ updated_by: number }>(
        'SELECT DISTINCT updated_by FROM school_report WHERE id = ANY($1::bigint[])',
        [approved.map((r) => r.id)],
      );
      expect(by).toEqual([{ updated_by: Number(u.bureau.id) }]);
      // History: each locked report has its new version in school_report_version.
      const { rows: hist } = await db.query<{ n: number }>(
        `SELECT count(*) AS n FROM school_report_version v JOIN school_report r ON r.id = v.report_id
          WHERE r.year = $1 AND v.status = 'locked'`,
        [YEAR],
      );
      expect(hist[0]!.n).toBe(reports.length);
      expect(await reportsOf(2025)).toEqual(otherYearBefore);

      const events = (await auditActions()).slice(auditBefore);
      expect(events).toEqual([
        ...approved.map((r) => ({ action: 'report.lock', entity_id: String(r.id) })),
        { action: 'evaluation.publish', entity_id: String(run.id) },
      ]);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('keeps a published run as it is: no second publish, no change, no deletion', async () => {
      const err = await expectCode(publishRun(db, u.bureau, runs[0]!.id), 'wrongState');
      expect(err.message).toContain('已经发布');
      for (const sql of [
        "UPDATE evaluation_run SET engine_version = 'forged' WHERE id = $1",
        'DELETE FROM evaluation_run WHERE id = $1',
      ]) {
        const e = await db.query(sql, [runs[0]!.id]).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(sqlState(e)).toBe(ERROR_CODES.publishedRun);
      }
      // The other standard's run publishes too; every report is locked already.
      const quality = await publishRun(db, u.bureau, runs[1]!.id);
      expect(quality.lockedReports).toEqual([]);
      expect(quality.run.publishedAt).toBeInstanceOf(Date);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('shows published runs to the public, per the policy, without account names', async () => {
      expect(await listPublishedCounties(db)).toEqual([
        { code: COUNTY, name: demo.county.name, years: [YEAR] },
      ]);
      const pub = await getPublishedRun(db, COUNTY, YEAR, 'basic');
      expect(pub).toMatchObject({ id: runs[0]!.id, countyCode: COUNTY, year: YEAR, standard: 'basic' });
      expect(pub!.result.basic!.status).toBe(pub!.verdict);
      expect(pub).not.toHaveProperty('createdByName');
      expect(pub).not.toHaveProperty('publishedByName');
      expect(pub).not.toHaveProperty('createdBy');
      expect((await getPublishedRun(db, COUNTY, YEAR, 'quality'))!.id).toBe(runs[1]!.id);
      expect(await getPublishedRun(db, COUNTY, 2025, 'basic')).toBeNull();
      expect(await getPublishedRun(db, NEIGHBOUR, YEAR, 'basic')).toBeNull();

      // The evaluationRun rows themselves: visible to those the policy lets see published runs.
      for (const who of [PUBLIC_ACTOR, u.viewer, u.neighbour, u.clerkA]) {
        const allowed = can(who, 'view', { kind: 'evaluationRun', regionCode: COUNTY, published: true });
        const listed = (await listRuns(db, who)).items.map((r) => r.id);
        if (allowed) {
          expect(listed).toEqual([runs[1]!.id, runs[0]!.id]);
          await expect(getRun(db, who, runs[0]!.id)).resolves.toMatchObject({ id: runs[0]!.id });
        } else {
          expect(listed).toEqual([]);
          await expectCode(getRun(db, who, runs[0]!.id), 'notFound');
        }
      }
    });

    it('gives the trend: per year and standard the published run, else the newest', async () => {
      // A newer run of the published year: the trend keeps showing the published one.
      const [newer] = await runEvaluation(db, u.bureau, {
        countyCode: COUNTY,
        year: YEAR,
        standard: 'basic',
        engineVersion: ENGINE,
      });
      const trend = await countyTrend(db, u.city, COUNTY);
      expect(trend.map((p) => [p.year, p.standard, p.published])).toEqual([
        [2025, 'basic', false],
        [2025, 'quality', false],
        [YEAR, 'basic', true],
        [YEAR, 'quality', true],
      ]);
      const latest2025 = (await listRuns(db, u.bureau, { year: 2025, standard: 'basic' })).items[0]!;
      expect(trend[0]!.runId).toBe(latest2025.id);
      expect(trend[2]!.runId).toBe(runs[0]!.id);
      expect(trend[2]!.runId).not.toBe(newer!.id);

      const detail = await getRun(db, u.bureau, runs[0]!.id);
      expect(trend[2]!.verdict).toBe(detail.verdict);
      const stage0 = detail.result.basic!.stages[0]!;
      const rows = trend[2]!.coefficients.filter((c) => c.stage === stage0.stage);
      expect(rows).toEqual([
        ...stage0.coefficients.map((c) => ({
          stage: stage0.stage,
          indicator: c.indicator,
          name: c.name,
          cv: c.cv,
          threshold: c.threshold,
          status: c.status,
        })),
        {
          stage: stage0.stage,
          indicator: 'composite',
          name: '综合差异系数',
          cv: stage0.composite.value,
          threshold: stage0.composite.threshold,
          status: stage0.composite.status,
        },
      ]);
      const q = (await getRun(db, u.bureau, runs[1]!.id)).result.quality!;
      expect(trend[3]!.coefficients.map((c) => c.cv)).toEqual(
        q.stages.flatMap((s) => s.coefficients.map((c) => c.cv)),
      );
      expect(trend[3]!.coefficients.every((c) => c.threshold !== null)).toBe(true);
      // 优质均衡 points count the run's school stages by result; 基本均衡 points have none.
      const count = (s: string) => q.schools.filter((x) => x.status === s).length;
      expect(trend[3]!.schools).toEqual({
        total: q.schools.length,
        met: count('met'),
        unmet: count('unmet'),
        incomplete: count('incomplete'),
      });
      expect(q.schools.length).toBeGreaterThan(0);
      expect(trend[2]!.schools).toBeNull();

      await expectCode(countyTrend(db, u.neighbour, COUNTY), 'notFound');
      await expectCode(countyTrend(db, u.clerkA, COUNTY), 'notFound');
      await expectCode(countyTrend(db, u.admin, '130662'), 'notFound');
      const publicSees = can(PUBLIC_ACTOR, 'view', {
        kind: 'evaluationRun',
        regionCode: COUNTY,
        published: true,
      });
      if (publicSees) {
        expect((await countyTrend(db, PUBLIC_ACTOR, COUNTY)).every((p) => p.published)).toBe(true);
      } else {
        await expectCode(countyTrend(db, PUBLIC_ACTOR, COUNTY), 'notFound');
      }
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });
  });
});
