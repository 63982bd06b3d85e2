import {
  type Actor,
  generateDemoCounty,
  Refusal,
  type RefusalCode,
  type Stage,
  type UserRole,
} from '@junheng/core';
import { type Database, migrate, type Queryable, saveDataset, verifyAuditChain } from '@junheng/db';
import { createTestDatabase, type TestDatabase, testEngines } from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getReport as getReportCommand,
  type SaveDraftInput,
  saveReportDraft as saveCommand,
  type TransitionInput,
  transitionReport as transitionCommand,
} from './commands/index.js';

const COUNTY = '130660';
const NEIGHBOUR = '130661';
const CITY = '130600';
const SCHOOL_A = '2113171588';
const SCHOOL_B = '2113171589';
const STAGE: Stage = 'primary';

/** Inserts a user directly (no password hashing needed here) and returns it as an Actor. */
async function addUser(
  db: Queryable,
  username: string,
  role: UserRole,
  scope: { regionCode?: string; schoolId?: string },
): Promise<Actor> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, password_hash, display_name, role, region_code, school_id)
     VALUES ($1, '$argon2id$x', $1, $2, $3, $4) RETURNING id`,
    [username, role, scope.regionCode ?? null, scope.schoolId ?? null],
  );
  return {
    id: String(rows[0]!.id),
    role,
    regionCode: scope.regionCode ?? null,
    schoolId: scope.schoolId ?? null,
  };
}

/** What a refused request must leave untouched: the report, its history, the audit log. */
async function state(db: Queryable) {
  const q = async (sql: string) => (await db.query<{ v: unknown }>(sql)).rows[0]!.v;
  return {
    reports: await q(`SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.id), '[]') AS v FROM school_report t`),
    versions: await q('SELECT count(*) AS v FROM school_report_version'),
    audit: await q('SELECT count(*) AS v FROM audit_event'),
  };
}

async function expectCode(p: Promise<unknown>, code: RefusalCode): Promise<Refusal> {
  const err = await p.then(
    () => {
      throw new Error(`expected Refusal ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Refusal);
  expect((err as Refusal).code).toBe(code);
  expect((err as Refusal).message).toMatch(/[\u4e00-\u9fff]/);
  return err as Refusal;
}

describe.each(testEngines())('report commands on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  // The commands with a context of the test's database and the actor.
  const getReport = (d: Database, actor: Actor, key: Parameters<typeof getReportCommand>[1]) =>
    getReportCommand({ db: d, actor }, key);
  const saveReportDraft = (d: Database, actor: Actor, input: SaveDraftInput) =>
    saveCommand({ db: d, actor }, input);
  const transitionReport = (d: Database, actor: Actor, input: TransitionInput) =>
    transitionCommand({ db: d, actor }, input);
  const u = {} as Record<
    'clerkA' | 'principalA' | 'clerkB' | 'bureau' | 'inspector' | 'neighbour' | 'city' | 'admin',
    Actor
  >;

  /** Fresh draft reports (version 1) for the county's schools in a year of the test's own. */
  async function seedYear(year: number) {
    await saveDataset(db, generateDemoCounty({ schools: 4, year }), 'system');
    return { schoolId: SCHOOL_A, year, stage: STAGE };
  }

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    await seedYear(2025);
    await db.query(`INSERT INTO region (code, name, level, parent_code) VALUES ($1, '邻县', 'county', $2)`, [
      NEIGHBOUR,
      CITY,
    ]);
    u.clerkA = await addUser(db, 'clerkA', 'school', { schoolId: SCHOOL_A });
    u.principalA = await addUser(db, 'principalA', 'principal', { schoolId: SCHOOL_A });
    u.clerkB = await addUser(db, 'clerkB', 'school', { schoolId: SCHOOL_B });
    u.bureau = await addUser(db, 'bureau1', 'bureau', { regionCode: COUNTY });
    u.inspector = await addUser(db, 'inspector1', 'inspector', { regionCode: COUNTY });
    u.neighbour = await addUser(db, 'bureau2', 'bureau', { regionCode: NEIGHBOUR });
    u.city = await addUser(db, 'city1', 'bureau', { regionCode: CITY });
    u.admin = await addUser(db, 'admin1', 'system_admin', {});
  });
  afterAll(() => t?.dispose());

  it('runs the whole cycle: save → submit → return → save → resubmit → approve → lock', async () => {
    const key = await seedYear(2030);
    const auditBefore = Number((await state(db)).audit);
    const first = await getReport(db, u.clerkA, key);
    expect(first).toMatchObject({ ...key, status: 'draft', version: 1, reviewComments: null });

    const steps: { status: string; version: number }[] = [];
    let r = await saveReportDraft(db, u.clerkA, {
      ...key,
      data: { ...first.data, students: 321 },
      expectedVersion: 1,
    });
    steps.push(r);
    r = await transitionReport(db, u.principalA, { ...key, action: 'submit', expectedVersion: r.version });
    steps.push(r);
    expect(r.submittedBy).toBe(Number(u.principalA.id));
    r = await transitionReport(db, u.bureau, {
      ...key,
      action: 'return',
      expectedVersion: r.version,
      comments: [{ field: 'students', text: '与学籍系统不符' }],
    });
    steps.push(r);
    expect(r.reviewComments).toEqual({ students: '与学籍系统不符' });
    expect(r.reviewedBy).toBe(Number(u.bureau.id));
    r = await saveReportDraft(db, u.clerkA, {
      ...key,
      data: { ...r.data, students: 318 },
      expectedVersion: r.version,
    });
    steps.push(r);
    expect(r.reviewComments).toEqual({ students: '与学籍系统不符' }); // still shown while fixing
    r = await transitionReport(db, u.clerkA, { ...key, action: 'submit', expectedVersion: r.version });
    steps.push(r);
    r = await transitionReport(db, u.bureau, { ...key, action: 'approve', expectedVersion: r.version });
    steps.push(r);
    expect(r.reviewComments).toBeNull();
    r = await transitionReport(db, u.bureau, { ...key, action: 'lock', expectedVersion: r.version });
    steps.push(r);

    expect(steps.map((s) => [s.status, s.version])).toEqual([
      ['draft', 2],
      ['submitted', 3],
      ['returned', 4],
      ['returned', 5],
      ['submitted', 6],
      ['approved', 7],
      ['locked', 8],
    ]);
    const read = await getReport(db, u.inspector, key);
    expect(read).toMatchObject({ status: 'locked', version: 8, data: { students: 318 } });

    const history = await db.query<{ version: number; status: string; students: number; comments: unknown }>(
      `SELECT v.version, v.status, (v.data->>'students')::int AS students, v.review_comments AS comments
         FROM school_report_version v WHERE v.report_id = $1 ORDER BY v.version`,
      [read.id],
    );
    expect(history.rows.map((h) => [h.version, h.status])).toEqual([
      [1, 'draft'],
      [2, 'draft'],
      [3, 'submitted'],
      [4, 'returned'],
      [5, 'returned'],
      [6, 'submitted'],
      [7, 'approved'],
      [8, 'locked'],
    ]);
    expect(history.rows[1]!.students).toBe(321);
    expect(history.rows[3]!.comments).toEqual({ students: '与学籍系统不符' });

    const events = await db.query<{ action: string; actor: string; before: unknown; after: unknown }>(
      `SELECT action, actor, before, after FROM audit_event WHERE entity = 'school_report' AND entity_id = $1
        ORDER BY id`,
      [String(read.id)],
    );
    expect(events.rows.map((e) => [e.action, e.actor])).toEqual([
      ['report.save', 'clerkA'],
      ['report.submit', 'principalA'],
      ['report.return', 'bureau1'],
      ['report.save', 'clerkA'],
      ['report.submit', 'clerkA'],
      ['report.approve', 'bureau1'],
      ['report.lock', 'bureau1'],
    ]);
    expect(events.rows[0]!.before).toEqual({
      status: 'draft',
      version: 1,
      data: { students: first.data.students },
    });
    expect(events.rows[0]!.after).toEqual({ status: 'draft', version: 2, data: { students: 321 } });
    expect(events.rows[2]!.after).toEqual({
      status: 'returned',
      version: 4,
      data: {},
      reviewComments: { students: '与学籍系统不符' },
    });
    expect(Number((await state(db)).audit)).toBe(auditBefore + 7);
    const chain = await verifyAuditChain(db);
    expect(chain.ok).toBe(true);
  });

  it('rejects a stale expectedVersion with conflict and changes nothing', async () => {
    const key = await seedYear(2031);
    const r = await saveReportDraft(db, u.clerkA, { ...key, data: { students: 100 }, expectedVersion: 1 });
    expect(r.version).toBe(2);
    const before = await state(db);
    const err = await expectCode(
      saveReportDraft(db, u.principalA, { ...key, data: { students: 999 }, expectedVersion: 1 }),
      'conflict',
    );
    expect(err.message).toContain('第 2 版');
    await expectCode(
      transitionReport(db, u.clerkA, { ...key, action: 'submit', expectedVersion: 1 }),
      'conflict',
    );
    expect(await state(db)).toEqual(before);
    expect((await getReport(db, u.clerkA, key)).data).toEqual({ students: 100 });
  });

  it('lets exactly one of two concurrent saves of the same version through', async () => {
    const key = await seedYear(2032);
    const results = await Promise.allSettled([
      saveReportDraft(db, u.clerkA, { ...key, data: { students: 1 }, expectedVersion: 1 }),
      saveReportDraft(db, u.principalA, { ...key, data: { students: 2 }, expectedVersion: 1 }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    const r = await getReport(db, u.bureau, key);
    expect(r.version).toBe(2);
    const n = await db.query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_event WHERE entity_id = $1 AND action = 'report.save'",
      [String(r.id)],
    );
    expect(n.rows[0]!.n).toBe(1);
  });

  it('answers another school’s user with notFound, for reads and writes, like a missing report', async () => {
    const key = await seedYear(2033);
    const before = await state(db);
    const denied = await expectCode(getReport(db, u.clerkB, key), 'notFound');
    const missing = await expectCode(getReport(db, u.clerkB, { ...key, year: 2099 }), 'notFound');
    // Same answer whether the report exists or not: guessing ids tells nothing.
    expect(denied.message).toBe(missing.message.replace('2099', String(key.year)));
    expect(denied.rule).toBe('school.read');
    await expectCode(
      saveReportDraft(db, u.clerkB, { ...key, data: { students: 5 }, expectedVersion: 1 }),
      'notFound',
    );
    await expectCode(
      transitionReport(db, u.clerkB, { ...key, action: 'submit', expectedVersion: 1 }),
      'notFound',
    );
    // Its own school's report is fine.
    await expect(getReport(db, u.clerkB, { ...key, schoolId: SCHOOL_B })).resolves.toMatchObject({
      schoolId: SCHOOL_B,
    });
    expect(await state(db)).toEqual(before);
  });

  it('hides the report from the bureau of a neighbouring county', async () => {
    const key = await seedYear(2034);
    await transitionReport(db, u.clerkA, { ...key, action: 'submit', expectedVersion: 1 });
    const before = await state(db);
    await expectCode(getReport(db, u.neighbour, key), 'notFound');
    await expectCode(
      transitionReport(db, u.neighbour, { ...key, action: 'approve', expectedVersion: 2 }),
      'notFound',
    );
    expect(await state(db)).toEqual(before);
  });

  it('refuses roles that may see the report but not act on it, with the policy’s reason', async () => {
    const key = await seedYear(2035);
    await transitionReport(db, u.clerkA, { ...key, action: 'submit', expectedVersion: 1 });
    const before = await state(db);
    // Inspectors check, they do not approve.
    await expect(getReport(db, u.inspector, key)).resolves.toMatchObject({ status: 'submitted' });
    const insp = await expectCode(
      transitionReport(db, u.inspector, { ...key, action: 'approve', expectedVersion: 2 }),
      'notAllowed',
    );
    expect(insp.message).toContain('督学');
    // A city user reads, but changes nothing.
    await expect(getReport(db, u.city, key)).resolves.toMatchObject({ version: 2 });
    const city = await expectCode(
      transitionReport(db, u.city, { ...key, action: 'approve', expectedVersion: 2 }),
      'notAllowed',
    );
    expect(city.message).toContain('市级');
    // The reviewer is not the author; the admin is not a party to the data.
    await expectCode(
      saveReportDraft(db, u.bureau, { ...key, data: { students: 1 }, expectedVersion: 2 }),
      'notAllowed',
    );
    await expect(getReport(db, u.admin, key)).resolves.toMatchObject({ version: 2 });
    await expectCode(
      transitionReport(db, u.admin, { ...key, action: 'approve', expectedVersion: 2 }),
      'notAllowed',
    );
    // The school cannot approve its own report.
    await expectCode(
      transitionReport(db, u.clerkA, { ...key, action: 'approve', expectedVersion: 2 }),
      'notAllowed',
    );
    expect(await state(db)).toEqual(before);
  });

  it('enforces the workflow: wrong state, comments for return, reason for reopen and unlock', async () => {
    const key = await seedYear(2036);
    await expectCode(
      transitionReport(db, u.bureau, { ...key, action: 'approve', expectedVersion: 1 }),
      'wrongState',
    );
    let r = await transitionReport(db, u.clerkA, { ...key, action: 'submit', expectedVersion: 1 });
    await expectCode(
      saveReportDraft(db, u.clerkA, { ...key, data: { students: 1 }, expectedVersion: r.version }),
      'wrongState',
    );
    await expectCode(
      transitionReport(db, u.bureau, {
        ...key,
        action: 'return',
        expectedVersion: r.version,
        comments: [{ field: 'students', text: '  ' }],
      }),
      'commentsRequired',
    );
    r = await transitionReport(db, u.bureau, { ...key, action: 'approve', expectedVersion: r.version });
    await expectCode(
      transitionReport(db, u.bureau, { ...key, action: 'reopen', expectedVersion: r.version }),
      'reasonRequired',
    );
    const before = Number((await state(db)).audit);
    r = await transitionReport(db, u.bureau, {
      ...key,
      action: 'reopen',
      expectedVersion: r.version,
      reason: '学校申请更正学生数',
    });
    expect(r).toMatchObject({ status: 'returned', version: 4 });
    r = await transitionReport(db, u.clerkA, { ...key, action: 'submit', expectedVersion: r.version });
    r = await transitionReport(db, u.bureau, { ...key, action: 'approve', expectedVersion: r.version });
    r = await transitionReport(db, u.bureau, { ...key, action: 'lock', expectedVersion: r.version });
    await expectCode(
      transitionReport(db, u.bureau, { ...key, action: 'unlock', expectedVersion: r.version }),
      'reasonRequired',
    );
    await expectCode(
      transitionReport(db, u.clerkA, { ...key, action: 'lock', expectedVersion: r.version }),
      'notAllowed',
    );
    r = await transitionReport(db, u.bureau, {
      ...key,
      action: 'unlock',
      expectedVersion: r.version,
      reason: '评估结果撤回重算',
    });
    expect(r).toMatchObject({ status: 'approved', version: 8 });
    const events = await db.query<{ action: string; reason: string | null }>(
      "SELECT action, reason FROM audit_event WHERE entity = 'school_report' AND entity_id = $1 ORDER BY id",
      [String(r.id)],
    );
    expect(events.rows.map((e) => e.action)).toEqual([
      'report.submit',
      'report.approve',
      'report.reopen',
      'report.submit',
      'report.approve',
      'report.lock',
      'report.unlock',
    ]);
    expect(events.rows[2]!.reason).toBe('学校申请更正学生数');
    expect(Number((await state(db)).audit)).toBe(before + 5);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('rejects data that is not an object, and unknown reports as notFound', async () => {
    const key = await seedYear(2037);
    await expectCode(
      saveReportDraft(db, u.clerkA, {
        ...key,
        data: [1, 2] as unknown as Record<string, unknown>,
        expectedVersion: 1,
      }),
      'invalidRequest',
    );
    await expectCode(getReport(db, u.bureau, { ...key, stage: 'senior' as Stage }), 'notFound');
    await expectCode(getReport(db, u.bureau, { ...key, schoolId: '9999999999' }), 'notFound');
  });
});
