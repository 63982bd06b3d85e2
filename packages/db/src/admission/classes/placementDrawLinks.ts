/**
 * @module What the head-teacher draw (classPlacementDraws.ts) needs of a placement: the checked
 * placement it is made for (published, no draw yet, current version), and recording the draw on
 * it. Internal to the db package.
 */
import type { Actor } from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { AccessError } from '../../platform/access.js';
import { jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser } from '../../platform/queryKit.js';
import { CONFLICT, loadRow, type PlacementRow } from './placementRecords.js';

/**
 * Records the head-teacher draw made for a placement's classes (lotteryDraws.createDraw, called
 * by classPlacementDraws.ts in the same transaction). Internal to the db package.
 */
export async function linkHeadTeacherDraw(
  tx: Queryable,
  actor: Actor,
  id: number,
  input: { expectedVersion: number; drawId: number; teachers: string[] },
  opts: { ip?: string | null } = {},
): Promise<void> {
  const row = await loadRow(tx, actor, id, 'edit', true);
  if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
  checkDrawable(row);
  const by = await actingUser(tx, actor);
  await sqlOf(tx)
    .updateTable('class_placement')
    .set((eb) => ({
      head_teacher_draw_id: input.drawId,
      head_teachers: jsonb(input.teachers),
      version: eb('version', '+', 1),
      updated_by: by.id,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
  await appendAudit(tx, {
    actor: by.username,
    actorId: by.id,
    action: 'classPlacement.headTeacherDraw',
    entity: 'class_placement',
    entityId: String(id),
    before: { version: row.version, headTeacherDrawId: row.head_teacher_draw_id },
    after: { version: row.version + 1, headTeacherDrawId: input.drawId, teachers: input.teachers.length },
    ip: opts.ip ?? null,
  });
}

/** A head-teacher draw only for a published placement that has none yet (one per placement). */
function checkDrawable(row: PlacementRow): void {
  if (row.status !== 'published')
    throw new AccessError(
      'wrongState',
      '请先公示分班结果，再进行班主任派位：公示后各班学生不再变动，派位结果才不能被用来调整分班',
    );
  if (row.head_teacher_draw_id !== null)
    throw new AccessError(
      'wrongState',
      `已为这些班级建立班主任派位（派位编号 ${row.head_teacher_draw_id}）：每个分班方案只派位一次，不能更换`,
    );
}

/** What a head-teacher draw needs of a placement (checked: edit, published, no draw yet, version). Internal. */
export async function placementForDraw(
  tx: Queryable,
  actor: Actor,
  id: number,
  expectedVersion: number,
): Promise<{
  schoolId: string;
  schoolName: string;
  countyCode: string;
  year: number;
  gradeLabel: string;
  classNames: string[];
}> {
  const row = await loadRow(tx, actor, id, 'edit', true);
  if (row.version !== expectedVersion) throw new AccessError('conflict', CONFLICT);
  checkDrawable(row);
  return {
    schoolId: row.school_id,
    schoolName: row.school_name,
    countyCode: row.county_code,
    year: row.year,
    gradeLabel: row.grade_label,
    classNames: row.class_names,
  };
}
