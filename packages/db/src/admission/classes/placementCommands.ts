/**
 * @module Creating a placement from a grade's entrants (names sealed), running the balancing (again
 * while a draft), and publishing it (公示, final), each one transaction with its audit event.
 */
import { randomBytes } from 'node:crypto';
import {
  type Actor,
  balanceRoster,
  checkClasses,
  checkEntrants,
  RosterInputError,
  type Stage,
} from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';
import { schoolStages } from '../../schools/schools.js';
import { ensureSchoolYear } from '../../schools/schoolYears.js';
import { CONFLICT, loadRow, viewOf } from './placementRecords.js';
import type { ClassPlacementView, NewClassPlacement } from './placementTypes.js';

const GRADE_DEFAULT: Record<Stage, string> = { primary: '一年级', junior: '七年级' };

async function schoolFor(db: Queryable, actor: Actor, schoolId: string, action: 'view' | 'edit') {
  const message = `没有找到学校 ${String(schoolId)}，或您无权进行该校的均衡分班`;
  const s = await sqlOf(db)
    .selectFrom('school')
    .select(['id', 'name', 'type', 'region_code', 'county_code'])
    .where('id', '=', schoolId)
    .executeTakeFirst();
  if (!s) throw new AccessError('notFound', message);
  requireAllowed(
    actor,
    action,
    { kind: 'admissionPlan', regionCode: s.region_code, schoolId: s.id },
    message,
  );
  return s;
}

function invalid(message: string): never {
  throw new AccessError('invalidData', message);
}

/** The roster's refusals (core admission/classes/roster.ts) as this module's: invalidData, same words. */
function asInvalid<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RosterInputError) invalid(e.message);
    throw e;
  }
}

function randomSeed(): string {
  return randomBytes(8).toString('hex');
}

function checkSeed(seed: string | undefined): string {
  if (seed === undefined) return randomSeed();
  const t = String(seed).trim();
  if (t === '' || t.length > 64) invalid('随机种子应为 1～64 个字符');
  return t;
}

/**
 * Creates a draft placement from a grade's entrants (not run yet: {@link runPlacement}).
 * @param db the database (a transaction is opened), or a caller's transaction
 * @param cipher seals the roster with the names
 * @param actor edit on the school's admissionPlan (the school itself, or its county's bureau)
 * @returns the new placement (version 1)
 * @throws AccessError notFound (school not visible), notAllowed, invalidData (entrants, classes)
 */
export async function createPlacement(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  input: NewClassPlacement,
  opts: { ip?: string | null } = {},
): Promise<ClassPlacementView> {
  checkYear(input.year);
  return inTransaction(db, async (tx) => {
    const school = await schoolFor(tx, actor, input.schoolId, 'edit');
    const stages = schoolStages(school.type as Parameters<typeof schoolStages>[0]);
    const stage = input.stage ?? (stages.length === 1 ? stages[0] : undefined);
    if (!stage || !stages.includes(stage)) {
      invalid(
        stages.length === 0
          ? `${school.name}不是义务教育学校，不进行均衡分班`
          : `${school.name}的学段为${stages.map((s) => (s === 'primary' ? '小学' : '初中')).join('、')}：请选择其中一个学段`,
      );
    }
    const gradeLabel = (input.gradeLabel ?? GRADE_DEFAULT[stage]).trim();
    if (gradeLabel === '' || [...gradeLabel].length > 20) invalid('年级名称应为 1～20 个字，如 七年级');
    const roster = asInvalid(() => checkEntrants(input.entrants));
    const names = asInvalid(() =>
      checkClasses(input.classCount, input.classNames, gradeLabel, roster.length),
    );
    const seed = checkSeed(input.seed);
    const by = await actingUser(tx, actor);
    const sealed = cipher.seal(
      JSON.stringify(input.entrants.map((e, i) => ({ key: roster[i]!.key, name: e.name.trim() }))),
    );
    const q = sqlOf(tx);
    await ensureSchoolYear(tx, input.year);
    const { id } = await q
      .insertInto('class_placement')
      .values({
        school_id: school.id,
        county_code: school.county_code,
        year: input.year,
        stage,
        grade_label: gradeLabel,
        class_count: names.length,
        class_names: jsonb(names),
        students_sealed: sealed,
        student_count: roster.length,
        roster: jsonb(roster),
        seed,
        created_by: by.id,
        updated_by: by.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'classPlacement.create',
      entity: 'class_placement',
      entityId: String(id),
      after: {
        schoolId: school.id,
        year: input.year,
        stage,
        gradeLabel,
        classCount: names.length,
        students: roster.length,
        seed,
      },
      ip: opts.ip ?? null,
    });
    return viewOf(actor, await loadRow(tx, actor, id, 'view'));
  });
}

/**
 * Runs (or re-runs) the balancing of a draft placement, optionally with another class count,
 * class names or seed. A published placement (the only kind with a head-teacher draw) is final.
 * @throws AccessError notFound, notAllowed, conflict (stale version), wrongState (published),
 *   invalidData (class count, infeasible constraints); nothing is written then
 */
export async function runPlacement(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: { expectedVersion: number; classCount?: number; classNames?: string[]; seed?: string },
  opts: { ip?: string | null } = {},
): Promise<ClassPlacementView> {
  return inTransaction(db, async (tx) => {
    const row = await loadRow(tx, actor, id, 'edit', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    if (row.status === 'published' || row.head_teacher_draw_id !== null)
      throw new AccessError(
        'wrongState',
        '该分班方案已公示，分班结果为最终结果，不能重新分班、改班级数或改班级名称',
      );
    const count = input.classCount ?? row.class_count;
    const names = asInvalid(() =>
      checkClasses(
        count,
        input.classNames ?? (count === row.class_count ? row.class_names : undefined),
        row.grade_label,
        row.student_count,
      ),
    );
    const seed = input.seed === undefined ? row.seed : checkSeed(input.seed);
    const { assignment, report } = asInvalid(() => balanceRoster(row.roster, names, seed));
    const by = await actingUser(tx, actor);
    await sqlOf(tx)
      .updateTable('class_placement')
      .set((eb) => ({
        class_count: names.length,
        class_names: jsonb(names),
        seed,
        assignment: jsonb(assignment),
        report: jsonb(report),
        version: eb('version', '+', 1),
        updated_by: by.id,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'classPlacement.run',
      entity: 'class_placement',
      entityId: String(id),
      before: { version: row.version, classCount: row.class_count, seed: row.seed, ran: row.report !== null },
      after: {
        version: row.version + 1,
        classCount: names.length,
        seed,
        meanSpread: report.hasScores ? report.spread.ours.meanScore : null,
        snakeMeanSpread: report.hasScores ? report.spread.snake.meanScore : null,
        allHonoured: report.allHonoured,
      },
      ip: opts.ip ?? null,
    });
    return viewOf(actor, await loadRow(tx, actor, id, 'view'));
  });
}

/**
 * Publishes (公示) a run placement: its class lists become visible with masked names, and it is
 * final (no re-run; the head-teacher draw may now be made). One published placement per school,
 * year and stage.
 * @throws AccessError notFound, notAllowed, conflict, wrongState (not run yet, already published,
 *   another placement of the grade published)
 */
export async function publishPlacement(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: { expectedVersion: number },
  opts: { ip?: string | null } = {},
): Promise<ClassPlacementView> {
  return inTransaction(db, async (tx) => {
    const row = await loadRow(tx, actor, id, 'edit', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    if (row.status === 'published') throw new AccessError('wrongState', '该分班方案已经公示');
    if (!row.assignment || !row.report)
      throw new AccessError('wrongState', '该分班方案还没有分班结果：请先“开始分班”，再公示');
    const q = sqlOf(tx);
    const other = await q
      .selectFrom('class_placement')
      .select(['id', 'grade_label'])
      .where('school_id', '=', row.school_id)
      .where('year', '=', row.year)
      .where('stage', '=', row.stage)
      .where('status', '=', 'published')
      .where('id', '<>', id)
      .executeTakeFirst();
    if (other)
      throw new AccessError(
        'wrongState',
        `${row.school_name}${row.year}学年${row.stage === 'primary' ? '小学' : '初中'}已公示分班方案 ${other.id}（${other.grade_label}）：公示结果为最终结果，每校每学段每年只公示一个分班方案`,
      );
    const by = await actingUser(tx, actor);
    await q
      .updateTable('class_placement')
      .set((eb) => ({
        status: 'published',
        published_by: by.id,
        published_at: sql<Date>`now()`,
        version: eb('version', '+', 1),
        updated_by: by.id,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'classPlacement.publish',
      entity: 'class_placement',
      entityId: String(id),
      before: { status: row.status, version: row.version },
      after: {
        status: 'published',
        version: row.version + 1,
        classes: row.class_count,
        students: row.student_count,
      },
      ip: opts.ip ?? null,
    });
    return viewOf(actor, await loadRow(tx, actor, id, 'view'));
  });
}
