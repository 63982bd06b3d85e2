/**
 * @module An applicant as stored: its row (personal data sealed, masked forms beside), the columns an
 * application is written as, reading one row, and the masked list item and audit view built from it.
 */
import {
  type AdmissionCategory,
  type ApplicantFields,
  type Gender,
  maskIdNumber,
  maskName,
  maskPhone,
  type PlacementHow,
  placementLabel,
  residentIdInfo,
  type SpecialNeeds,
} from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import type { ApplicantListItem } from './applicantTypes.js';

export interface Row {
  id: number;
  round_id: number;
  ticket: string;
  secret_sealed: string;
  name_sealed: string;
  name_masked: string;
  id_number_sealed: string;
  id_number_masked: string;
  guardian_name_sealed: string;
  guardian_name_masked: string;
  phone_sealed: string;
  phone_masked: string;
  address_sealed: string | null;
  gender: Gender;
  birth_month: string;
  area_name: string | null;
  zone_school_id: string | null;
  zone_school_name: string | null;
  category: string;
  migrant_eligible: boolean;
  special_needs: SpecialNeeds | null;
  /** Plain 特殊需要说明 of a row written before notes were sealed, until {@link sealPlainNotes}. */
  special_needs_note: string | null;
  special_needs_note_sealed: string | null;
  sibling_at_school: boolean;
  family_key: string | null;
  choices: string[];
  placement_school_id: string | null;
  placement_school_name: string | null;
  placement_how: PlacementHow | null;
  lottery_rank: number | null;
  version: number;
  updated_at: Date;
  county_code: string;
}

export const SELECT = `SELECT a.*, z.name AS zone_school_name, p.name AS placement_school_name, r.county_code
  FROM applicant a
  JOIN admission_round r ON r.id = a.round_id
  LEFT JOIN school z ON z.id = a.zone_school_id
  LEFT JOIN school p ON p.id = a.placement_school_id`;

export function notFound(id: unknown): string {
  return `没有找到申请人 ${String(id)}，或您无权查看`;
}

/** A child as listed: the masked columns, the category and placement by name. */
export function listItem(r: Row, categories: readonly AdmissionCategory[]): ApplicantListItem {
  const config = { categories, siblingPriority: false };
  return {
    id: Number(r.id),
    roundId: Number(r.round_id),
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

/** The masked view of what was written, for audit events (never a clear name or number). */
export function auditView(r: Row | ReturnType<typeof sealedColumns>, extra: Partial<Row> = {}) {
  const x = { ...r, ...extra } as Row;
  return {
    ticket: x.ticket,
    name: x.name_masked,
    idNumber: x.id_number_masked,
    zoneSchoolId: x.zone_school_id,
    category: x.category,
    migrantEligible: x.migrant_eligible,
    specialNeeds: x.special_needs,
    siblingAtSchool: x.sibling_at_school,
    familyKey: x.family_key,
    choices: x.choices,
  };
}

/** The columns an application is stored as. */
export function sealedColumns(cipher: PersonalCipher, f: ApplicantFields) {
  const info = residentIdInfo(f.idNumber);
  return {
    name_sealed: cipher.seal(f.name),
    name_masked: maskName(f.name),
    id_number_sealed: cipher.seal(f.idNumber),
    id_number_masked: maskIdNumber(f.idNumber),
    guardian_name_sealed: cipher.seal(f.guardianName),
    guardian_name_masked: maskName(f.guardianName),
    phone_sealed: cipher.seal(f.phone),
    phone_masked: maskPhone(f.phone),
    address_sealed: cipher.sealOptional(f.address ?? null),
    gender: info.gender,
    birth_month: info.birthMonth,
    area_name: f.areaName ?? null,
    zone_school_id: f.zoneSchoolId,
    category: f.category,
    migrant_eligible: f.migrantEligible,
    special_needs: f.specialNeeds,
    // Never written in plain text (the column only holds notes from before they were sealed).
    special_needs_note: null,
    special_needs_note_sealed: f.specialNeeds ? cipher.sealOptional(f.specialNeedsNote ?? null) : null,
    sibling_at_school: f.siblingAtSchool,
    family_key: f.familyKey,
    choices: f.choices,
  };
}

type Columns = ReturnType<typeof sealedColumns>;
/** The columns sealedColumns writes, in the order of the INSERT and UPDATE statements. */
export const COLUMN_NAMES = Object.keys({
  name_sealed: 1,
  name_masked: 1,
  id_number_sealed: 1,
  id_number_masked: 1,
  guardian_name_sealed: 1,
  guardian_name_masked: 1,
  phone_sealed: 1,
  phone_masked: 1,
  address_sealed: 1,
  gender: 1,
  birth_month: 1,
  area_name: 1,
  zone_school_id: 1,
  category: 1,
  migrant_eligible: 1,
  special_needs: 1,
  special_needs_note: 1,
  special_needs_note_sealed: 1,
  sibling_at_school: 1,
  family_key: 1,
  choices: 1,
} satisfies Record<keyof Columns, 1>) as (keyof Columns)[];

/** One applicant row (FOR UPDATE inside a write). */
export async function readRow(db: Queryable, id: number, forUpdate = false): Promise<Row | null> {
  if (forUpdate) await db.query('SELECT id FROM applicant WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<Row>(`${SELECT} WHERE a.id = $1`, [id]);
  return rows[0] ?? null;
}
