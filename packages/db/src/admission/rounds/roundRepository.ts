/**
 * @module The writes of a round: a new round, its places, its title and categories, the version
 * raise every change of the round or its applicants makes, the commit of its list (status
 * committed, its draw) and its admission (every child's placement, the result, status admitted).
 */
import type { AdmissionCategory, AdmissionStage, AdmitResult, RoundPlace } from '@junheng/core';
import { sql } from 'kysely';
import { jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import type { StoredResult } from './roundRecords.js';

/** A new round (status open) by the acting user. @returns its id */
export async function insertRound(
  tx: Queryable,
  round: {
    countyCode: string;
    year: number;
    stage: AdmissionStage;
    title: string;
    categories: readonly AdmissionCategory[];
    siblingPriority: boolean;
  },
  by: number,
): Promise<number> {
  const { id } = await sqlOf(tx)
    .insertInto('admission_round')
    .values({
      county_code: round.countyCode,
      year: round.year,
      stage: round.stage,
      title: round.title,
      categories: jsonb(round.categories),
      sibling_priority: round.siblingPriority,
      created_by: by,
      updated_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Replaces a round's schools and places. */
export async function writeRoundPlaces(
  tx: Queryable,
  roundId: number,
  places: readonly RoundPlace[],
): Promise<void> {
  const q = sqlOf(tx);
  await q.deleteFrom('admission_round_school').where('round_id', '=', roundId).execute();
  if (places.length === 0) return;
  await q
    .insertInto('admission_round_school')
    .values(places.map((p) => ({ round_id: roundId, school_id: p.schoolId, places: p.places })))
    .execute();
}

export async function setRoundTitle(tx: Queryable, roundId: number, title: string): Promise<void> {
  await sqlOf(tx).updateTable('admission_round').set({ title }).where('id', '=', roundId).execute();
}

export async function setRoundConfig(
  tx: Queryable,
  roundId: number,
  config: { categories: readonly AdmissionCategory[]; siblingPriority: boolean },
): Promise<void> {
  await sqlOf(tx)
    .updateTable('admission_round')
    .set({ categories: jsonb(config.categories), sibling_priority: config.siblingPriority })
    .where('id', '=', roundId)
    .execute();
}

/**
 * Raises the round's version: every change of the round or of its applicants does, so a commit
 * names the list the user reviewed.
 */
export async function touchRound(tx: Queryable, roundId: number, by: number): Promise<void> {
  await sqlOf(tx)
    .updateTable('admission_round')
    .set((eb) => ({ version: eb('version', '+', 1), updated_by: by, updated_at: sql<Date>`now()` }))
    .where('id', '=', roundId)
    .execute();
}

/** The round's list committed as its draw: status committed, the draw's id, the version raised. */
export async function markRoundCommitted(
  tx: Queryable,
  roundId: number,
  drawId: number,
  by: number,
): Promise<void> {
  await sqlOf(tx)
    .updateTable('admission_round')
    .set((eb) => ({
      status: 'committed',
      draw_id: drawId,
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', roundId)
    .execute();
}

/** Every child's placement, rank and time, in one statement from a JSON list of the placements. */
export async function storePlacements(
  tx: Queryable,
  roundId: number,
  result: AdmitResult,
  at: Date,
): Promise<void> {
  const placements = jsonb(
    result.placements.map((p) => ({
      id: Number(p.applicantId),
      school_id: p.schoolId,
      how: p.how,
      rank: p.rank,
    })),
  );
  await sqlOf(tx)
    .updateTable('applicant as a')
    .from(
      sql<{
        id: number;
        school_id: string | null;
        how: string;
        rank: number | null;
      }>`jsonb_to_recordset(${placements}::jsonb)`.as<'x'>(
        sql`x(id bigint, school_id text, how text, rank integer)`,
      ),
    )
    .set((eb) => ({
      placement_school_id: eb.ref('x.school_id'),
      placement_how: eb.ref('x.how'),
      lottery_rank: eb.ref('x.rank'),
      placed_at: at,
      version: eb('a.version', '+', 1),
      updated_at: at,
    }))
    .whereRef('a.id', '=', 'x.id')
    .where('a.round_id', '=', roundId)
    .execute();
}

/** The round admitted: its result stored, status admitted at `at`, the version raised. */
export async function markRoundAdmitted(
  tx: Queryable,
  roundId: number,
  stored: StoredResult,
  at: Date,
  by: number,
): Promise<void> {
  await sqlOf(tx)
    .updateTable('admission_round')
    .set((eb) => ({
      status: 'admitted',
      admitted_at: at,
      result: jsonb(stored),
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', roundId)
    .execute();
}
