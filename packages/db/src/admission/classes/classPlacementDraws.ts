/**
 * @module 班主任派位: the head teachers of a placement's classes drawn with the verifiable lottery
 * (lotteryDraws.ts, docs/lottery.md). One entry per teacher, the ticket being the teacher's name
 * (adults acting in a public role, so not masked) and a random secret; the slots are the class
 * names, so rank i takes class i. The draw itself (seed, witnesses) happens on the lottery page.
 *
 * Kept apart from classPlacements.ts so that the placements work without the lottery module.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '@junheng/core';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { inTransaction } from '../../platform/queryKit.js';
import { createDraw, drawRanks } from '../lottery/lotteryDraws.js';
import { linkHeadTeacherDraw, placementForDraw } from './placementDrawLinks.js';
import { getPlacement } from './placementQueries.js';

/** A class and the head teacher drawn for it. */
export interface HeadTeacherRow {
  classNo: number;
  className: string;
  teacher: string;
  /** The teacher's rank in the draw (1-based). */
  rank: number;
}

export interface HeadTeacherTable {
  drawId: number;
  teachers: string[];
  /** null while the draw is committed but not drawn yet. */
  rows: HeadTeacherRow[] | null;
}

/** Teacher names: one per class, distinct, no characters that break the published list. */
export function checkTeachers(teachers: readonly string[], classCount: number): string[] {
  if (!Array.isArray(teachers)) throw new AccessError('invalidData', '请填写班主任名单');
  const list = teachers.map((t) => (typeof t === 'string' ? t.normalize('NFC').trim() : ''));
  if (list.length !== classCount)
    throw new AccessError(
      'invalidData',
      `班主任人数（${list.length}）应与班级数（${classCount}）相同：每班一名班主任`,
    );
  const seen = new Set<string>();
  list.forEach((t, i) => {
    if (t === '' || [...t].length > 20 || /[\r\n,，\t]/.test(t))
      throw new AccessError(
        'invalidData',
        `第 ${i + 1} 位班主任的姓名“${t}”无效：填写 1～20 个字，不含逗号和换行`,
      );
    if (seen.has(t))
      throw new AccessError('invalidData', `班主任“${t}”重复：同名教师请加区分，如“王芳（数学）”`);
    seen.add(t);
  });
  return list;
}

/**
 * Creates (commits) the head-teacher draw of a PUBLISHED placement and links it, in one
 * transaction. The classes are final before the draw (a published placement is never re-run, and
 * one per school, year and stage is published), and a placement gets one draw, never replaced:
 * nobody can move children after learning which teacher takes which class.
 * @param actor edit on the placement (and on the school's lotteryDraw: the school or its bureau)
 * @returns the draw's id and the placement's new version
 * @throws AccessError notFound, notAllowed, conflict, wrongState (not published, draw already
 *   made), invalidData (teachers)
 */
export async function createHeadTeacherDraw(
  db: Database | Queryable,
  actor: Actor,
  placementId: number,
  input: { expectedVersion: number; teachers: string[] },
  opts: { ip?: string | null } = {},
): Promise<{ drawId: number; version: number }> {
  return inTransaction(db, async (tx) => {
    const p = await placementForDraw(tx, actor, placementId, input.expectedVersion);
    const teachers = checkTeachers(input.teachers, p.classNames.length);
    const draw = await createDraw(
      tx,
      actor,
      {
        countyCode: p.countyCode,
        schoolId: p.schoolId,
        year: p.year,
        purpose: 'headTeacher',
        title: `${p.year}年${p.schoolName}${p.gradeLabel}班主任派位`,
        entries: teachers.map((t) => ({ ticket: t, secret: randomBytes(16).toString('hex') })),
        slots: p.classNames,
      },
      { ip: opts.ip ?? null },
    );
    await linkHeadTeacherDraw(
      tx,
      actor,
      placementId,
      { expectedVersion: input.expectedVersion, drawId: draw.id, teachers },
      opts,
    );
    return { drawId: draw.id, version: input.expectedVersion + 1 };
  });
}

/**
 * The class → head teacher table of a placement's draw (rows null until it is drawn).
 * @returns null when the placement has no head-teacher draw
 * @throws AccessError notFound when the actor may not view the placement
 */
export async function headTeacherTable(
  db: Queryable,
  actor: Actor,
  placementId: number,
): Promise<HeadTeacherTable | null> {
  const p = await getPlacement(db, actor, placementId);
  if (p.headTeacherDrawId === null) return null;
  const ranks = await drawRanks(db, p.headTeacherDrawId);
  const teachers = p.headTeachers ?? [];
  if (!ranks) return { drawId: p.headTeacherDrawId, teachers, rows: null };
  const rows: HeadTeacherRow[] = [];
  for (const [teacher, rank] of ranks) {
    if (rank >= 1 && rank <= p.classNames.length)
      rows.push({ classNo: rank, className: p.classNames[rank - 1]!, teacher, rank });
  }
  rows.sort((a, b) => a.classNo - b.classNo);
  return { drawId: p.headTeacherDrawId, teachers, rows };
}
