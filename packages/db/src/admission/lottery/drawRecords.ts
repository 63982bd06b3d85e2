/**
 * @module The lottery_draw rows: a draw with its county, school and committer names (as a typed
 * record without its texts), one or a county's list of them, and the writes — a committed draw
 * inserted, and its result recorded once (migration 0010's trigger refuses any other change). What
 * a draw's creation looks up is here too: the school it is for and the admission round it ranks.
 */
import type { DrawPurpose, DrawWitness } from '@junheng/core';
import { sql } from 'kysely';
import { jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import type { DrawView } from './drawTypes.js';

/** Draws (`d`) with their county, school and committer names and the school's region (not their texts). */
export function drawsWithNames(db: Queryable) {
  return sqlOf(db)
    .selectFrom('lottery_draw as d')
    .innerJoin('region as r', 'r.code', 'd.county_code')
    .leftJoin('school as s', 's.id', 'd.school_id')
    .leftJoin('app_user as cu', 'cu.id', 'd.committed_by')
    .select([
      'd.id',
      'd.county_code',
      'r.name as county_name',
      'd.school_id',
      's.name as school_name',
      's.region_code as school_region',
      'd.year',
      'd.purpose',
      'd.title',
      'd.round_id',
      'd.slots',
      'd.entry_count',
      'd.commitment',
      'd.seed',
      'd.result_hash',
      'd.committed_at',
      'cu.display_name as committed_by_name',
      'd.drawn_at',
      'd.operator_name',
      'd.witnesses',
      'd.place',
      'd.notary',
    ]);
}

/** A draw's row as {@link drawsWithNames} reads it. */
export type DrawRow = Awaited<ReturnType<ReturnType<typeof drawsWithNames>['executeTakeFirstOrThrow']>>;

/**
 * The witnesses as stored: written only by {@link recordDrawResult} (core checkConduct's
 * witnesses). `unknown`: tables.ts types this jsonb column with a DEFAULT as Generated<Json> (see
 * defaultedJsonb.ts).
 */
function storedWitnesses(json: unknown): DrawWitness[] | null {
  return json as DrawWitness[] | null;
}

/** A draw as stored, as a typed record. */
export function toView(r: DrawRow): DrawView {
  return {
    id: r.id,
    countyCode: r.county_code,
    countyName: r.county_name,
    schoolId: r.school_id,
    schoolName: r.school_name,
    year: r.year,
    // The schema's CHECK admits exactly 'admission' and 'headTeacher'.
    purpose: r.purpose as DrawPurpose,
    title: r.title,
    roundId: r.round_id,
    // Written only by insertDraw (core checkNewDraw's class names).
    slots: r.slots as string[] | null,
    status: r.drawn_at === null ? 'committed' : 'drawn',
    entryCount: r.entry_count,
    commitment: r.commitment,
    seed: r.seed,
    resultHash: r.result_hash,
    committedAt: r.committed_at,
    committedByName: r.committed_by_name,
    drawnAt: r.drawn_at,
    operatorName: r.operator_name,
    witnesses: storedWitnesses(r.witnesses) ?? [],
    place: r.place,
    notary: r.notary,
  };
}

/** A draw as stored with the school's region (for its policy resource). */
export interface StoredDraw extends DrawView {
  /** The school's region code (null for a county's draw). */
  schoolRegion: string | null;
}

const recordOf = (r: DrawRow): StoredDraw => ({ ...toView(r), schoolRegion: r.school_region });

/** Whether `id` can be a lottery_draw.id (a positive safe integer). */
export function isDrawId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

/** One draw (FOR UPDATE inside a write), or undefined. */
export async function readDraw(
  db: Queryable,
  id: number,
  opts: { lock?: boolean } = {},
): Promise<StoredDraw | undefined> {
  const q = drawsWithNames(db).where('d.id', '=', id);
  const row = await (opts.lock ? q.forUpdate('d') : q).executeTakeFirst();
  return row && recordOf(row);
}

/** The draws of a county, newest first, optionally of one year and purpose. */
export async function listCountyDraws(
  db: Queryable,
  filter: { countyCode: string; year?: number; purpose?: DrawPurpose },
): Promise<StoredDraw[]> {
  let q = drawsWithNames(db).where('d.county_code', '=', filter.countyCode);
  if (filter.year !== undefined) q = q.where('d.year', '=', filter.year);
  if (filter.purpose !== undefined) q = q.where('d.purpose', '=', filter.purpose);
  const rows = await q.orderBy('d.committed_at', 'desc').orderBy('d.id', 'desc').execute();
  return rows.map(recordOf);
}

/** The school a draw is for: its name, region and county; undefined when there is none. */
export async function drawSchool(
  db: Queryable,
  schoolId: string,
): Promise<{ name: string; regionCode: string; countyCode: string } | undefined> {
  const s = await sqlOf(db)
    .selectFrom('school')
    .select(['name', 'region_code', 'county_code'])
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return s && { name: s.name, regionCode: s.region_code, countyCode: s.county_code };
}

/**
 * The admission round a draw is to rank, locked FOR UPDATE, with the draw it already has (the
 * partial unique index lottery_draw_round_idx allows one).
 */
export async function roundForDraw(
  tx: Queryable,
  roundId: number,
): Promise<
  { countyCode: string; year: number; title: string; draw: { id: number; title: string } | null } | undefined
> {
  const q = sqlOf(tx);
  const r = await q
    .selectFrom('admission_round')
    .select(['county_code', 'year', 'title'])
    .where('id', '=', roundId)
    .forUpdate()
    .executeTakeFirst();
  if (!r) return undefined;
  const draw = await q
    .selectFrom('lottery_draw')
    .select(['id', 'title'])
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return { countyCode: r.county_code, year: r.year, title: r.title, draw: draw ?? null };
}

/** A committed draw to insert: core's canonical list and its commitment, with who and when. */
export interface DrawInsert {
  countyCode: string;
  schoolId: string | null;
  year: number;
  purpose: DrawPurpose;
  title: string;
  roundId: number | null;
  slots: string[] | null;
  listText: string;
  entryCount: number;
  commitment: string;
  /** lottery_draw.committed_at (default the database's now()). */
  committedAt?: Date;
  committedBy: number;
}

/** Inserts a committed draw (the database checks the commitment is the list's SHA-256). */
export async function insertDraw(tx: Queryable, d: DrawInsert): Promise<number> {
  const { id } = await sqlOf(tx)
    .insertInto('lottery_draw')
    .values({
      county_code: d.countyCode,
      school_id: d.schoolId,
      year: d.year,
      purpose: d.purpose,
      title: d.title,
      round_id: d.roundId,
      slots: d.slots === null ? null : jsonb(d.slots),
      list_text: d.listText,
      entry_count: d.entryCount,
      commitment: d.commitment,
      committed_at: d.committedAt ?? sql<Date>`now()`,
      committed_by: d.committedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A draw's canonical list (list.txt). */
export async function readListText(db: Queryable, id: number): Promise<string> {
  const { list_text } = await sqlOf(db)
    .selectFrom('lottery_draw')
    .select('list_text')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return list_text;
}

/** What the draw stores once: the seed, the result and its hash, and the circumstances. */
export interface DrawResult {
  seed: string;
  resultText: string;
  resultHash: string;
  /** lottery_draw.drawn_at (default the database's now()). */
  drawnAt?: Date;
  drawnBy: number;
  operatorName: string;
  witnesses: DrawWitness[];
  place: string;
  notary: string | null;
}

/** Records a committed draw's result (once: the trigger refuses any later change). */
export async function recordDrawResult(tx: Queryable, id: number, r: DrawResult): Promise<Date> {
  const drawn = await sqlOf(tx)
    .updateTable('lottery_draw')
    .set({
      seed: r.seed,
      result_text: r.resultText,
      result_hash: r.resultHash,
      drawn_at: r.drawnAt ?? sql<Date>`now()`,
      drawn_by: r.drawnBy,
      operator_name: r.operatorName,
      witnesses: jsonb(r.witnesses),
      place: r.place,
      notary: r.notary,
    })
    .where('id', '=', id)
    .returning('drawn_at')
    .executeTakeFirstOrThrow();
  // Set just now: never null.
  return drawn.drawn_at!;
}
