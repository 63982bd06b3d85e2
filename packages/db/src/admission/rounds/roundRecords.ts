/**
 * @module A round as stored and as answered: its row (with counts), its schools with their places
 * and 乡镇 group, and the summary and detail built from them. Shared by the queries, the commands
 * and the admission of rounds, and by the applicants (who lock and read their round).
 */
import { type Actor, type AdmissionCategory, can, schoolGroup } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import type {
  AdmissionStage,
  RoundDetail,
  RoundSchool,
  RoundStatus,
  RoundSummary,
  StoredResult,
} from './roundTypes.js';

export function roundNotFoundMessage(id: unknown): string {
  return `没有找到招生轮次 ${String(id)}，或您无权查看`;
}

export function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

/** Rounds with their county's name, the last editor's name, and their applicant and place counts. */
export function roundsWithCounts(db: Queryable) {
  return sqlOf(db)
    .selectFrom('admission_round as r')
    .innerJoin('region as g', 'g.code', 'r.county_code')
    .leftJoin('app_user as u', 'u.id', 'r.updated_by')
    .select((eb) => [
      'r.id',
      'r.county_code',
      'g.name as county_name',
      'r.year',
      'r.stage',
      'r.title',
      'r.categories',
      'r.sibling_priority',
      'r.status',
      'r.draw_id',
      'r.admitted_at',
      'r.result',
      'r.next_serial',
      'r.version',
      'r.updated_at',
      'u.display_name as updated_by_name',
      eb
        .selectFrom('applicant as a')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('a.round_id', '=', 'r.id')
        .$asScalar()
        .as('applicant_count'),
      eb
        .selectFrom('admission_round_school as p')
        .select((c) => c.fn.coalesce(c.fn.sum<number>('p.places'), c.lit(0)).as('n'))
        .whereRef('p.round_id', '=', 'r.id')
        .$asScalar()
        .as('places_total'),
    ]);
}

type StoredRoundRow = Awaited<ReturnType<ReturnType<typeof roundsWithCounts>['executeTakeFirstOrThrow']>>;

/** A round's row with its stage, status, categories and result as core's types. */
export type RoundRow = Omit<StoredRoundRow, 'stage' | 'status' | 'categories' | 'result'> & {
  stage: AdmissionStage;
  status: RoundStatus;
  categories: AdmissionCategory[];
  result: StoredResult | null;
};

/** A round's row as read, with its CHECKed texts and its JSON as their types. */
export function roundRowOf(r: StoredRoundRow): RoundRow {
  return {
    ...r,
    // The schema's CHECKs admit exactly 'primary'/'junior' and 'open'/'committed'/'admitted'.
    stage: r.stage as AdmissionStage,
    status: r.status as RoundStatus,
    // Written only by createRound and updateRound (checkConfig's categories) and by admitRound
    // (its StoredResult).
    categories: r.categories as AdmissionCategory[],
    result: r.result as StoredResult | null,
  };
}

/** The round row (FOR UPDATE inside a write). */
export async function readRoundRow(db: Queryable, id: number, forUpdate = false): Promise<RoundRow | null> {
  if (forUpdate) {
    await sqlOf(db).selectFrom('admission_round').select('id').where('id', '=', id).forUpdate().execute();
  }
  const r = await roundsWithCounts(db).where('r.id', '=', id).executeTakeFirst();
  return r ? roundRowOf(r) : null;
}

/** The policy resource of a round: the admission plan of its county. */
export const plan = (county: string) => ({ kind: 'admissionPlan' as const, regionCode: county });

/** The schools of a round with their places, by name. */
export async function readSchools(db: Queryable, roundId: number): Promise<RoundSchool[]> {
  const rows = await sqlOf(db)
    .selectFrom('admission_round_school as p')
    .innerJoin('school as s', 's.id', 'p.school_id')
    .innerJoin('region as g', 'g.code', 's.region_code')
    .select((eb) => [
      'p.school_id',
      's.name',
      eb.case().when('g.level', '=', 'township').then(eb.ref('g.name')).end().as('region_name'),
      'p.places',
      eb
        .selectFrom('applicant as a')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('a.round_id', '=', 'p.round_id')
        .whereRef('a.zone_school_id', '=', 'p.school_id')
        .$asScalar()
        .as('zone'),
    ])
    .where('p.round_id', '=', roundId)
    .orderBy('s.name', (o) => o.collate('C'))
    .orderBy('p.school_id')
    .execute();
  return rows.map((r) => ({
    schoolId: r.school_id,
    schoolName: r.name,
    group: schoolGroup(r.name, r.region_name),
    places: r.places,
    zoneApplicants: r.zone,
  }));
}

export function summaryOf(r: RoundRow): RoundSummary {
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
export async function detailOf(db: Queryable, actor: Actor, r: RoundRow): Promise<RoundDetail> {
  const schools = await readSchools(db, r.id);
  const fam = await sqlOf(db)
    .selectFrom('applicant')
    .select((eb) =>
      eb.fn
        .count<number>(sql`COALESCE('f:' || ${sql.ref('family_key')}, 'a:' || ${sql.ref('id')}::text)`)
        .distinct()
        .as('n'),
    )
    .where('round_id', '=', r.id)
    .executeTakeFirstOrThrow();
  let drawStatus: 'committed' | 'drawn' | null = null;
  if (r.draw_id !== null) {
    const d = await sqlOf(db)
      .selectFrom('lottery_draw')
      .select('drawn_at')
      .where('id', '=', r.draw_id)
      .executeTakeFirst();
    drawStatus = d && d.drawn_at !== null ? 'drawn' : 'committed';
  }
  return {
    ...summaryOf(r),
    categories: r.categories,
    siblingPriority: r.sibling_priority,
    schools,
    familyCount: fam.n,
    drawStatus,
    admittedAt: r.admitted_at,
    updatedByName: r.updated_by_name,
    canEdit:
      can(actor, 'edit', plan(r.county_code)) &&
      can(actor, 'edit', { kind: 'applicant', regionCode: r.county_code }),
    canViewApplicants: can(actor, 'view', { kind: 'applicant', regionCode: r.county_code }),
    canViewPersonal: can(actor, 'viewPersonal', {
      kind: 'applicant',
      regionCode: r.county_code,
      schoolId: actor.schoolId ?? null,
    }),
  };
}
