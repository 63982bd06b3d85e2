/**
 * @module 均衡分班 answers: a placement as listed and in full, as much as the viewer may see.
 *
 * What a viewer gets ({@link PlacementDetail}): the school's own users and the county bureau, who
 * may see the children's records (kind applicant), get everything (masked roster with 随班就读 /
 * 留守 flags, the full report). Other officials who read admission plans (inspectors, the city, the
 * admin) get the aggregate report (per-class counts, constraint checks without members) but no
 * child's flags. Whoever may view the placement only because it is published gets the class lists
 * (class, number, masked name, gender) and nothing about special needs, 留守 or 同班/分开 groups (a
 * disability or family situation is not for a notice board).
 */
import {
  type Actor,
  type ClassList,
  can,
  classLists,
  type PlacementReport,
  type RosterEntry,
  type Stage,
} from '@junheng/core';
import type { PlacementRow, PlacementStatus } from '@junheng/db';
import { resourceOf } from './commands/placementAccess.js';

export interface ClassPlacementSummary {
  id: number;
  schoolId: string;
  schoolName: string;
  countyCode: string;
  year: number;
  stage: Stage;
  gradeLabel: string;
  classCount: number;
  studentCount: number;
  status: PlacementStatus;
  version: number;
  /** Spread (max − min) of class mean scores, ours and snake; null before a run or without scores. */
  meanSpread: number | null;
  snakeMeanSpread: number | null;
  headTeacherDrawId: number | null;
  updatedAt: Date;
  updatedByName: string | null;
  publishedAt: Date | null;
}

/**
 * How much of a placement a viewer gets: `full` (the school's own users, the county bureau: the
 * masked roster with each child's flags), `aggregate` (other officials: the report's per-class
 * figures, no child's flags, constraint checks without members), `lists` (visible only because it
 * is published: the masked class lists).
 */
export type PlacementDetail = 'full' | 'aggregate' | 'lists';

export interface ClassPlacementView extends ClassPlacementSummary {
  classNames: string[];
  seed: string;
  detail: PlacementDetail;
  /** The masked roster with each child's flags; `full` viewers only. */
  roster: RosterEntry[] | null;
  /** Entrant key → class number; null before the first run, and for all but `full` viewers. */
  assignment: Record<string, number> | null;
  /**
   * The balance report; null before the first run and for `lists` viewers. `aggregate` viewers get
   * it without the constraint members (masked names) and their classes.
   */
  report: PlacementReport | null;
  /** Class lists with masked names; null before the first run. */
  classLists: ClassList[] | null;
  /** The teachers entered in the head-teacher draw (in the order entered). */
  headTeachers: string[] | null;
  createdAt: Date;
  createdByName: string | null;
  publishedByName: string | null;
  /** Whether the actor may change it (re-run, publish, draw head teachers). */
  canEdit: boolean;
}

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

/** The class → head teacher rows of a drawn draw: rank i takes class i (ranks past the classes: none). */
export function headTeacherRows(
  ranks: ReadonlyMap<string, number>,
  classNames: readonly string[],
): HeadTeacherRow[] {
  const rows: HeadTeacherRow[] = [];
  for (const [teacher, rank] of ranks) {
    if (rank >= 1 && rank <= classNames.length)
      rows.push({ classNo: rank, className: classNames[rank - 1]!, teacher, rank });
  }
  return rows.sort((a, b) => a.classNo - b.classNo);
}
