/**
 * @module 招生申请 answers: a round as listed and in full (with what the actor may do with it), a
 * school's row of the results, a child as listed (masked), and a child's full record (opened with
 * the county's cipher) or its masked form for an export without personal data.
 */
import {
  type AdmissionCategory,
  type AdmissionCategoryConfig,
  type AdmissionStage,
  type ChoiceComparison,
  type Gender,
  type PlacementHow,
  placementLabel,
  type RoundStatus,
  type SchoolAdmission,
  type SpecialNeeds,
} from '@junheng/core';
import type { ApplicantRow, PersonalCipher, RoundFacts, RoundRow, RoundSchool } from '@junheng/db';

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

/** What the actor may do with a round (core policies, decided by the commands). */
export interface RoundRights {
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

/** A round with its configuration and schools. */
export interface RoundDetail extends RoundSummary, RoundRights {
  categories: AdmissionCategory[];
  siblingPriority: boolean;
  schools: RoundSchool[];
  /** Lottery entries (families) the draw has or will have. */
  familyCount: number;
  /** The draw's state, when there is one. */
  drawStatus: 'committed' | 'drawn' | null;
  admittedAt: Date | null;
  updatedByName: string | null;
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

export function presentRoundSummary(r: RoundRow): RoundSummary {
  return {
    id: r.id,
    countyCode: r.county_code,
    countyName: r.county_name,
    year: r.year,
    stage: r.stage,
    title: r.title,
    status: r.status,
    drawId: r.draw_id,
    applicantCount: r.applicant_count,
    placesTotal: r.places_total,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** A round in full, with what the actor may do with it. */
export function presentRound(r: RoundRow, facts: RoundFacts, rights: RoundRights): RoundDetail {
  return {
    ...presentRoundSummary(r),
    categories: r.categories,
    siblingPriority: r.sibling_priority,
    schools: facts.schools,
    familyCount: facts.familyCount,
    drawStatus: facts.drawStatus,
    admittedAt: r.admitted_at,
    updatedByName: r.updated_by_name,
    ...rights,
  };
}

/** The stored per-school result with the schools' names and groups (unknown schools by id). */
export function presentSchoolResults(
  stored: readonly SchoolAdmission[],
  schools: readonly RoundSchool[],
): SchoolResultRow[] {
  const names = new Map(schools.map((s) => [s.schoolId, s]));
  return stored.map((s) => ({
    ...s,
    schoolName: names.get(s.schoolId)?.schoolName ?? s.schoolId,
    group: names.get(s.schoolId)?.group ?? '',
  }));
}

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

/** A child's lottery entry: the family's first ticket and that child's sealed 核验码. */
export interface LotteryEntryOf {
  ticket: string;
  secretSealed: string;
}

/** A child as listed: the masked columns, the category and placement by name. */
export function presentApplicant(
  r: ApplicantRow,
  categories: readonly AdmissionCategory[],
): ApplicantListItem {
  const config: AdmissionCategoryConfig = { categories: [...categories], siblingPriority: false };
  return {
    id: r.id,
    roundId: r.round_id,
    ticket: r.ticket,
    nameMasked: r.name_masked,
    idNumberMasked: r.id_number_masked,
    guardianNameMasked: r.guardian_name_masked,
    phoneMasked: r.phone_masked,
    gender: r.gender,
    birthMonth: r.birth_month,
    areaName: r.area_name,
    zoneSchoolId: r.zone_school_id,
    zoneSchoolName: r.zone_school_name,
    category: r.category,
    categoryName: categories.find((c) => c.id === r.category)?.name ?? r.category,
    migrantEligible: r.migrant_eligible,
    specialNeeds: r.special_needs,
    siblingAtSchool: r.sibling_at_school,
    familyKey: r.family_key,
    choices: r.choices,
    placementSchoolId: r.placement_school_id,
    placementSchoolName: r.placement_school_name,
    placementHow: r.placement_how,
    placementLabel: r.placement_how
      ? placementLabel({ how: r.placement_how, categoryId: r.category }, config)
      : null,
    lotteryRank: r.lottery_rank,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** A child's full record, opened with the county's cipher; the 核验码 only `withSecret`. */
export function presentApplicantDetail(
  cipher: PersonalCipher,
  r: ApplicantRow,
  categories: readonly AdmissionCategory[],
  entry: LotteryEntryOf,
  withSecret: boolean,
): ApplicantDetail {
  return {
    ...presentApplicant(r, categories),
    name: cipher.open(r.name_sealed),
    idNumber: cipher.open(r.id_number_sealed),
    guardianName: cipher.open(r.guardian_name_sealed),
    phone: cipher.open(r.phone_sealed),
    address: cipher.openOptional(r.address_sealed),
    specialNeedsNote: cipher.openOptional(r.special_needs_note_sealed) ?? r.special_needs_note,
    secret: withSecret ? cipher.open(entry.secretSealed) : null,
    lotteryTicket: entry.ticket,
  };
}

/** A child's row for a masked export: the masked forms where the full record has personal data. */
export function presentMaskedDetail(
  r: ApplicantRow,
  categories: readonly AdmissionCategory[],
  entry: LotteryEntryOf,
): ApplicantDetail {
  return {
    ...presentApplicant(r, categories),
    name: r.name_masked,
    idNumber: r.id_number_masked,
    guardianName: r.guardian_name_masked,
    phone: r.phone_masked,
    address: null,
    specialNeedsNote: null,
    secret: null,
    lotteryTicket: entry.ticket,
  };
}

/** The answer to a commit: the frozen round and what the public needs of its draw. */
export function presentCommit(r: {
  round: RoundDetail;
  draw: { id: number; commitment: string; entryCount: number; title: string };
}) {
  const { id, commitment, entryCount, title } = r.draw;
  return { round: r.round, draw: { id, commitment, entryCount, title } };
}
