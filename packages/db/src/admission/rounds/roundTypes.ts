/**
 * @module The shapes of 招生轮次 (admission rounds): stages and statuses, a round as listed and in
 * full, what creating and changing one takes, and its admission result. Kept apart so that the
 * queries, the commands and the admission share them without importing one another.
 */
import type { AdmissionCategory, ChoiceComparison, SchoolAdmission } from '@junheng/core';

export type AdmissionStage = 'primary' | 'junior';
export type RoundStatus = 'open' | 'committed' | 'admitted';

export const ROUND_STATUS_NAMES: Record<RoundStatus, string> = {
  open: '报名中',
  committed: '名单已公布（待派位）',
  admitted: '已录取',
};

/** One school of a round. */
export interface RoundSchool {
  schoolId: string;
  schoolName: string;
  /** 乡镇 (or 县城): used to keep 随迁子女保障 placements near home. */
  group: string;
  /** 计划招生数. */
  places: number;
  /** Applicants whose zone school it is. */
  zoneApplicants: number;
}

/** A round as listed. */
export interface RoundSummary {
  id: number;
  countyCode: string;
  countyName: string;
  year: number;
  stage: AdmissionStage;
  title: string;
  status: RoundStatus;
  drawId: number | null;
  applicantCount: number;
  placesTotal: number;
  version: number;
  updatedAt: Date;
}

/** A round with its configuration and schools. */
export interface RoundDetail extends RoundSummary {
  categories: AdmissionCategory[];
  siblingPriority: boolean;
  schools: RoundSchool[];
  /** Lottery entries (families) the draw has or will have. */
  familyCount: number;
  /** The draw's state, when there is one. */
  drawStatus: 'committed' | 'drawn' | null;
  admittedAt: Date | null;
  updatedByName: string | null;
  /** The actor may change the round and its applicants (the county's bureau). */
  canEdit: boolean;
  /** The actor may read the children's data of the whole round. */
  canViewApplicants: boolean;
  /**
   * The actor may read the full records of the children it sees (names, ID numbers, contacts;
   * audited) and export them: the county's bureau, and a school's clerk for its admitted children.
   * Others (a principal) see and export the masked list only.
   */
  canViewPersonal: boolean;
}

export interface NewRound {
  countyCode: string;
  year: number;
  stage: AdmissionStage;
  title: string;
  /** Default: the five usual categories. */
  categories?: AdmissionCategory[];
  siblingPriority?: boolean;
  /** Default: every open school of the county teaching the stage, with 0 places. */
  places?: { schoolId: string; places: number }[];
}

export interface RoundChanges {
  /** The version the user edited (409 when stale). */
  version: number;
  title?: string;
  categories?: AdmissionCategory[];
  siblingPriority?: boolean;
  /** Replaces the whole list of schools and places. */
  places?: { schoolId: string; places: number }[];
}

/** One school's row of the results, with its name. */
export interface SchoolResultRow extends SchoolAdmission {
  schoolName: string;
  group: string;
}

export interface RoundResults {
  round: RoundDetail;
  /** Per school (a school user: its own row only). */
  schools: SchoolResultRow[];
  /** Children left 待统筹安排 (whole round; null for a school user). */
  pending: number | null;
  /** 随迁子女 meeting the conditions and placed (whole round; null for a school user). */
  migrants: { eligible: number; placed: number } | null;
  /**
   * 志愿录取方式对比: deferred acceptance and the Boston mechanism on the children who went to 统筹
   * with 志愿, capacities = the places left for 统筹 (core compareChoiceMechanisms). null before
   * admission and for a school user.
   */
  choiceComparison: ChoiceComparison | null;
}

/** What admitRound stores in admission_round.result. */
export interface StoredResult {
  schools: SchoolAdmission[];
  pending: number;
  migrants: { eligible: number; placed: number };
}
