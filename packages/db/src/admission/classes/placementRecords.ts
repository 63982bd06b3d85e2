/**
 * @module A placement as stored and as answered: its row, its policy resource, loading it for a
 * read or a write, and the summary and view built from it — a viewer gets only what
 * {@link placementDetail} grants (the masked roster, the aggregate report, or the class lists).
 */
import {
  type Actor,
  can,
  classLists,
  type PlacementReport,
  type Resource,
  type RosterEntry,
  type Stage,
} from '@junheng/core';
import { AccessError, requireAllowed } from '../../platform/access.js';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import type {
  ClassPlacementSummary,
  ClassPlacementView,
  PlacementDetail,
  PlacementStatus,
} from './placementTypes.js';

/** The refusal of a write naming an older version. */
export const CONFLICT = '该分班方案已被他人修改：请刷新后在最新版本上操作，您的改动未保存';

export function placementNotFound(id: unknown): string {
  return `没有找到分班方案 ${String(id)}，或您无权查看`;
}

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
    // Written by placementCommands.ts (core's checked classes and roster, balanceRoster's result)
    // and placementDrawLinks.ts (the checked teachers).
    class_names: r.class_names as string[],
    roster: r.roster as RosterEntry[],
    assignment: r.assignment as Record<string, number> | null,
    report: r.report as PlacementReport | null,
    head_teachers: r.head_teachers as string[] | null,
  };
}

/** A placement's row with its school and the names of who created, changed and published it. */
export type PlacementRow = ReturnType<typeof typedPlacement>;

/** The policy resource of a placement: its school's admission plan, published or not. */
export function resourceOf(row: PlacementRow, published = row.status === 'published'): Resource {
  return { kind: 'admissionPlan', regionCode: row.region_code, schoolId: row.school_id, published };
}

/** One placement the actor may view or edit (FOR UPDATE inside a write). */
export async function loadRow(
  db: Queryable,
  actor: Actor,
  id: number,
  action: 'view' | 'edit',
  lock = false,
): Promise<PlacementRow> {
  const message = placementNotFound(id);
  if (!Number.isSafeInteger(id) || id < 1) throw new AccessError('notFound', message);
  const query = placementRows(db).where('p.id', '=', id);
  const found = await (lock ? query.forUpdate('p') : query).executeTakeFirst();
  if (!found) throw new AccessError('notFound', message);
  const row = typedPlacement(found);
  requireAllowed(actor, action, resourceOf(row), message);
  return row;
}

export function summaryOf(row: PlacementRow): ClassPlacementSummary {
  return {
    id: row.id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    countyCode: row.county_code,
    year: row.year,
    stage: row.stage,
    gradeLabel: row.grade_label,
    classCount: row.class_count,
    studentCount: row.student_count,
    status: row.status,
    version: row.version,
    meanSpread: row.report?.hasScores ? row.report.spread.ours.meanScore : null,
    snakeMeanSpread: row.report?.hasScores ? row.report.spread.snake.meanScore : null,
    headTeacherDrawId: row.head_teacher_draw_id,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
    publishedAt: row.published_at,
  };
}

/** What `actor` may see of the placement (see {@link PlacementDetail}). */
export function placementDetail(
  actor: Actor,
  place: { region_code: string; school_id: string; status: PlacementStatus },
): PlacementDetail {
  const region = place.region_code;
  if (can(actor, 'view', { kind: 'applicant', regionCode: region, schoolId: place.school_id })) return 'full';
  if (
    can(actor, 'view', {
      kind: 'admissionPlan',
      regionCode: region,
      schoolId: place.school_id,
      published: false,
    })
  )
    return 'aggregate';
  return 'lists';
}

/** The report without any child: constraint checks keep their code and outcome, not who or where. */
function aggregateReport(report: PlacementReport): PlacementReport {
  return { ...report, constraints: report.constraints.map((c) => ({ ...c, members: [], classes: [] })) };
}

/** A placement as the actor may see it (see {@link PlacementDetail}). */
export function viewOf(actor: Actor, row: PlacementRow): ClassPlacementView {
  const detail = placementDetail(actor, row);
  return {
    ...summaryOf(row),
    classNames: row.class_names,
    seed: row.seed,
    detail,
    roster: detail === 'full' ? row.roster : null,
    assignment: detail === 'full' ? row.assignment : null,
    report:
      row.report === null || detail === 'lists'
        ? null
        : detail === 'full'
          ? row.report
          : aggregateReport(row.report),
    classLists: row.assignment ? classLists(row.roster, row.assignment, row.class_names) : null,
    headTeachers: row.head_teachers,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    publishedByName: row.published_by_name,
    canEdit: can(actor, 'edit', resourceOf(row)),
  };
}
