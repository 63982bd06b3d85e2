/**
 * @module A draw as stored and as answered: its row, its policy resource (always published: see
 * lotteryDraws.ts), the view and detail built from it, and the Asia/Shanghai times its records
 * print.
 */
import { type Actor, can, type Resource } from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import type { DrawDetail, DrawPurpose, DrawView, DrawWitness } from './drawTypes.js';

/** A draw's row with its county, school and committer names (not its texts). */
export interface DrawRow {
  id: number;
  county_code: string;
  county_name: string;
  school_id: string | null;
  school_name: string | null;
  school_region: string | null;
  year: number;
  purpose: DrawPurpose;
  title: string;
  round_id: number | null;
  slots: string[] | null;
  entry_count: number;
  commitment: string;
  seed: string | null;
  result_hash: string | null;
  committed_at: Date;
  committed_by_name: string | null;
  drawn_at: Date | null;
  operator_name: string | null;
  witnesses: DrawWitness[];
  place: string | null;
  notary: string | null;
}

export const DRAW_SELECT = `
  SELECT d.id, d.county_code, r.name AS county_name, d.school_id, s.name AS school_name,
         s.region_code AS school_region, d.year, d.purpose, d.title, d.round_id, d.slots, d.entry_count,
         d.commitment, d.seed, d.result_hash, d.committed_at, cu.display_name AS committed_by_name,
         d.drawn_at, d.operator_name, d.witnesses, d.place, d.notary
    FROM lottery_draw d
    JOIN region r ON r.code = d.county_code
    LEFT JOIN school s ON s.id = d.school_id
    LEFT JOIN app_user cu ON cu.id = d.committed_by`;

/** A draw as stored, as answered. */
export function toView(r: DrawRow): DrawView {
  return {
    id: r.id,
    countyCode: r.county_code,
    countyName: r.county_name,
    schoolId: r.school_id,
    schoolName: r.school_name,
    year: r.year,
    purpose: r.purpose,
    title: r.title,
    roundId: r.round_id,
    slots: r.slots,
    status: r.drawn_at === null ? 'committed' : 'drawn',
    entryCount: r.entry_count,
    commitment: r.commitment,
    seed: r.seed,
    resultHash: r.result_hash,
    committedAt: r.committed_at,
    committedByName: r.committed_by_name,
    drawnAt: r.drawn_at,
    operatorName: r.operator_name,
    witnesses: r.witnesses ?? [],
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
  const { rows } = await db.query<DrawRow>(
    `${DRAW_SELECT} WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`,
    [id],
  );
  return rows[0];
}

/** A moment as the bureau reads it: 2026-07-10 09:30 (Asia/Shanghai, which has no DST). */
export function shanghaiTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A moment as ISO 8601 with the +08:00 offset of Asia/Shanghai (DrawRecord.drawnAt). */
export function shanghaiIso(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
