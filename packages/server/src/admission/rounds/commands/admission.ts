/**
 * @module The admission of a round: committing its applicant list as the ONE lottery draw (after a
 * dry run of the admission, so a frozen list is always admissible), then admitting every child
 * with core's admitByZone on the draw's ranks.
 */
import {
  type AdmitApplicant,
  type AdmitInput,
  AdmitInputError,
  type AdmitResult,
  admitByZone,
  applicantRanks,
  familyEntries,
  familyProblems,
  message,
  Refusal,
} from '@junheng/core';
import {
  admissionApplicants,
  drawRanks,
  inTransaction,
  markRoundAdmitted,
  markRoundCommitted,
  type Queryable,
  type RoundRow,
  type RoundSchool,
  readRoundRow,
  readRoundSchools,
  type StoredResult,
  storePlacements,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { createDraw } from '../../lottery/commands/index.js';
import type { DrawDetail } from '../../lottery/present.js';
import type { RoundDetail, RoundResults } from '../present.js';
import { lockRoundForEdit } from './access.js';
import { resultsOf, roundDetail } from './roundReads.js';

/** core's admission input of a round. */
function admitInput(
  row: RoundRow,
  schools: RoundSchool[],
  applicants: AdmitApplicant[],
  ranks: ReadonlyMap<string, number>,
): AdmitInput {
  return {
    config: { categories: row.categories, siblingPriority: row.sibling_priority },
    schools: schools.map((s) => ({ id: s.schoolId, name: s.schoolName, capacity: s.places, group: s.group })),
    applicants,
    ranks,
  };
}

/**
 * Runs the admission on the list about to be frozen, with placeholder ranks (the entries in ticket
 * order), so a commit never freezes applicants that admitRound would then refuse (a 志愿 or zone
 * school not in the round, an unknown category, a family that differs): the round would be stuck,
 * since the triggers forbid every correction. Applicants are named by their tickets here.
 * @throws Refusal invalidRequest with core's message
 */
function dryRunAdmission(
  row: RoundRow,
  schools: RoundSchool[],
  applicants: readonly (AdmitApplicant & { ticket: string })[],
): void {
  const byTicket = applicants.map((a) => ({ ...a, id: a.ticket }));
  const entries = familyEntries(byTicket);
  const placeholder = new Map(entries.map((e, i) => [e.ticket, i + 1]));
  try {
    admitByZone(admitInput(row, schools, byTicket, applicantRanks(entries, placeholder)));
  } catch (err) {
    if (err instanceof AdmitInputError) {
      throw new Refusal('invalidRequest', 'rounds.notAdmissible', { reason: err.message });
    }
    throw err;
  }
}

/** The list can be committed: applicants, consistent families, places where children live. */
function checkCommittable(
  row: RoundRow,
  schools: RoundSchool[],
  applicants: readonly (AdmitApplicant & { ticket: string })[],
): void {
  if (applicants.length === 0)
    throw new Refusal('invalidRequest', 'rounds.noApplicants', { title: row.title });
  const problems = familyProblems(applicants);
  if (problems.length > 0) {
    throw new Refusal('invalidRequest', 'rounds.familyMismatch', {
      count: problems.length,
      problems: problems.slice(0, 5).join('；'),
    });
  }
  const noPlaces = schools.filter((s) => s.places === 0 && s.zoneApplicants > 0);
  if (noPlaces.length > 0) {
    throw new Refusal('invalidRequest', 'rounds.zoneWithoutPlaces', {
      schools: noPlaces.map((s) => s.schoolName).join('、'),
    });
  }
  dryRunAdmission(row, schools, applicants);
}

/**
 * Publishes the round's applicant list: creates its ONE lottery draw (the lottery's createDraw, in
 * this transaction) with one entry per family (ticket = the family's first ticket, secret = that
 * child's 核验码), then freezes the round (status committed). Audited `admissionRound.commit` (and
 * `lotteryDraw.commit` by createDraw).
 * @throws Refusal notFound, notAllowed, conflict (stale version: the list changed since it was
 *   read), wrongState (already committed), invalidRequest (no applicants; a school without places;
 *   a family whose members differ; anything else the admission would refuse)
 */
export function commitRoundDraw(
  ctx: CommandContext,
  props: { id: number; version: number },
): Promise<{ round: RoundDetail; draw: DrawDetail }> {
  const cipher = ctx.personal;
  if (!cipher) return Promise.reject(new Error('commitRoundDraw needs the personal-data cipher'));
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockRoundForEdit(tx, ctx.actor, props.id, props.version, { needOpen: true });
    const applicants = await admissionApplicants(tx, row.id);
    const schools = await readRoundSchools(tx, row.id);
    checkCommittable(row, schools, applicants);
    const entries = familyEntries(applicants);
    const secretOf = new Map(applicants.map((a) => [a.ticket, a.secretSealed]));
    const by = await actingUser(tx, ctx.actor);
    const draw = await createDraw(
      { ...ctx, db: tx },
      {
        countyCode: row.county_code,
        year: row.year,
        purpose: 'admission',
        title: message('rounds.drawTitle', { title: row.title }).slice(0, 100),
        entries: entries.map((e) => ({ ticket: e.ticket, secret: cipher.open(secretOf.get(e.ticket)!) })),
        roundId: row.id,
      },
    );
    await markRoundCommitted(tx, row.id, draw.id, by.id);
    await recordChange(
      tx,
      ctx,
      {
        action: 'admissionRound.commit',
        entity: 'admission_round',
        entityId: row.id,
        before: { status: 'open' },
        after: {
          status: 'committed',
          drawId: draw.id,
          commitment: draw.commitment,
          applicants: applicants.length,
          entries: entries.length,
        },
      },
      by,
    );
    return { round: await roundDetail(tx, ctx.actor, (await readRoundRow(tx, row.id))!), draw };
  });
}

/** The round can be admitted: committed, not yet admitted, its draw done. @returns the draw's ranks */
async function drawnRanks(tx: Queryable, row: RoundRow): Promise<Map<string, number>> {
  if (row.status === 'open') throw new Refusal('wrongState', 'rounds.notCommitted', { title: row.title });
  if (row.status === 'admitted')
    throw new Refusal('wrongState', 'rounds.alreadyAdmitted', { title: row.title });
  const ranks = await drawRanks(tx, Number(row.draw_id));
  if (!ranks) throw new Refusal('wrongState', 'rounds.notDrawn', { title: row.title, drawId: row.draw_id });
  return ranks;
}

/**
 * Admits the round after its draw: reads the ranks (drawRanks), runs core's admitByZone with the
 * round's categories and places, stores every child's placement and the per-school result, status
 * admitted. Once per round. Audited `admissionRound.admit` (counts only, no child's data).
 * @throws Refusal notFound, notAllowed, conflict, wrongState (not committed, not drawn yet,
 *   already admitted)
 */
export function admitRound(
  ctx: CommandContext,
  props: { id: number; version: number },
): Promise<RoundResults> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockRoundForEdit(tx, ctx.actor, props.id, props.version, { needOpen: false });
    const ranksByTicket = await drawnRanks(tx, row);
    const applicants = await admissionApplicants(tx, row.id);
    const ranks = applicantRanks(familyEntries(applicants), ranksByTicket);
    const schools = await readRoundSchools(tx, row.id);
    let result: AdmitResult;
    try {
      result = admitByZone(admitInput(row, schools, applicants, ranks));
    } catch (err) {
      if (err instanceof AdmitInputError)
        throw new Refusal('invalidRequest', 'rounds.admitRefused', { reason: err.message });
      throw err;
    }
    const at = ctx.now?.() ?? new Date();
    await storePlacements(tx, row.id, result, at);
    const stored: StoredResult = {
      schools: [...result.schools],
      pending: result.pending,
      migrants: result.migrants,
    };
    const by = await actingUser(tx, ctx.actor);
    await markRoundAdmitted(tx, row.id, stored, at, by.id);
    const counts: Record<string, number> = {};
    for (const p of result.placements) counts[p.how] = (counts[p.how] ?? 0) + 1;
    await recordChange(
      tx,
      ctx,
      {
        action: 'admissionRound.admit',
        entity: 'admission_round',
        entityId: row.id,
        before: { status: 'committed' },
        after: {
          status: 'admitted',
          drawId: Number(row.draw_id),
          placements: counts,
          migrants: result.migrants,
        },
        at,
      },
      by,
    );
    return resultsOf(tx, ctx.actor, (await readRoundRow(tx, row.id))!, 'plan');
  });
}
