/**
 * @module What the checks and the admission of a round read: the register rows of the schools a
 * list of places names, the open schools of a county teaching a stage, the categories, zone schools
 * and 志愿 its applicants use, and its applicants as core's admission (and comparison) input.
 */
import type { PlacementHow, RoundPlaceSchool } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { placementHowOf, storedChoices } from './applicantRows.js';

/** The register rows of the schools named, by id. */
export async function placeSchools(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, RoundPlaceSchool>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlOf(db)
    .selectFrom('school')
    .select(['id', 'name', 'type', 'status', 'county_code'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, type: r.type, status: r.status, countyCode: r.county_code },
    ]),
  );
}

/** The open schools of a county of the given types, by id. */
export async function openSchoolsOfTypes(
  db: Queryable,
  county: string,
  types: readonly string[],
): Promise<string[]> {
  const rows = await sqlOf(db)
    .selectFrom('school')
    .select('id')
    .where('county_code', '=', county)
    .where('status', '=', 'open')
    .where('type', 'in', types)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** How many applicants of a round have each category. */
export async function categoriesInUse(
  db: Queryable,
  roundId: number,
): Promise<{ category: string; n: number }[]> {
  return sqlOf(db)
    .selectFrom('applicant')
    .select((eb) => ['category', eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .groupBy('category')
    .execute();
}

/** How many applicants of a round have a zone school outside `kept` (every zone school when empty). */
export async function zoneSchoolsOutside(
  db: Queryable,
  roundId: number,
  kept: readonly string[],
): Promise<number> {
  let orphans = sqlOf(db)
    .selectFrom('applicant')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', roundId)
    .where('zone_school_id', 'is not', null);
  if (kept.length > 0) orphans = orphans.where('zone_school_id', 'not in', kept);
  return (await orphans.executeTakeFirstOrThrow()).n;
}

/** The 志愿 schools of a round's applicants outside `kept` (all when empty), with how many name each. */
export async function choicesOutside(
  db: Queryable,
  roundId: number,
  kept: readonly string[],
): Promise<{ school_id: string; n: number }[]> {
  let choices = sqlOf(db)
    .selectFrom('applicant as a')
    .crossJoinLateral(
      sql<{ school_id: string }>`jsonb_array_elements_text(${sql.ref('a.choices')})`.as<'c'>(
        sql`c(school_id)`,
      ),
    )
    .select((eb) => ['c.school_id', eb.fn.countAll<number>().as('n')])
    .where('a.round_id', '=', roundId);
  if (kept.length > 0) choices = choices.where('c.school_id', 'not in', kept);
  return choices.groupBy('c.school_id').orderBy('c.school_id').execute();
}

/** A round's applicant as core's admission input, with its ticket and sealed 核验码. */
export interface AdmissionApplicantRow {
  id: string;
  ticket: string;
  zoneSchoolId: string | null;
  categoryId: string;
  migrantEligible: boolean;
  siblingAtSchool: boolean;
  familyKey: string | null;
  choices: string[];
  secretSealed: string;
}

/** The applicants of a round as core's admission input, by ticket. */
export async function admissionApplicants(tx: Queryable, roundId: number): Promise<AdmissionApplicantRow[]> {
  const rows = await sqlOf(tx)
    .selectFrom('applicant')
    .select([
      'id',
      'ticket',
      'zone_school_id',
      'category',
      'migrant_eligible',
      'sibling_at_school',
      'family_key',
      'choices',
      'secret_sealed',
    ])
    .where('round_id', '=', roundId)
    .orderBy('ticket')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    ticket: r.ticket,
    zoneSchoolId: r.zone_school_id,
    categoryId: r.category,
    migrantEligible: r.migrant_eligible,
    siblingAtSchool: r.sibling_at_school,
    familyKey: r.family_key,
    choices: storedChoices(r.choices),
    secretSealed: r.secret_sealed,
  }));
}

/** A placed applicant of an admitted round, for the comparison of 志愿 mechanisms. */
export interface PlacedApplicantRow {
  id: string;
  categoryId: string;
  migrantEligible: boolean;
  choices: string[];
  how: PlacementHow | null;
  rank: number | null;
}

/** The applicants of a round with their placement and rank, by ticket. */
export async function placedApplicants(db: Queryable, roundId: number): Promise<PlacedApplicantRow[]> {
  const rows = await sqlOf(db)
    .selectFrom('applicant')
    .select(['id', 'category', 'migrant_eligible', 'choices', 'placement_how', 'lottery_rank'])
    .where('round_id', '=', roundId)
    .orderBy('ticket')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    categoryId: r.category,
    migrantEligible: r.migrant_eligible,
    choices: storedChoices(r.choices),
    how: placementHowOf(r.placement_how),
    rank: r.lottery_rank,
  }));
}
