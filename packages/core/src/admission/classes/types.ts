/** One entrant of the grade. */
export interface Entrant {
  id: string;
  gender: 'male' | 'female';
  /** Entry score (初中 入学成绩); absent for 小学 or a student without one. */
  score?: number;
  /** 随班就读 (special needs in a regular class). */
  specialNeeds?: boolean;
  /** 留守儿童. */
  leftBehind?: boolean;
}

export interface ClassConstraints {
  /** Groups that must share a class (e.g. twins asking to be together). */
  together?: readonly (readonly string[])[];
  /** Pairs that must be in different classes (e.g. twins asking to be apart). */
  apart?: readonly (readonly [string, string])[];
}

export interface BalanceOptions {
  /** Number of classes (≥ 1). */
  classes: number;
  constraints?: ClassConstraints;
  /** Seed of the local search; the same seed gives the same placement. Default 1. */
  seed?: number | string;
  /** Local-search steps. Default 300 × students (at least 20,000). */
  iterations?: number;
}

export interface ClassSummary {
  /** 1-based class number. */
  classNo: number;
  size: number;
  /** Mean of the entry scores present (null when none). */
  meanScore: number | null;
  /** Population standard deviation of the scores present (null when none). */
  sdScore: number | null;
  male: number;
  female: number;
  specialNeeds: number;
  leftBehind: number;
  studentIds: string[];
}

/** max − min over classes of each figure. */
export interface ClassSpread {
  size: number;
  meanScore: number;
  sdScore: number;
  male: number;
  female: number;
  specialNeeds: number;
  leftBehind: number;
}

export interface ClassPlacement {
  classes: ClassSummary[];
  /** Student id → 1-based class number. */
  classOf: Record<string, number>;
  spread: ClassSpread;
  /** Constraint violations: together-groups split, apart-pairs sharing a class. */
  violations: { together: number; apart: number };
}
