/**
 * @module Running the balancing of a draft placement (again while a draft) and publishing it (公示,
 * final), each one transaction with its audit event. Every change raises `version` by one; a write
 * naming an older version is refused (409 conflict). A published placement is final: it is not
 * re-run (wrongState), and only one placement per school, year and stage is published (the schema
 * enforces both), so that the head-teacher draw, made only after 公示, cannot be used to re-place
 * children.
 */
import {
  asRosterRefusal,
  balanceRoster,
  checkClasses,
  checkPlacementSeed,
  Refusal,
  STAGE_NAMES,
} from '@junheng/core';
import { inTransaction, publishedOfGrade, recordPublished, recordRun } from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { type ClassPlacementView, viewOf } from '../present.js';
import { loadPlacement, placementToChange } from './placementAccess.js';

/**
 * Runs (or re-runs) the balancing of a draft placement, optionally with another class count,
 * class names or seed. Audited 'classPlacement.run'.
 * @throws Refusal notFound, notAllowed, conflict (stale version), wrongState (published),
 *   invalidRequest (class count, infeasible constraints); nothing is written then
 */
export async function runPlacement(
  ctx: CommandContext,
  id: number,
  input: { expectedVersion: number; classCount?: number; classNames?: string[]; seed?: string },
): Promise<ClassPlacementView> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await placementToChange(tx, ctx.actor, id, input.expectedVersion);
    if (row.status === 'published' || row.head_teacher_draw_id !== null) {
      throw new Refusal('wrongState', 'classes.publishedFinal');
    }
    const count = input.classCount ?? row.class_count;
    const names = asRosterRefusal(() =>
      checkClasses(
        count,
        input.classNames ?? (count === row.class_count ? row.class_names : undefined),
        row.grade_label,
        row.student_count,
      ),
    );
    const seed = input.seed === undefined ? row.seed : checkPlacementSeed(input.seed)!;
    const { assignment, report } = asRosterRefusal(() => balanceRoster(row.roster, names, seed));
    const by = await actingUser(tx, ctx.actor);
    await recordRun(tx, id, { classNames: names, seed, assignment, report, by: by.id });
    await recordChange(
      tx,
      ctx,
      {
        action: 'classPlacement.run',
        entity: 'class_placement',
        entityId: id,
        before: {
          version: row.version,
          classCount: row.class_count,
          seed: row.seed,
          ran: row.report !== null,
        },
        after: {
          version: row.version + 1,
          classCount: names.length,
          seed,
          meanSpread: report.hasScores ? report.spread.ours.meanScore : null,
          snakeMeanSpread: report.hasScores ? report.spread.snake.meanScore : null,
          allHonoured: report.allHonoured,
        },
      },
      by,
    );
    return viewOf(ctx.actor, await loadPlacement(tx, ctx.actor, id, 'view'));
  });
}

/**
 * Publishes (公示) a run placement: its class lists become visible with masked names, and it is
 * final (no re-run; the head-teacher draw may now be made). One published placement per school,
 * year and stage. Audited 'classPlacement.publish'.
 * @throws Refusal notFound, notAllowed, conflict, wrongState (not run yet, already published,
 *   another placement of the grade published)
 */
export async function publishPlacement(
  ctx: CommandContext,
  id: number,
  input: { expectedVersion: number },
): Promise<ClassPlacementView> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await placementToChange(tx, ctx.actor, id, input.expectedVersion);
    if (row.status === 'published') throw new Refusal('wrongState', 'classes.alreadyPublished');
    if (!row.assignment || !row.report) throw new Refusal('wrongState', 'classes.notRunYet');
    const other = await publishedOfGrade(tx, {
      schoolId: row.school_id,
      year: row.year,
      stage: row.stage,
      exceptId: id,
    });
    if (other) {
      throw new Refusal('wrongState', 'classes.gradePublished', {
        school: row.school_name,
        year: row.year,
        stage: STAGE_NAMES[row.stage],
        id: other.id,
        grade: other.gradeLabel,
      });
    }
    const by = await actingUser(tx, ctx.actor);
    await recordPublished(tx, id, by.id);
    await recordChange(
      tx,
      ctx,
      {
        action: 'classPlacement.publish',
        entity: 'class_placement',
        entityId: id,
        before: { status: row.status, version: row.version },
        after: {
          status: 'published',
          version: row.version + 1,
          classes: row.class_count,
          students: row.student_count,
        },
      },
      by,
    );
    return viewOf(ctx.actor, await loadPlacement(tx, ctx.actor, id, 'view'));
  });
}
