/**
 * @module The shapes of 均衡分班 placements: what creating one takes, its status, a placement as
 * listed and in full, what a viewer gets of it, and the list's filters.
 */
import type { ClassList, EntrantInput, PlacementReport, RosterEntry, Stage } from '@junheng/core';

export interface NewClassPlacement {
  schoolId: string;
  year: number;
  /** 学段; default the school's only one (a school with both stages must say). */
  stage?: Stage;
  /** 年级名称; default 一年级 (小学) or 七年级 (初中). */
  gradeLabel?: string;
  classCount: number;
  /** One per class; default “七年级（1）班” … */
  classNames?: string[];
  /** Seed of the local search; default a random one. */
  seed?: string;
  entrants: EntrantInput[];
}

export type PlacementStatus = 'draft' | 'published';

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

export interface ClassPlacementListQuery {
  year?: number;
  schoolId?: string;
}
