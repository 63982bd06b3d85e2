/**
 * @module Reading rounds: the list the actor may see, one round with its schools, and the
 * admission result (per school, pending and 随迁子女 counts, the 志愿 mechanism comparison).
 */
import {
  type Actor,
  type ChoiceComparison,
  compareChoiceMechanisms,
  visibleRegionPrefix,
} from '@junheng/core';
import type { Expression, SqlBool } from 'kysely';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { checkYear, inScope } from '../../platform/queryKit.js';
import { placementHowOf, storedChoices } from './applicantRows.js';
import { roundAccess } from './roundAccess.js';
import {
  detailOf,
  isId,
  type RoundRow,
  readRoundRow,
  roundNotFoundMessage,
  roundRowOf,
  roundsWithCounts,
  summaryOf,
} from './roundRecords.js';
import type { RoundDetail, RoundResults, RoundSummary, SchoolResultRow, StoredResult } from './roundTypes.js';

/**
 * The rounds the actor may see, newest first: of one county (default: all visible). Filtered in SQL
 * with the same rules as roundAccess: the actor's visible region for admission plans (core's
 * visibleRegionPrefix), or, for a school user who may see children placed at its school, the
 * admitted rounds of its school's county.
 */
export async function listRounds(
  db: Database | Queryable,
  actor: Actor,
  query: { countyCode?: string; year?: number } = {},
): Promise<RoundSummary[]> {
  const planScope = visibleRegionPrefix(actor, 'admissionPlan');
  // A school's own-school plan rights are for its 分班, not for the county's rounds.
  const byPlan = planScope.scope === 'all' || planScope.scope === 'region';
  const childScope = visibleRegionPrefix(actor, 'applicant');
  const ownSchool = childScope.scope === 'school' ? childScope.schoolId : null;
  if (!byPlan && ownSchool === null) return [];
  let q = roundsWithCounts(db).where((eb) => {
    const visible: Expression<SqlBool>[] = [];
    if (byPlan) visible.push(inScope(planScope, { region: 'r.county_code' }));
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
  if (query.countyCode !== undefined) q = q.where('r.county_code', '=', String(query.countyCode));
  if (query.year !== undefined) q = q.where('r.year', '=', checkYear(query.year));
  const rows = await q.orderBy('r.year', 'desc').orderBy('r.id', 'desc').execute();
  return rows.map((r) => summaryOf(roundRowOf(r)));
}

/**
 * One round with its schools.
 * @throws AccessError notFound
 */
export async function getRound(db: Database | Queryable, actor: Actor, id: number): Promise<RoundDetail> {
  if (!isId(id)) throw new AccessError('notFound', roundNotFoundMessage(id));
  const row = await readRoundRow(db, id);
  const access = await roundAccess(db, actor, row, id);
  const d = await detailOf(db, actor, row!);
  if (access === 'school') d.schools = d.schools.filter((s) => s.schoolId === actor.schoolId);
  return d;
}

/** The results of a round as the actor may see them (a school user: its own row only). */
export async function resultsOf(
  db: Queryable,
  actor: Actor,
  row: RoundRow,
  access: 'plan' | 'school',
): Promise<RoundResults> {
  const round = await detailOf(db, actor, row);
  const names = new Map(round.schools.map((s) => [s.schoolId, s]));
  const stored = row.result;
  let schools: SchoolResultRow[] = (stored?.schools ?? []).map((s) => ({
    ...s,
    schoolName: names.get(s.schoolId)?.schoolName ?? s.schoolId,
    group: names.get(s.schoolId)?.group ?? '',
  }));
  if (access === 'school') {
    schools = schools.filter((s) => s.schoolId === actor.schoolId);
    round.schools = round.schools.filter((s) => s.schoolId === actor.schoolId);
  }
  return {
    round,
    schools,
    pending: access === 'plan' && stored ? stored.pending : null,
    migrants: access === 'plan' && stored ? stored.migrants : null,
    choiceComparison:
      access === 'plan' && stored && row.status === 'admitted'
        ? await choiceComparisonOf(db, row, stored)
        : null,
  };
}

/**
 * The side-by-side comparison of deferred acceptance and the Boston mechanism for an admitted
 * round, recomputed from the stored placements, ranks and per-school result (deterministic; no
 * child's data leaves this function, only counts). Capacities are the places left for 统筹 after
 * 本片区录取, since this county uses 志愿 only for 统筹 (see core compareChoices.ts).
 */
async function choiceComparisonOf(
  db: Queryable,
  row: RoundRow,
  stored: StoredResult,
): Promise<ChoiceComparison> {
  const rows = await sqlOf(db)
    .selectFrom('applicant')
    .select(['id', 'category', 'migrant_eligible', 'choices', 'placement_how', 'lottery_rank'])
    .where('round_id', '=', row.id)
    .orderBy('ticket')
    .execute();
  const applicants = rows.map((r) => ({
    id: String(r.id),
    categoryId: r.category,
    migrantEligible: r.migrant_eligible,
    choices: storedChoices(r.choices),
  }));
  return compareChoiceMechanisms({
    config: { categories: row.categories },
    applicants,
    ranks: new Map(rows.map((r) => [String(r.id), Number(r.lottery_rank ?? 0)])),
    placements: rows.map((r) => ({
      applicantId: String(r.id),
      how: placementHowOf(r.placement_how) ?? 'pending',
    })),
    schools: stored.schools,
  });
}

/**
 * The admission result of a round: per-school table (capacity, admitted per category, cut-off,
 * lottery used), pending and 随迁子女 counts. Empty before admission.
 * @throws AccessError notFound
 */
export async function roundResults(
  db: Database | Queryable,
  actor: Actor,
  id: number,
): Promise<RoundResults> {
  if (!isId(id)) throw new AccessError('notFound', roundNotFoundMessage(id));
  const row = await readRoundRow(db, id);
  const access = await roundAccess(db, actor, row, id);
  return resultsOf(db, actor, row!, access);
}
