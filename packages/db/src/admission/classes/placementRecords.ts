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

/** A placement's row with its school and the names of who created, changed and published it. */
export interface PlacementRow {
  id: number;
  school_id: string;
  school_name: string;
  region_code: string;
  county_code: string;
  year: number;
  stage: Stage;
  grade_label: string;
  class_count: number;
  class_names: string[];
  student_count: number;
  roster: RosterEntry[];
  assignment: Record<string, number> | null;
  seed: string;
  report: PlacementReport | null;
  status: PlacementStatus;
  head_teacher_draw_id: number | null;
  head_teachers: string[] | null;
  version: number;
  created_at: Date;
  created_by_name: string | null;
  updated_at: Date;
  updated_by_name: string | null;
  published_at: Date | null;
  published_by_name: string | null;
}

/** The columns of a placement row; callers add the WHERE clause. */
export const SELECT = `
  SELECT p.id, p.school_id, s.name AS school_name, s.region_code, p.county_code, p.year, p.stage,
         p.grade_label, p.class_count, p.class_names, p.student_count, p.roster, p.assignment, p.seed,
         p.report, p.status, p.head_teacher_draw_id, p.head_teachers, p.version, p.created_at,
         cu.display_name AS created_by_name, p.updated_at, uu.display_name AS updated_by_name,
         p.published_at, pu.display_name AS published_by_name
    FROM class_placement p
    JOIN school s ON s.id = p.school_id
    LEFT JOIN app_user cu ON cu.id = p.created_by
    LEFT JOIN app_user uu ON uu.id = p.updated_by
    LEFT JOIN app_user pu ON pu.id = p.published_by`;

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
  const { rows } = await db.query<PlacementRow>(
    `${SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AccessError('notFound', message);
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
