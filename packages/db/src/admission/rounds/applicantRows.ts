/**
 * @module An applicant as stored: its row (personal data sealed, masked forms beside), the columns an
 * application is written as, and reading one row. The list item, the full record and the audit view
 * are the server's (server/src/admission/rounds).
 */
import {
  type ApplicantFields,
  type Gender,
  maskIdNumber,
  maskName,
  maskPhone,
  type PlacementHow,
  residentIdInfo,
  type SpecialNeeds,
} from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';

/** Applicants (`a`), to filter before {@link withNames} reads their rows. */
export function applicantsOf(db: Queryable) {
  return sqlOf(db).selectFrom('applicant as a');
}

/** Applicants as stored, with their round's county and their zone and placement schools' names. */
export function withNames(applicants: ReturnType<typeof applicantsOf>) {
  return applicants
    .innerJoin('admission_round as r', 'r.id', 'a.round_id')
    .leftJoin('school as z', 'z.id', 'a.zone_school_id')
    .leftJoin('school as p', 'p.id', 'a.placement_school_id')
    .selectAll('a')
    .select(['z.name as zone_school_name', 'p.name as placement_school_name', 'r.county_code']);
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

/**
 * An applicant's row with its CHECKed texts and 志愿 as core's types. `special_needs_note`: the plain
 * 特殊需要说明 of a row written before notes were sealed, until {@link sealPlainNotes}.
 */
export type ApplicantRow = Omit<StoredRow, 'gender' | 'special_needs' | 'placement_how' | 'choices'> & {
  gender: Gender;
  special_needs: SpecialNeeds | null;
  placement_how: PlacementHow | null;
  choices: string[];
};

/** 志愿 as stored: applicant.choices is written only from sealedColumns (core's checked school ids). */
export function storedChoices(choices: unknown): string[] {
  return choices as string[];
}

/** A placement as stored: the schema's CHECK admits exactly core's PlacementHow values. */
export function placementHowOf(how: string | null): PlacementHow | null {
  return how as PlacementHow | null;
}

/** An applicant's row as read. */
export function rowOf(r: StoredRow): ApplicantRow {
  return {
    ...r,
    // The schema's CHECKs admit exactly core's genders and SPECIAL_NEEDS.
    gender: r.gender as Gender,
    special_needs: r.special_needs as SpecialNeeds | null,
    placement_how: placementHowOf(r.placement_how),
    choices: storedChoices(r.choices),
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

/** One applicant row (FOR UPDATE inside a write). */
export async function readApplicantRow(
  db: Queryable,
  id: number,
  forUpdate = false,
): Promise<ApplicantRow | null> {
  if (forUpdate) {
    await sqlOf(db).selectFrom('applicant').select('id').where('id', '=', id).forUpdate().execute();
  }
  const r = await withNames(applicantsOf(db).where('a.id', '=', id)).executeTakeFirst();
  return r ? rowOf(r) : null;
}
