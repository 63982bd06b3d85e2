/**
 * @module The class_placement rows: a placement with its school and the names of who created,
 * changed and published it, its checked text and JSON in their shapes; one placement (locked
 * inside a write) and the list in a scope. Who may see which and how much is the server's
 * (server/src/admission/classes: commands and presenters).
 */
import type { ListScope, PlacementReport, RosterEntry, Stage } from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { inScope } from '../../platform/queryKit.js';

export type PlacementStatus = 'draft' | 'published';

/** Placements (alias p) with their school and the names of who created, changed and published them; callers add the WHERE clause. */
export function placementRows(db: Queryable) {
  return sqlOf(db)
    .selectFrom('class_placement as p')
    .innerJoin('school as s', 's.id', 'p.school_id')
    .leftJoin('app_user as cu', 'cu.id', 'p.created_by')
    .leftJoin('app_user as uu', 'uu.id', 'p.updated_by')
    .leftJoin('app_user as pu', 'pu.id', 'p.published_by')
    .select([
      'p.id',
      'p.school_id',
      's.name as school_name',
      's.region_code',
      'p.county_code',
      'p.year',
      'p.stage',
      'p.grade_label',
      'p.class_count',
      'p.class_names',
      'p.student_count',
      'p.roster',
      'p.assignment',
      'p.seed',
      'p.report',
      'p.status',
      'p.head_teacher_draw_id',
      'p.head_teachers',
      'p.version',
      'p.created_at',
      'cu.display_name as created_by_name',
      'p.updated_at',
      'uu.display_name as updated_by_name',
      'p.published_at',
      'pu.display_name as published_by_name',
    ]);
}

/** A placement's row with its checked text and its JSON in their shapes. */
export function typedPlacement(r: Awaited<ReturnType<ReturnType<typeof placementRows>['execute']>>[number]) {
  return {
    ...r,
    // The schema's CHECKs admit exactly core's STAGES and PlacementStatus.
    stage: r.stage as Stage,
    status: r.status as PlacementStatus,
    // Written by placementWrites.ts (core's checked classes and roster, balanceRoster's result,
    // the checked teachers).
    class_names: r.class_names as string[],
    roster: r.roster as RosterEntry[],
    assignment: r.assignment as Record<string, number> | null,
    report: r.report as PlacementReport | null,
    head_teachers: r.head_teachers as string[] | null,
  };
}

/** A placement's row with its school and the names of who created, changed and published it. */
export type PlacementRow = ReturnType<typeof typedPlacement>;

/** Whether `id` can be a class_placement.id (a positive safe integer). */
export function isPlacementId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

/** One placement (FOR UPDATE inside a write), or undefined. */
export async function readPlacement(
  db: Queryable,
  id: number,
  opts: { lock?: boolean } = {},
): Promise<PlacementRow | undefined> {
  const query = placementRows(db).where('p.id', '=', id);
  const found = await (opts.lock ? query.forUpdate('p') : query).executeTakeFirst();
  return found && typedPlacement(found);
}

/**
 * The placements in a scope (core visibleRegionPrefix of admissionPlan; with `alsoPublished`, the
 * published ones anywhere), newest first, at most 200, optionally of one year and school.
 */
export async function listPlacementRows(
  db: Queryable,
  filter: { scope: ListScope; year?: number; schoolId?: string },
): Promise<PlacementRow[]> {
  const { scope } = filter;
  const visible = inScope(scope, { region: 's.region_code', school: 'p.school_id' });
  let query = placementRows(db).where((eb) =>
    scope.alsoPublished ? eb.or([visible, eb('p.status', '=', 'published')]) : visible,
  );
  if (filter.year !== undefined) query = query.where('p.year', '=', filter.year);
  if (filter.schoolId !== undefined) query = query.where('p.school_id', '=', filter.schoolId);
  const rows = await query.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').limit(200).execute();
  return rows.map(typedPlacement);
}
