import type { Actor, SchoolRegisterChange } from '@junheng/core';
import { type Database, migrate, verifyAuditChain } from '@junheng/db';
import {
  auditCount,
  createTestDatabase,
  FIXTURE_YEAR,
  NEIGHBOUR_SCHOOL,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportStatusCounts } from '../reporting/commands/index.js';
import { getSchool as getSchoolCommand, updateSchool as updateSchoolCommand } from './schoolCommands.js';

// The commands with a context of the database and the actor, as the tests before them called them.
const updateSchool = (db: Database, actor: Actor, id: string, change: SchoolRegisterChange) =>
  updateSchoolCommand({ db, actor }, { id, change });
const getSchool = (db: Database, actor: Actor, id: string, year: number) =>
  getSchoolCommand({ db, actor }, { id, year });

describe.each(testEngines())('school register on %s', (engine) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    await migrate(t.db);
    w = await seedWorld(t.db);
  });
  afterAll(() => t?.dispose());

  it('lets the county bureau correct name and address, audited with before and after', async () => {
    const n = await auditCount(t.db);
    const r = await updateSchool(t.db, w.users.bureau, w.schoolA.id, {
      name: ' 城关第一小学（东校区） ',
      address: '城关镇东街 1 号',
    });
    expect(r).toMatchObject({ name: '城关第一小学（东校区）', address: '城关镇东街 1 号', status: 'open' });
    expect(await auditCount(t.db)).toBe(n + 1);
    const { rows } = await t.db.query<{ action: string; before: { name: string }; after: { name: string } }>(
      'SELECT action, before, after FROM audit_event ORDER BY id DESC LIMIT 1',
    );
    expect(rows[0]).toMatchObject({
      action: 'school.update',
      before: { name: w.schoolA.name },
      after: { name: '城关第一小学（东校区）' },
    });
  });

  it('records a merger with its date and reason in the status history', async () => {
    const from = w.schoolOfType('teachingPoint');
    const into = w.schoolA;
    expect(
      (
        await rejection(
          updateSchool(t.db, w.users.bureau, from.id, {
            status: 'merged',
            mergedInto: into.id,
            effectiveOn: '2026-09-01',
          }),
        )
      ).message,
    ).toContain('原因');
    const badDate = await rejection(
      updateSchool(t.db, w.users.bureau, from.id, {
        status: 'closed',
        effectiveOn: '2026-13-45',
        reason: '停办',
      }),
    );
    expect(badDate).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('生效日期') });
    expect(
      (
        await rejection(
          updateSchool(t.db, w.users.bureau, from.id, {
            status: 'merged',
            mergedInto: NEIGHBOUR_SCHOOL,
            effectiveOn: '2026-09-01',
            reason: '撤并',
          }),
        )
      ).message,
    ).toContain('本县');
    const r = await updateSchool(t.db, w.users.bureau, from.id, {
      status: 'merged',
      mergedInto: into.id,
      effectiveOn: '2026-09-01',
      reason: '清教〔2026〕12 号 教学点撤并',
    });
    expect(r).toMatchObject({ status: 'merged', merged_into: into.id });
    const detail = await getSchool(t.db, w.users.bureau, from.id, FIXTURE_YEAR);
    expect(detail.statusHistory.at(-1)).toMatchObject({
      status: 'merged',
      mergedInto: into.id,
      reason: '清教〔2026〕12 号 教学点撤并',
    });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('two schools merged into each other at the same moment: one merger, one Chinese refusal, no deadlock', async () => {
    const [a, b] = w.ds.schools.filter((s) => s.id !== w.schoolA.id && s.id !== w.schoolB.id).slice(-2);
    const merge = (from: string, into: string) =>
      updateSchool(t.db, w.users.bureau, from, {
        status: 'merged',
        mergedInto: into,
        effectiveOn: '2026-09-01',
        reason: '同时撤并测试',
      });
    const results = await Promise.allSettled([merge(a.id, b.id), merge(b.id, a.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/应为本县正常办学的学校/);
  });

  it('启用学年: a school registered by the 2025 import is not missing from 2024; the bureau can open it to every year', async () => {
    const counts = (year: number) =>
      reportStatusCounts({ db: t.db, actor: w.users.bureau }, { countyCode: w.ds.county.code, year });
    const { rows } = await t.db.query<{ first_year: number | null }>(
      'SELECT first_year FROM school WHERE id = $1',
      [w.schoolA.id],
    );
    expect(rows[0].first_year).toBe(FIXTURE_YEAR);
    expect((await counts(FIXTURE_YEAR - 1)).missing).toBe(0);
    const r = await updateSchool(t.db, w.users.bureau, w.schoolA.id, { firstYear: null });
    expect(r.first_year).toBeNull();
    expect((await counts(FIXTURE_YEAR - 1)).missing).toBe(1); // a 小学: one report expected
    await updateSchool(t.db, w.users.bureau, w.schoolA.id, { firstYear: FIXTURE_YEAR });
    expect((await counts(FIXTURE_YEAR - 1)).missing).toBe(0);
    expect(
      (await rejection(updateSchool(t.db, w.users.bureau, w.schoolA.id, { firstYear: 1999 }))).message,
    ).toContain('启用学年应为 2000～2100');
  });

  it('refuses everyone but the county bureau, without writing', async () => {
    const n = await auditCount(t.db);
    expect((await rejection(updateSchool(t.db, w.users.inspector, w.schoolB.id, { name: 'x' }))).code).toBe(
      'notAllowed',
    );
    expect((await rejection(updateSchool(t.db, w.users.city, w.schoolB.id, { name: 'x' }))).code).toBe(
      'notAllowed',
    );
    expect((await rejection(updateSchool(t.db, w.users.clerkB, w.schoolB.id, { name: 'x' }))).code).toBe(
      'notAllowed',
    );
    expect((await rejection(updateSchool(t.db, w.users.clerkA, w.schoolB.id, { name: 'x' }))).code).toBe(
      'notFound',
    );
    expect((await rejection(updateSchool(t.db, w.users.neighbour, w.schoolB.id, { name: 'x' }))).code).toBe(
      'notFound',
    );
    expect((await rejection(updateSchool(t.db, w.users.admin, w.schoolB.id, { name: 'x' }))).code).toBe(
      'notAllowed',
    );
    expect(await auditCount(t.db)).toBe(n);
  });
});
