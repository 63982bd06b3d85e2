/**
 * @module The demo seeding's own reads and writes (server/src/demo calls the real commands for
 * everything else): the seeding lock, the accounts it acts as, the schools it picks, and the bulk
 * status changes of the schools without accounts. SQL only.
 */
import type { Actor, Stage } from '@junheng/core';
import { sql } from 'kysely';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

// Any constant other than migrate's and the audit log's.
const SEED_LOCK_KEY = 7_205_113_010;
/** The other schools' stand-in submitter; its presence marks a demo database (userLookups.ts). */
export const DEMO_SUBMITTER = 'yanshi';

/**
 * Takes the seeding lock (held to the end of the transaction), then tells whether the database is
 * still empty: no region and no user.
 */
export async function lockedAndEmpty(tx: Queryable): Promise<boolean> {
  const q = sqlOf(tx);
  await q
    .selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.val(SEED_LOCK_KEY)]).as('locked'))
    .execute();
  const { used } = await q
    .selectNoFrom((eb) =>
      eb
        .or([
          eb.exists(eb.selectFrom('region').select('code')),
          eb.exists(eb.selectFrom('app_user').select('id')),
        ])
        .as('used'),
    )
    .executeTakeFirstOrThrow();
  return !used;
}

/**
 * The other schools' submitter (DEMO_SUBMITTER): no password can match its hash, and the account
 * is disabled. @returns its id
 */
export async function createDemoSubmitter(tx: Queryable, countyCode: string): Promise<number> {
  const { id } = await sqlOf(tx)
    .insertInto('app_user')
    .values({
      username: DEMO_SUBMITTER,
      password_hash: '$disabled$',
      display_name: '演示数据（代各校填报员）',
      role: 'bureau',
      region_code: countyCode,
      disabled_at: sql<Date>`now()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The account's actor, or null when there is no such account. */
export async function demoActor(db: Queryable, username: string): Promise<Actor | null> {
  const u = await sqlOf(db)
    .selectFrom('app_user')
    .select(['id', 'role', 'region_code', 'school_id'])
    .where('username', '=', username)
    .executeTakeFirst();
  // The schema's CHECK on app_user.role admits exactly core's USER_ROLES.
  return u
    ? { id: String(u.id), role: u.role as Actor['role'], regionCode: u.region_code, schoolId: u.school_id }
    : null;
}

/** The county's reports of a year in roster order (小学 before 初中 within a school). */
export async function demoReportsOf(tx: Queryable, countyCode: string, year: number) {
  const rows = await sqlOf(tx)
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .leftJoin('school_year_info as i', (join) =>
      join.onRef('i.school_id', '=', 'r.school_id').onRef('i.year', '=', 'r.year'),
    )
    .select(['r.id', 'r.school_id', 'r.stage', 'r.version'])
    .where('s.county_code', '=', countyCode)
    .where('r.year', '=', year)
    .orderBy('i.roster_position', (ob) => ob.asc().nullsLast())
    .orderBy('r.school_id')
    .orderBy('r.stage', 'desc')
    .execute();
  // The schema's CHECK on school_report.stage admits exactly core's STAGES.
  return rows.map((r) => ({ ...r, stage: r.stage as Stage }));
}

/** draft → submitted for these reports, by `by` (version + 1; the trigger keeps the history). */
export async function bulkSubmitReports(tx: Queryable, ids: readonly number[], by: number): Promise<void> {
  if (ids.length === 0) return;
  await sqlOf(tx)
    .updateTable('school_report')
    .set((eb) => ({
      version: eb('version', '+', 1),
      status: 'submitted',
      submitted_by: by,
      submitted_at: sql<Date>`now()`,
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', 'in', ids)
    .where('status', '=', 'draft')
    .execute();
}

/** submitted → approved for these reports, by the bureau account `by`. */
export async function bulkApproveReports(tx: Queryable, ids: readonly number[], by: number): Promise<void> {
  if (ids.length === 0) return;
  await sqlOf(tx)
    .updateTable('school_report')
    .set((eb) => ({
      version: eb('version', '+', 1),
      status: 'approved',
      review_comments: null,
      reviewed_by: by,
      reviewed_at: sql<Date>`now()`,
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', 'in', ids)
    .where('status', '=', 'submitted')
    .execute();
}

/** Whether the county already has an admission round (the demo round is then not made). */
export async function countyHasRound(db: Queryable, countyCode: string): Promise<boolean> {
  const row = await sqlOf(db)
    .selectFrom('admission_round')
    .select('id')
    .where('county_code', '=', countyCode)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A round's current version. */
export async function roundVersion(db: Queryable, roundId: number): Promise<number> {
  const r = await sqlOf(db)
    .selectFrom('admission_round')
    .select('version')
    .where('id', '=', roundId)
    .executeTakeFirstOrThrow();
  return r.version;
}

/**
 * The county's open schools that take 一年级 entrants, with their township's name (null for a
 * school of the county itself) and the pupils of their primary report of the year.
 */
export function demoPrimarySchools(db: Queryable, countyCode: string, year: number) {
  return sqlOf(db)
    .selectFrom('school as s')
    .innerJoin('region as g', 'g.code', 's.region_code')
    .leftJoin('school_report as r', (join) =>
      join.onRef('r.school_id', '=', 's.id').on('r.year', '=', year).on('r.stage', '=', 'primary'),
    )
    .select(['s.id', 's.name', 's.type', 's.locality'])
    .select((eb) => [
      eb.case().when('g.level', '=', 'township').then(eb.ref('g.name')).end().as('region_name'),
      sql<number | null>`(${sql.ref('r.data')}->>'students')::integer`.as('students'),
    ])
    .where('s.county_code', '=', countyCode)
    .where('s.status', '=', 'open')
    .where('s.type', 'in', ['primary', 'nineYear', 'twelveYear', 'teachingPoint'])
    .orderBy('s.id')
    .execute();
}

/** One school of {@link demoPrimarySchools}. */
export type DemoPrimarySchool = Awaited<ReturnType<typeof demoPrimarySchools>>[number];

/** A school's id, name and type, if it exists. */
export function demoSchool(db: Queryable, schoolId: string) {
  return sqlOf(db)
    .selectFrom('school')
    .select(['id', 'name', 'type'])
    .where('id', '=', schoolId)
    .executeTakeFirst();
}

/** Whether the school's grade of a year already has a published placement. */
export async function hasPublishedPlacement(
  db: Queryable,
  schoolId: string,
  year: number,
  stage: Stage,
): Promise<boolean> {
  const row = await sqlOf(db)
    .selectFrom('class_placement')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('year', '=', year)
    .where('stage', '=', stage)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row !== undefined;
}

/** The county's first open junior school (by 标识码), if any. */
export async function firstJuniorSchool(db: Queryable, countyCode: string): Promise<string | null> {
  const school = await sqlOf(db)
    .selectFrom('school')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('type', '=', 'junior')
    .where('status', '=', 'open')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return school?.id ?? null;
}
