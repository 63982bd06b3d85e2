/**
 * @module 班主任派位: the head teachers of a published placement's classes drawn with the verifiable
 * lottery (docs/lottery.md). One entry per teacher, the ticket being the teacher's name (adults
 * acting in a public role, so not masked) and a random secret; the slots are the class names, so
 * rank i takes class i. The draw itself (seed, witnesses) happens on the lottery page.
 *
 * The classes are final before the draw (a published placement is never re-run, and one per school,
 * year and stage is published), and a placement gets one draw, never replaced: nobody can move
 * children after learning which teacher takes which class.
 */
import { randomBytes } from 'node:crypto';
import { checkTeachers, headTeacherDrawTitle, Refusal } from '@junheng/core';
import { drawRanks, inTransaction, type PlacementRow, recordHeadTeacherDraw } from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { createDraw } from '../../lottery/commands/index.js';
import { type HeadTeacherTable, headTeacherRows } from '../present.js';
import { loadPlacement, placementToChange } from './placementAccess.js';

/**
 * A head-teacher draw only for a published placement that has none yet (one per placement).
 * @throws Refusal wrongState
 */
function checkDrawable(row: PlacementRow): void {
  if (row.status !== 'published') throw new Refusal('wrongState', 'classes.drawBeforePublish');
  if (row.head_teacher_draw_id !== null) {
    throw new Refusal('wrongState', 'classes.drawAlreadyMade', { drawId: row.head_teacher_draw_id });
  }
}

/**
 * Creates (commits) the head-teacher draw of a PUBLISHED placement and links it, in one
 * transaction. Audited 'lotteryDraw.commit' and 'classPlacement.headTeacherDraw'.
 * @param ctx the actor needs edit on the placement (and on the school's lotteryDraw: the school or
 *   its bureau)
 * @returns the draw's id and the placement's new version
 * @throws Refusal notFound, notAllowed, conflict, wrongState (not published, draw already made),
 *   invalidRequest (teachers)
 */
export async function createHeadTeacherDraw(
  ctx: CommandContext,
  placementId: number,
  input: { expectedVersion: number; teachers: string[] },
): Promise<{ drawId: number; version: number }> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await placementToChange(tx, ctx.actor, placementId, input.expectedVersion);
    checkDrawable(row);
    const teachers = checkTeachers(input.teachers, row.class_names.length);
    const draw = await createDraw(
      { ...ctx, db: tx },
      {
        countyCode: row.county_code,
        schoolId: row.school_id,
        year: row.year,
        purpose: 'headTeacher',
        title: headTeacherDrawTitle({
          year: row.year,
          schoolName: row.school_name,
          gradeLabel: row.grade_label,
        }),
        entries: teachers.map((t) => ({ ticket: t, secret: randomBytes(16).toString('hex') })),
        slots: row.class_names,
      },
    );
    const by = await actingUser(tx, ctx.actor);
    await recordHeadTeacherDraw(tx, placementId, { drawId: draw.id, teachers, by: by.id });
    await recordChange(
      tx,
      ctx,
      {
        action: 'classPlacement.headTeacherDraw',
        entity: 'class_placement',
        entityId: placementId,
        before: { version: row.version, headTeacherDrawId: row.head_teacher_draw_id },
        after: { version: row.version + 1, headTeacherDrawId: draw.id, teachers: teachers.length },
      },
      by,
    );
    return { drawId: draw.id, version: input.expectedVersion + 1 };
  });
}

/**
 * The class → head teacher table of a placement's draw (rows null until it is drawn).
 * @returns null when the placement has no head-teacher draw
 * @throws Refusal notFound when the actor may not view the placement
 */
export async function headTeacherTable(
  ctx: CommandContext,
  placementId: number,
): Promise<HeadTeacherTable | null> {
  const p = await loadPlacement(ctx.db, ctx.actor, placementId, 'view');
  if (p.head_teacher_draw_id === null) return null;
  const ranks = await drawRanks(ctx.db, p.head_teacher_draw_id);
  const teachers = p.head_teachers ?? [];
  if (!ranks) return { drawId: p.head_teacher_draw_id, teachers, rows: null };
  return { drawId: p.head_teacher_draw_id, teachers, rows: headTeacherRows(ranks, p.class_names) };
}
