/**
 * @module Reading rounds: the list the actor may see, one round with its schools, and the
 * admission result (per school, pending and 随迁子女 counts, the 志愿 mechanism comparison).
 */
import {
  type Actor,
  type ChoiceComparison,
  compareChoiceMechanisms,
  type PlacementHow,
  visibleRegionPrefix,
} from '@junheng/core';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { checkYear, scopeCondition } from '../../platform/queryKit.js';
import { roundAccess } from './roundAccess.js';
import {
  detailOf,
  isId,
  ROUND_SELECT,
  type RoundRow,
  readRoundRow,
  roundNotFoundMessage,
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
  const params: unknown[] = [];
  const visible: string[] = [];
  const planScope = visibleRegionPrefix(actor, 'admissionPlan');
  // A school's own-school plan rights are for its 分班, not for the county's rounds.
  if (planScope.scope === 'all' || planScope.scope === 'region') {
    visible.push(scopeCondition(planScope, params, { region: 'r.county_code', school: 'NULL' }));
  }
  const childScope = visibleRegionPrefix(actor, 'applicant');
  if (childScope.scope === 'school') {
    params.push(childScope.schoolId);
    visible.push(
      `(r.status = 'admitted' AND r.county_code = (SELECT s.county_code FROM school s WHERE s.id = $${params.length}))`,
    );
  }
  if (visible.length === 0) return [];
  const where = [`(${visible.join(' OR ')})`];
  if (query.countyCode !== undefined) {
    params.push(String(query.countyCode));
    where.push(`r.county_code = $${params.length}`);
  }
  if (query.year !== undefined) {
    params.push(checkYear(query.year));
    where.push(`r.year = $${params.length}`);
  }
  const { rows } = await db.query<RoundRow>(
    `${ROUND_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.year DESC, r.id DESC`,
    params,
  );
  return rows.map((r) => {
    r.applicant_count = Number(r.applicant_count);
    r.places_total = Number(r.places_total);
    return summaryOf(r);
  });
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
  const { rows } = await db.query<{
    id: number;
    category: string;
    migrant_eligible: boolean;
    choices: string[];
    placement_how: PlacementHow | null;
    lottery_rank: number | null;
  }>(
    `SELECT id, category, migrant_eligible, choices, placement_how, lottery_rank
       FROM applicant WHERE round_id = $1 ORDER BY ticket`,
    [row.id],
  );
  const applicants = rows.map((r) => ({
    id: String(r.id),
    categoryId: r.category,
    migrantEligible: r.migrant_eligible,
    choices: r.choices,
  }));
  return compareChoiceMechanisms({
    config: { categories: row.categories },
    applicants,
    ranks: new Map(rows.map((r) => [String(r.id), Number(r.lottery_rank ?? 0)])),
    placements: rows.map((r) => ({ applicantId: String(r.id), how: r.placement_how ?? 'pending' })),
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
