/**
 * Shapes of 划片 zoning (就近入学): residential areas, schools, an assignment of areas to schools,
 * and its evaluation. Ids are strings chosen by the caller (GeoJSON properties, database keys);
 * every result refers to areas and schools by id so that the map page, storage and the CLI can
 * join them back to their own records.
 */
import type { Stage } from '../../model.js';

/** 小区 (urban residential estate) or 村 (village). */
export type AreaKind = 'estate' | 'village';

/** One residential area (小区 / 村): where children live, and how many start school next year. */
export interface ResidentialArea {
  id: string;
  name: string;
  kind: AreaKind;
  /** Longitude in degrees (WGS-84 or GCJ-02, the same datum as the schools). */
  lon: number;
  /** Latitude in degrees. */
  lat: number;
  /**
   * Expected entrants next school year (预计入学人数): children entering 小学一年级 (`primary`) and
   * 初一 (`junior`). Integers ≥ 0.
   */
  entrants: Record<Stage, number>;
  /** 乡镇 / 街道, for display only. */
  township?: string;
}

/** One school as zoning sees it: where it is and how many entrants it can take per stage. */
export interface ZoningSchool {
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** Stages the school admits (九年一贯制 has both). */
  stages: readonly Stage[];
  /**
   * Entry-grade classes planned per stage (起始年级招生班数: 一年级 / 初一), not the school's
   * total classes. Missing for a stage it serves = 0 classes.
   */
  classes: Partial<Record<Stage, number>>;
  /**
   * Class-size limit (班额上限) overriding {@link CLASS_SIZE_LIMITS} for this school, e.g. a
   * province's 50 for schools with many 随迁子女.
   */
  classSizeLimit?: Partial<Record<Stage, number>>;
}

/** A zoning instance for one stage. */
export interface ZoningProblem {
  stage: Stage;
  areas: readonly ResidentialArea[];
  /** All schools; those not serving `stage` are ignored. */
  schools: readonly ZoningSchool[];
  /** County-wide class-size limits overriding {@link CLASS_SIZE_LIMITS} (a provincial rule). */
  classSizeLimits?: Partial<Record<Stage, number>>;
}

/**
 * Area id → school id. An area missing from the map is unassigned (allowed for a current zoning
 * that is incomplete; the evaluation lists it).
 */
export type ZoningAssignment = Readonly<Record<string, string>>;

/** Per school: demand against capacity. */
export interface SchoolLoad {
  schoolId: string;
  name: string;
  classes: number;
  classSizeLimit: number;
  /** classes × classSizeLimit. */
  capacity: number;
  /** Entrants of the areas assigned to the school. */
  demand: number;
  /** demand ÷ capacity; null when the capacity is 0. */
  fillRate: number | null;
  /** max(0, demand − capacity): children the school has no place for. */
  overflow: number;
  /** max(0, capacity − demand). */
  spare: number;
  /** Ids of the areas assigned to it, in input order. */
  areaIds: string[];
  /** Student-weighted mean distance of its children (km); null without children. */
  meanDistanceKm: number | null;
  /** Largest distance of an assigned area with children (km); null without children. */
  maxDistanceKm: number | null;
}

/** Per area: where its children go. */
export interface AreaPlacement {
  areaId: string;
  name: string;
  kind: AreaKind;
  /** Entrants of the stage. */
  demand: number;
  /** Assigned school, null when unassigned. */
  schoolId: string | null;
  /** Straight-line distance to it (km), null when unassigned. */
  distanceKm: number | null;
  /** The nearest school serving the stage. */
  nearestSchoolId: string;
  nearestDistanceKm: number;
  /** The assigned school has more demand than capacity (its children may not all get a place). */
  overflowing: boolean;
}

export interface ZoningTotals {
  areas: number;
  /** Areas without a school. */
  unassignedAreas: number;
  /** Entrants of all areas. */
  students: number;
  /** Entrants of the assigned areas. */
  assignedStudents: number;
  /** Sum of the capacities of the schools serving the stage. */
  capacity: number;
  /** Σ entrants × distance over assigned areas (student-km). */
  studentKm: number;
  /** Student-weighted mean distance (km); null when nobody is assigned. */
  meanDistanceKm: number | null;
  /** Largest distance of an assigned area with entrants (km); null when none. */
  maxDistanceKm: number | null;
  /** Share of assigned entrants whose school is their area's nearest (就近入学比例); null when none. */
  nearestShare: number | null;
  overflowingSchools: number;
  /** Areas assigned to an overflowing school. */
  overflowingAreas: number;
  /** Σ overflow over schools. */
  overflowStudents: number;
}

/** The figures of one assignment. */
export interface ZoningEvaluation {
  stage: Stage;
  /** Schools serving the stage, in input order. */
  schools: SchoolLoad[];
  /** Areas in input order. */
  areas: AreaPlacement[];
  totals: ZoningTotals;
}

/** How an area's school changes between two assignments. */
export interface AreaChange {
  areaId: string;
  name: string;
  demand: number;
  from: string | null;
  to: string | null;
  distanceBeforeKm: number | null;
  distanceAfterKm: number | null;
}

/** How a school's load changes between two assignments. */
export interface SchoolChange {
  schoolId: string;
  name: string;
  capacity: number;
  demandBefore: number;
  demandAfter: number;
  fillRateBefore: number | null;
  fillRateAfter: number | null;
  overflowBefore: number;
  overflowAfter: number;
}

/** Current vs proposed. Differences are after − before (negative distance = shorter). */
export interface ZoningComparison {
  changedAreas: AreaChange[];
  /** Entrants of the changed areas. */
  changedStudents: number;
  schools: SchoolChange[];
  before: ZoningTotals;
  after: ZoningTotals;
  meanDistanceDeltaKm: number | null;
  maxDistanceDeltaKm: number | null;
  overflowStudentsDelta: number;
  overflowingSchoolsDelta: number;
}
