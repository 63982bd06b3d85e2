/**
 * @module Reading rounds: the list the actor may see, one round with its schools, and the
 * admission result (per school, pending and 随迁子女 counts, the 志愿 mechanism comparison).
 */
import {
  type Actor,
  type ChoiceComparison,
  checkRoundYear,
  compareChoiceMechanisms,
  visibleRegionPrefix,
} from '@junheng/core';
import {
  listRoundRows,
  placedApplicants,
  type Queryable,
  type RoundRow,
  readRoundFacts,
  type StoredResult,
} from '@junheng/db';
import type { CommandContext } from '../../../platform/commands.js';
import {
  presentRound,
  presentRoundSummary,
  presentSchoolResults,
  type RoundDetail,
  type RoundResults,
  type RoundSummary,
} from '../present.js';
import { readableRound, roundRights } from './access.js';

/** A round in full, with what the actor may do with it. */
export async function roundDetail(db: Queryable, actor: Actor, row: RoundRow): Promise<RoundDetail> {
  return presentRound(row, await readRoundFacts(db, row), roundRights(actor, row.county_code));
}

/**
 * The rounds the actor may see, newest first: of one county (default: all visible). Filtered in SQL
 * (one query) with the same rules as roundAccess: the actor's visible region for admission plans
 * (core's visibleRegionPrefix), or, for a school user who may see children placed at its school,
 * the admitted rounds of its school's county.
 * @throws Refusal invalidRequest (a year out of range)
 */
export async function listRounds(
  ctx: CommandContext,
  props: { countyCode?: string; year?: number } = {},
): Promise<RoundSummary[]> {
  const planScope = visibleRegionPrefix(ctx.actor, 'admissionPlan');
  // A school's own-school plan rights are for its 分班, not for the county's rounds.
  const byPlan = planScope.scope === 'all' || planScope.scope === 'region';
  const childScope = visibleRegionPrefix(ctx.actor, 'applicant');
  const ownSchool = childScope.scope === 'school' ? childScope.schoolId : null;
  if (!byPlan && ownSchool === null) return [];
  const year = props.year === undefined ? undefined : checkRoundYear(props.year);
  const rows = await listRoundRows(ctx.db, {
    plan: byPlan ? planScope : null,
    ownSchool,
    countyCode: props.countyCode,
    year,
  });
  return rows.map(presentRoundSummary);
}

/**
 * One round with its schools (a school user: its own school only).
 * @throws Refusal notFound
 */
export async function getRound(ctx: CommandContext, props: { id: number }): Promise<RoundDetail> {
  const { row, access } = await readableRound(ctx.db, ctx.actor, props.id);
  const d = await roundDetail(ctx.db, ctx.actor, row);
  if (access === 'school') d.schools = d.schools.filter((s) => s.schoolId === ctx.actor.schoolId);
  return d;
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
  const rows = await placedApplicants(db, row.id);
  return compareChoiceMechanisms({
    config: { categories: row.categories },
    applicants: rows.map((r) => ({
      id: r.id,
      categoryId: r.categoryId,
      migrantEligible: r.migrantEligible,
      choices: r.choices,
    })),
    ranks: new Map(rows.map((r) => [r.id, Number(r.rank ?? 0)])),
    placements: rows.map((r) => ({ applicantId: r.id, how: r.how ?? 'pending' })),
    schools: stored.schools,
  });
}

/** The results of a round as the actor may see them (a school user: its own row only). */
export async function resultsOf(
  db: Queryable,
  actor: Actor,
  row: RoundRow,
  access: 'plan' | 'school',
): Promise<RoundResults> {
  const round = await roundDetail(db, actor, row);
  const stored = row.result;
  let schools = presentSchoolResults(stored?.schools ?? [], round.schools);
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
 * The admission result of a round: per-school table (capacity, admitted per category, cut-off,
 * lottery used), pending and 随迁子女 counts. Empty before admission.
 * @throws Refusal notFound
 */
export async function roundResults(ctx: CommandContext, props: { id: number }): Promise<RoundResults> {
  const { row, access } = await readableRound(ctx.db, ctx.actor, props.id);
  return resultsOf(ctx.db, ctx.actor, row, access);
}
