/**
 * @module A draw as stored and as answered: its row, its policy resource (always published: see
 * lotteryDraws.ts), the view and detail built from it, and the Asia/Shanghai times its records
 * print.
 */
import { type Actor, can, type Resource } from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import type { DrawDetail, DrawPurpose, DrawView, DrawWitness } from './drawTypes.js';

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
 * The witnesses as stored: written only by conductDraw (checkConduct's witnesses). `unknown`:
 * tables.ts types this jsonb column with a DEFAULT as Generated<Json> (see defaultedJsonb.ts).
 */
function storedWitnesses(json: unknown): DrawWitness[] | null {
  return json as DrawWitness[] | null;
}

/** A draw as stored, as answered. */
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
    // Written only by createDraw (checkNewDraw's class names).
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

/** The policy resource of a draw: always published (see the module comment). */
export function drawResource(
  countyCode: string,
  schoolId: string | null,
  schoolRegion: string | null,
): Resource {
  return {
    kind: 'lotteryDraw',
    regionCode: schoolRegion ?? countyCode,
    schoolId: schoolId ?? null,
    published: true,
  };
}

/** A draw with whether the actor may conduct it. */
export function detailOf(actor: Actor, r: DrawRow): DrawDetail {
  return {
    ...toView(r),
    canDraw: can(actor, 'edit', drawResource(r.county_code, r.school_id, r.school_region)),
  };
}

export const notFoundMessage = (id: unknown) => `没有找到编号为 ${String(id)} 的电脑派位，或您无权查看`;

export function isDrawId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

/** One draw's row (FOR UPDATE inside a write). */
export async function readRow(db: Queryable, id: number, lock = false): Promise<DrawRow | undefined> {
  const q = drawsWithNames(db).where('d.id', '=', id);
  return (lock ? q.forUpdate('d') : q).executeTakeFirst();
}

/** A moment as the bureau reads it: 2026-07-10 09:30 (Asia/Shanghai, which has no DST). */
export function shanghaiTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A moment as ISO 8601 with the +08:00 offset of Asia/Shanghai (DrawRecord.drawnAt). */
export function shanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
