/**
 * @module 招生轮次 (admission rounds) as stored: a round's row with its counts (FOR UPDATE inside a
 * write), the rounds of a list scope, its schools with their places and 乡镇 group, the facts a
 * round's detail shows (families, the draw's state), and whether a school lies in a county. SQL
 * only: who may see or change a round, the checks and the audit are the server's commands
 * (server/src/admission/rounds/commands).
 */
import {
  type AdmissionCategory,
  type AdmissionStage,
  type ListScope,
  type RoundStatus,
  type SchoolAdmission,
  schoolGroup,
} from '@junheng/core';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { inScope } from '../../platform/queryKit.js';

/** What markRoundAdmitted stores in admission_round.result. */
export interface StoredResult {
  schools: SchoolAdmission[];
  pending: number;
  migrants: { eligible: number; placed: number };
}

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

/** Rounds with their county's name, the last editor's name, and their applicant and place counts. */
function roundsWithCounts(db: Queryable) {
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
function roundRowOf(r: StoredRoundRow): RoundRow {
  return {
    ...r,
    // The schema's CHECKs admit exactly 'primary'/'junior' and 'open'/'committed'/'admitted'.
    stage: r.stage as AdmissionStage,
    status: r.status as RoundStatus,
    // Written only by insertRound and setRoundConfig (the commands' checked categories) and by
    // markRoundAdmitted (its StoredResult).
    categories: r.categories as AdmissionCategory[],
    result: r.result as StoredResult | null,
  };
}

/** The round row (FOR UPDATE inside a write), or null. */
export async function readRoundRow(db: Queryable, id: number, forUpdate = false): Promise<RoundRow | null> {
  if (forUpdate) {
    await sqlOf(db).selectFrom('admission_round').select('id').where('id', '=', id).forUpdate().execute();
  }
  const r = await roundsWithCounts(db).where('r.id', '=', id).executeTakeFirst();
  return r ? roundRowOf(r) : null;
}

/** Which rounds a list shows: by a plan scope, and/or the admitted rounds of one school's county. */
export interface RoundListScope {
  /** The actor's visible region for admission plans (null: none by plan). */
  plan: ListScope | null;
  /** A school whose county's admitted rounds are visible (null: none). */
  ownSchool: string | null;
  countyCode?: string;
  year?: number;
}

/** The rounds of a scope, newest first, in one query. */
export async function listRoundRows(db: Queryable, scope: RoundListScope): Promise<RoundRow[]> {
  const { plan, ownSchool } = scope;
  let q = roundsWithCounts(db).where((eb) => {
    const visible: Expression<SqlBool>[] = [];
    if (plan !== null) visible.push(inScope(plan, { region: 'r.county_code' }));
    if (ownSchool !== null) {
      visible.push(
        eb.and([
          eb('r.status', '=', 'admitted'),
          eb(
            'r.county_code',
            '=',
            eb.selectFrom('school as s').select('s.county_code').where('s.id', '=', ownSchool),
          ),
        ]),
      );
    }
    return eb.or(visible);
  });
  if (scope.countyCode !== undefined) q = q.where('r.county_code', '=', String(scope.countyCode));
  if (scope.year !== undefined) q = q.where('r.year', '=', scope.year);
  const rows = await q.orderBy('r.year', 'desc').orderBy('r.id', 'desc').execute();
  return rows.map(roundRowOf);
}

/** The schools of a round with their places, by name. */
export async function readRoundSchools(db: Queryable, roundId: number): Promise<RoundSchool[]> {
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

/** What a round's detail shows beside its row: its schools, families and the draw's state. */
export interface RoundFacts {
  schools: RoundSchool[];
  /** Lottery entries (families) the draw has or will have. */
  familyCount: number;
  /** The draw's state, when there is one. */
  drawStatus: 'committed' | 'drawn' | null;
}

export async function readRoundFacts(db: Queryable, r: RoundRow): Promise<RoundFacts> {
  const schools = await readRoundSchools(db, r.id);
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
  return { schools, familyCount: fam.n, drawStatus };
}

/** Whether a school lies in a county. */
export async function schoolInCounty(db: Queryable, schoolId: string, county: string): Promise<boolean> {
  const row = await sqlOf(db)
    .selectFrom('school')
    .select('id')
    .where('id', '=', schoolId)
    .where('county_code', '=', county)
    .executeTakeFirst();
  return row !== undefined;
}
