/**
 * @module The shapes of 招生申请 (applicants): a child as listed (masked) and in full, the list's
 * filters, and an import's rows and their problems. Kept apart so that the commands, the lists, the
 * full records and the import share them.
 */
import type { ApplicantFields, Gender, PlacementHow, SpecialNeeds } from '@junheng/core';

/** A child as listed: masked, no decryption. */
export interface ApplicantListItem {
  id: number;
  roundId: number;
  ticket: string;
  nameMasked: string;
  idNumberMasked: string;
  guardianNameMasked: string;
  phoneMasked: string;
  gender: Gender;
  birthMonth: string;
  areaName: string | null;
  zoneSchoolId: string | null;
  zoneSchoolName: string | null;
  category: string;
  categoryName: string;
  migrantEligible: boolean;
  specialNeeds: SpecialNeeds | null;
  siblingAtSchool: boolean;
  familyKey: string | null;
  choices: string[];
  placementSchoolId: string | null;
  placementSchoolName: string | null;
  placementHow: PlacementHow | null;
  /** e.g. 本片区第1类别（户籍与房产一致）, 派位录取（…）, 统筹安排; null before admission. */
  placementLabel: string | null;
  lotteryRank: number | null;
  version: number;
  updatedAt: Date;
}

/** A child's full record (a personal-data read, audited). */
export interface ApplicantDetail extends ApplicantListItem {
  name: string;
  idNumber: string;
  guardianName: string;
  phone: string;
  address: string | null;
  specialNeedsNote: string | null;
  /**
   * 核验码: the secret of the family's lottery entry (the family's first child's, the one the draw
   * was committed with), printed on the family's notice only. Only for the county's bureau, who
   * prints the notices (null for a school user).
   */
  secret: string | null;
  /** The family's lottery ticket (its first ticket; the child's own one for a family of one). */
  lotteryTicket: string;
}

export type ApplicantStatus = 'unplaced' | 'placed' | 'pending' | 'migrant' | 'special';

export interface ApplicantListQuery {
  zoneSchoolId?: string;
  placementSchoolId?: string;
  category?: string;
  /** unplaced: no placement yet; placed; pending: 待统筹安排; migrant: 随迁子女 meeting the conditions; special: 特殊需要. */
  status?: ApplicantStatus;
  /** Ticket, or part of the 居住小区/村 name. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** One row of an import: its row number and fields. */
export interface ApplicantImportRow {
  rowNo: number;
  fields: ApplicantFields;
}

/** A problem of an import row, located as the template shows it. */
export interface ApplicantRowError {
  row?: number;
  column?: string;
  value?: unknown;
  message: string;
}
