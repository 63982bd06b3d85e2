import type { Actor, ReportKey } from '@junheng/core';
import { type Database, expectedReportStages, migrate, verifyAuditChain } from '@junheng/db';
import {
  addUser,
  auditCount,
  COUNTY,
  createTestDatabase,
  FIXTURE_YEAR,
  NEIGHBOUR,
  NEIGHBOUR_SCHOOL,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as commands from './commands/index.js';

/** The commands with a context of the test's database and the actor (and the request's address). */
const ctx = (db: Database, actor: Actor, ip?: string) => ({ db, actor, ip });
const listReports = (db: Database, actor: Actor, q: commands.ReportListQuery) =>
  commands.listReports(ctx(db, actor), q);
const listReportVersions = (db: Database, actor: Actor, key: ReportKey) =>
  commands.listReportVersions(ctx(db, actor), key);
const reportStatusCounts = (db: Database, actor: Actor, q: { countyCode: string; year: number }) =>
  commands.reportStatusCounts(ctx(db, actor), q);
const createReport = (db: Database, actor: Actor, key: ReportKey & { ip?: string }) => {
  const { ip, ...k } = key;
  return commands.createReport(ctx(db, actor, ip), k);
};
const checkStartOnBehalf = (db: Database, actor: Actor, key: ReportKey, onBehalf: commands.OnBehalf) =>
  commands.checkStartOnBehalf(ctx(db, actor), key, onBehalf);
const remindUnstartedReport = (db: Database, actor: Actor, input: ReportKey & { reason: string }) =>
  commands.remindUnstartedReport(ctx(db, actor), input);
const getReport = (db: Database, actor: Actor, key: ReportKey) => commands.getReport(ctx(db, actor), key);
const saveReportDraft = (db: Database, actor: Actor, input: commands.SaveDraftInput) =>
  commands.saveReportDraft(ctx(db, actor), input);
const transitionReport = (db: Database, actor: Actor, input: commands.TransitionInput) =>
  commands.transitionReport(ctx(db, actor), input);

describe.each(testEngines())('report lists on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  /** Reports of the demo county in FIXTURE_YEAR. */
  let countyReports: number;
  let closedClerk: Actor;
  let closedId: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
    countyReports = w.ds.schools.reduce((n, s) => n + s.stages.length, 0);
    // School A's 小学 report: saved and submitted, so it has three versions and another status.
    const key = { schoolId: w.schoolA.id, year: FIXTURE_YEAR, stage: 'primary' as const };
    const saved = await saveReportDraft(db, w.users.clerkA, {
      ...key,
      data: { students: 700 },
      expectedVersion: 1,
    });
    await transitionReport(db, w.users.principalA, {
      ...key,
      action: 'submit',
      expectedVersion: saved.version,
    });
    // A closed teaching point with a clerk of its own.
    closedId = w.ds.schools.filter((s) => s.type === 'teachingPoint')[1]!.id;
    await db.query(`UPDATE school SET status = 'closed' WHERE id = $1`, [closedId]);
    closedClerk = await addUser(db, 'clerkClosed', 'school', { schoolId: closedId });
  });
  afterAll(() => t?.dispose());

  describe('listReports', () => {
    it('lists the county’s reports for its bureau and only its own for a school', async () => {
      const p = await listReports(db, w.users.bureau, { year: FIXTURE_YEAR, pageSize: 100 });
      expect(p.total).toBe(countyReports);
      expect(p.items.some((r) => r.schoolId === NEIGHBOUR_SCHOOL)).toBe(false);
      const a = p.items.find((r) => r.schoolId === w.schoolA.id)!;
      expect(a).toMatchObject({
        schoolName: w.schoolA.name,
        regionCode: COUNTY,
        year: FIXTURE_YEAR,
        stage: 'primary',
        status: 'submitted',
        version: 3,
        reviewedAt: null,
      });
      expect(a.submittedAt).toBeInstanceOf(Date);
      const own = await listReports(db, w.users.clerkA, { year: FIXTURE_YEAR });
      expect(own.items.map((r) => r.schoolId)).toEqual([w.schoolA.id]);
      expect(
        (await listReports(db, w.users.neighbour, { year: FIXTURE_YEAR })).items.map((r) => r.schoolId),
      ).toEqual([NEIGHBOUR_SCHOOL]);
      expect((await listReports(db, w.users.admin, { year: FIXTURE_YEAR })).total).toBe(countyReports + 1);
      expect((await listReports(db, w.users.city, { year: FIXTURE_YEAR })).total).toBe(countyReports + 1);
      expect(await listReports(db, w.users.viewer, { year: FIXTURE_YEAR })).toMatchObject({
        items: [],
        total: 0,
      });
      // A year nobody has reported for: every expected report is a 未填报 row (tested below).
      const later = await listReports(db, w.users.bureau, { year: FIXTURE_YEAR + 5, pageSize: 100 });
      expect(later.items.every((r) => r.status === 'missing')).toBe(true);
    });

    it('filters by statuses, stage, school and search text', async () => {
      const list = (q: Partial<commands.ReportListQuery>) =>
        listReports(db, w.users.bureau, { year: FIXTURE_YEAR, pageSize: 100, ...q });
      expect((await list({ status: ['submitted'] })).items.map((r) => r.schoolId)).toEqual([w.schoolA.id]);
      expect((await list({ status: ['submitted', 'draft'] })).total).toBe(countyReports);
      expect((await list({ status: [] })).total).toBe(countyReports);
      const juniors = await list({ stage: 'junior' });
      expect(juniors.total).toBe(
        w.ds.schools.filter((s) => s.stages.some((r) => r.stage === 'junior')).length,
      );
      expect(juniors.items.every((r) => r.stage === 'junior')).toBe(true);
      const nine = w.schoolOfType('nineYear');
      expect((await list({ schoolId: nine.id })).items.map((r) => r.stage)).toEqual(['primary', 'junior']);
      expect((await list({ schoolId: NEIGHBOUR_SCHOOL })).total).toBe(0); // out of scope stays out
      expect((await list({ q: '九年一贯' })).items.map((r) => r.schoolId)).toEqual([nine.id, nine.id]);
      expect((await list({ q: '%' })).total).toBe(0);
      await expect(list({ status: ['finished' as never] })).rejects.toMatchObject({ code: 'invalidRequest' });
      await expect(list({ stage: 'senior' as never })).rejects.toMatchObject({ code: 'invalidRequest' });
    });

    it('sorts by status in workflow order, by name, and pages', async () => {
      const byStatus = await listReports(db, w.users.bureau, {
        year: FIXTURE_YEAR,
        sort: 'status',
        order: 'desc',
        pageSize: 1,
      });
      expect(byStatus).toMatchObject({ total: countyReports, page: 1, pageSize: 1 });
      expect(byStatus.items.map((r) => [r.schoolId, r.status])).toEqual([[w.schoolA.id, 'submitted']]);
      const byName = await listReports(db, w.users.bureau, {
        year: FIXTURE_YEAR,
        sort: 'schoolName',
        pageSize: 100,
      });
      const names = byName.items.map((r) => r.schoolName);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const last = await listReports(db, w.users.bureau, {
        year: FIXTURE_YEAR,
        page: 2,
        pageSize: countyReports - 1,
      });
      expect(last.items).toHaveLength(1);
      const bySubmitted = await listReports(db, w.users.bureau, {
        year: FIXTURE_YEAR,
        sort: 'submittedAt',
        pageSize: 1,
      });
      expect(bySubmitted.items[0]!.schoolId).toBe(w.schoolA.id); // nulls last
      await expect(
        listReports(db, w.users.bureau, { year: FIXTURE_YEAR, sort: 'version' as never }),
      ).rejects.toMatchObject({
        code: 'invalidRequest',
      });
    });
  });

  describe('listReportVersions', () => {
    it('returns every version oldest first, with who wrote it', async () => {
      const key = { schoolId: w.schoolA.id, year: FIXTURE_YEAR, stage: 'primary' as const };
      const versions = await listReportVersions(db, w.users.bureau, key);
      expect(versions.map((v) => [v.version, v.status, v.actorName])).toEqual([
        [1, 'draft', null],
        [2, 'draft', '填报员甲'],
        [3, 'submitted', '校长甲'],
      ]);
      expect(versions[1]!.data).toEqual({ students: 700 });
      expect(versions[1]!.actorId).toBe(Number(w.users.clerkA.id));
      expect(versions[0]!.at).toBeInstanceOf(Date);
      await expect(listReportVersions(db, w.users.clerkA, key)).resolves.toHaveLength(3);
    });

    it('answers a report out of scope like a missing one', async () => {
      const key = { schoolId: w.schoolA.id, year: FIXTURE_YEAR, stage: 'primary' as const };
      const hidden = await rejection(listReportVersions(db, w.users.clerkB, key));
      const missing = await rejection(listReportVersions(db, w.users.clerkB, { ...key, year: 2099 }));
      expect(hidden).toMatchObject({ code: 'notFound', rule: 'school.read' });
      expect(hidden.message).toBe(missing.message.replace('2099', String(FIXTURE_YEAR)));
      await expect(listReportVersions(db, w.users.neighbour, key)).rejects.toMatchObject({
        code: 'notFound',
      });
      await expect(listReportVersions(db, w.users.viewer, key)).rejects.toMatchObject({ code: 'notFound' });
      await expect(listReportVersions(db, w.users.bureau, { ...key, stage: 'junior' })).rejects.toMatchObject(
        { code: 'notFound' },
      );
    });
  });

  describe('reportStatusCounts', () => {
    it('counts the county’s reports by status and the expected ones still missing', async () => {
      const counts = await reportStatusCounts(db, w.users.bureau, { countyCode: COUNTY, year: FIXTURE_YEAR });
      expect(counts).toEqual({
        draft: countyReports - 1,
        submitted: 1,
        returned: 0,
        approved: 0,
        locked: 0,
        missing: 0,
      });
      // A year nobody has reported yet: every open school's expected stages are missing.
      const expected = w.ds.schools
        .filter((s) => s.id !== closedId)
        .reduce((n, s) => n + expectedReportStages(s.type).length, 0);
      expect(expected).toBeLessThan(countyReports); // the special school and the closed one are not waited for
      const empty = await reportStatusCounts(db, w.users.inspector, { countyCode: COUNTY, year: 2040 });
      expect(empty).toEqual({
        draft: 0,
        submitted: 0,
        returned: 0,
        approved: 0,
        locked: 0,
        missing: expected,
      });
      await createReport(db, w.users.clerkA, { schoolId: w.schoolA.id, year: 2040, stage: 'primary' });
      const after = await reportStatusCounts(db, w.users.city, { countyCode: COUNTY, year: 2040 });
      expect(after).toMatchObject({ draft: 1, missing: expected - 1 });
      await expect(
        reportStatusCounts(db, w.users.neighbour, { countyCode: NEIGHBOUR, year: FIXTURE_YEAR }),
      ).resolves.toMatchObject({ draft: 1, missing: 0 });
    });

    it('answers a county the actor may not view (or that does not exist) with notFound', async () => {
      const q = { countyCode: COUNTY, year: FIXTURE_YEAR };
      for (const who of ['clerkA', 'neighbour', 'viewer'] as const) {
        const err = await rejection(reportStatusCounts(db, w.users[who], q));
        expect(err).toMatchObject({ code: 'notFound' });
        expect(err.message).toContain(COUNTY);
      }
      await expect(
        reportStatusCounts(db, w.users.admin, { countyCode: '130699', year: 2025 }),
      ).rejects.toMatchObject({
        code: 'notFound',
      });
      await expect(
        reportStatusCounts(db, w.users.admin, { countyCode: '130600', year: 2025 }),
      ).rejects.toMatchObject({
        code: 'notFound',
      });
    });
  });

  describe('createReport', () => {
    it('creates an empty draft once, audited, and returns it unchanged afterwards', async () => {
      const key = { schoolId: w.schoolA.id, year: 2041, stage: 'primary' as const };
      const before = await auditCount(db);
      const r = await createReport(db, w.users.clerkA, { ...key, ip: '10.0.0.7' });
      expect(r).toMatchObject({ ...key, status: 'draft', version: 1, data: {}, reviewComments: null });
      expect(r.updatedBy).toBe(Number(w.users.clerkA.id));
      const year = await db.query('SELECT 1 FROM school_year WHERE start_year = 2041');
      expect(year.rows).toHaveLength(1);
      const events = await db.query<{
        action: string;
        actor: string;
        entity: string;
        entity_id: string;
        after: unknown;
        ip: string;
      }>(
        'SELECT action, actor, entity, entity_id, after, ip FROM audit_event WHERE id > (SELECT max(id) - 1 FROM audit_event)',
      );
      expect(events.rows).toEqual([
        {
          action: 'report.create',
          actor: 'clerkA',
          entity: 'school_report',
          entity_id: String(r.id),
          after: { status: 'draft', version: 1, data: {} },
          ip: '10.0.0.7',
        },
      ]);
      expect(await auditCount(db)).toBe(before + 1);

      const saved = await saveReportDraft(db, w.users.clerkA, {
        ...key,
        data: { students: 5 },
        expectedVersion: 1,
      });
      const again = await createReport(db, w.users.principalA, key);
      expect(again).toMatchObject({ id: r.id, version: saved.version, data: { students: 5 } });
      expect(await auditCount(db)).toBe(before + 2); // the save only
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('creates one report when two requests race', async () => {
      const key = { schoolId: w.schoolA.id, year: 2042, stage: 'primary' as const };
      const before = await auditCount(db);
      const [a, b] = await Promise.all([
        createReport(db, w.users.clerkA, key),
        createReport(db, w.users.principalA, key),
      ]);
      expect(a.id).toBe(b.id);
      expect(await auditCount(db)).toBe(before + 1);
    });

    it('refuses other schools, reviewers, stages the school lacks and closed schools, writing nothing', async () => {
      const key = { schoolId: w.schoolA.id, year: 2043, stage: 'primary' as const };
      const before = await auditCount(db);
      const other = await rejection(createReport(db, w.users.clerkB, key));
      expect(other).toMatchObject({ code: 'notFound' });
      await expect(createReport(db, w.users.neighbour, key)).rejects.toMatchObject({ code: 'notFound' });
      const reviewer = await rejection(createReport(db, w.users.bureau, key));
      expect(reviewer).toMatchObject({ code: 'notAllowed' });
      expect(reviewer.message).toMatch(/[\u4e00-\u9fff]/);
      await expect(createReport(db, w.users.admin, key)).rejects.toMatchObject({ code: 'notAllowed' });
      const stage = await rejection(createReport(db, w.users.clerkA, { ...key, stage: 'junior' }));
      expect(stage).toMatchObject({ code: 'invalidRequest' });
      expect(stage.message).toContain('小学');
      await expect(
        createReport(db, w.users.clerkA, { ...key, stage: 'senior' as never }),
      ).rejects.toMatchObject({
        code: 'invalidRequest',
      });
      const closedErr = await rejection(
        createReport(db, closedClerk, { schoolId: closedId, year: 2043, stage: 'primary' }),
      );
      expect(closedErr).toMatchObject({ code: 'wrongState' });
      expect(closedErr.message).toContain('停办');
      await expect(
        createReport(db, w.users.clerkA, { schoolId: '9999999999', year: 2043, stage: 'primary' }),
      ).rejects.toMatchObject({ code: 'notFound' });
      expect(await auditCount(db)).toBe(before);
      const rows = await db.query('SELECT 1 FROM school_report WHERE year = 2043');
      expect(rows.rows).toHaveLength(0);
      await expect(getReport(db, w.users.clerkA, key)).rejects.toMatchObject({ code: 'notFound' });
    });
  });

  describe('reports not started (未填报)', () => {
    const YEAR = 2050;
    /** The county's open schools × the stages the county waits for. */
    const expectedCount = () =>
      w.ds.schools
        .filter((s) => s.id !== closedId)
        .reduce((n, s) => n + expectedReportStages(s.type).length, 0);

    it('lists the reports the county waits for as missing rows, scoped and filtered like the others', async () => {
      const all = await listReports(db, w.users.bureau, { year: YEAR, pageSize: 100 });
      expect(all.total).toBe(expectedCount());
      expect(all.items.every((r) => r.status === 'missing' && r.version === 0 && r.updatedAt === null)).toBe(
        true,
      );
      expect(all.items.some((r) => r.schoolId === closedId || r.schoolId === NEIGHBOUR_SCHOOL)).toBe(false);
      expect((await listReports(db, w.users.bureau, { year: YEAR, status: ['missing'] })).total).toBe(
        expectedCount(),
      );
      expect((await listReports(db, w.users.bureau, { year: YEAR, status: ['draft'] })).total).toBe(0);
      const own = await listReports(db, w.users.clerkA, { year: YEAR });
      expect(own.items.map((r) => [r.schoolId, r.stage])).toEqual([[w.schoolA.id, 'primary']]);
      const byName = await listReports(db, w.users.bureau, { year: YEAR, q: w.schoolB.name });
      expect(byName.items.map((r) => r.schoolId)).toEqual([w.schoolB.id]);
      // In FIXTURE_YEAR every expected report exists: no missing rows there.
      expect((await listReports(db, w.users.bureau, { year: FIXTURE_YEAR, status: ['missing'] })).total).toBe(
        0,
      );
    });

    it('催报 of a report never started creates it with the reminder, in one audited step', async () => {
      const key = { schoolId: w.schoolA.id, year: YEAR, stage: 'primary' as const };
      const before = await auditCount(db);
      expect(
        await checkStartOnBehalf(db, w.users.bureau, key, { action: 'remind', reason: '请本周内填报' }),
      ).toEqual({ exists: false });
      expect(await auditCount(db)).toBe(before); // the check writes nothing
      const r = await remindUnstartedReport(db, w.users.bureau, { ...key, reason: '请本周内填报' });
      expect(r).toMatchObject({ status: 'draft', version: 1, data: {} });
      expect(r.reminders.map((m) => m.message)).toEqual(['请本周内填报']);
      expect(await auditCount(db)).toBe(before + 2);
      const events = await db.query<{ action: string; reason: string | null }>(
        `SELECT action, reason FROM audit_event ORDER BY id DESC LIMIT 2`,
      );
      expect(events.rows.reverse()).toEqual([
        { action: 'report.create', reason: '请本周内填报' },
        { action: 'report.remind', reason: '请本周内填报' },
      ]);
      const row = (await listReports(db, w.users.bureau, { year: YEAR, schoolId: w.schoolA.id })).items[0];
      expect(row).toMatchObject({ status: 'draft', version: 1, reminders: 1 });
      // The school sees its report with the reminder, and fills it in as usual.
      expect((await getReport(db, w.users.clerkA, key)).reminders).toHaveLength(1);
      // A second chase of the now existing report adds a reminder only.
      const again = await remindUnstartedReport(db, w.users.bureau, { ...key, reason: '请尽快填报' });
      expect(again.reminders).toHaveLength(2);
      expect(await auditCount(db)).toBe(before + 3);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('refuses a school user, another county, a closed school and a stage the school lacks, writing nothing', async () => {
      const key = { schoolId: w.schoolB.id, year: YEAR, stage: 'junior' as const };
      const before = await auditCount(db);
      const remind = (actor: Actor, k: typeof key | { schoolId: string; year: number; stage: 'primary' }) =>
        rejection(remindUnstartedReport(db, actor, { ...k, reason: '请填报' }));
      expect(await remind(w.users.clerkB, key)).toMatchObject({ code: 'notAllowed' });
      expect(await remind(w.users.clerkA, key)).toMatchObject({ code: 'notFound' });
      expect(await remind(w.users.neighbour, key)).toMatchObject({ code: 'notFound' });
      const closed = await remind(w.users.bureau, { schoolId: closedId, year: YEAR, stage: 'primary' });
      expect(closed).toMatchObject({ code: 'wrongState' });
      expect(await remind(w.users.bureau, { ...key, stage: 'primary' as never })).toMatchObject({
        code: 'invalidRequest',
      });
      await expect(
        checkStartOnBehalf(db, w.users.clerkB, key, { action: 'proxySave', reason: 'x' }),
      ).rejects.toMatchObject({ code: 'notAllowed' });
      expect(await auditCount(db)).toBe(before);
      const rows = await db.query('SELECT 1 FROM school_report WHERE school_id = $1 AND year = $2', [
        w.schoolB.id,
        YEAR,
      ]);
      expect(rows.rows).toHaveLength(0);
    });
  });
});
