/**
 * @module Creating a draw, committed: its canonical list and commitment (core) stored and published
 * at once, in one transaction with its audit event. Three ways to create a draw, nothing else: an
 * admission round's ONE draw (its commit), a published class placement's ONE head-teacher draw
 * (classes createHeadTeacherDraw), and the county bureau's own admission draw from a list
 * (standaloneDraws.ts, the generic API). createDraw itself is for those commands only: a school
 * could otherwise create head-teacher draws until one suits it.
 */
import {
  asLotteryRefusal,
  type CheckedDraw,
  canonicalList,
  checkNewDraw,
  commitment as commitmentOf,
  type NewDraw,
  Refusal,
  requireAllowed,
} from '@junheng/core';
import {
  countyByCode,
  drawSchool,
  insertDraw,
  inTransaction,
  type Queryable,
  roundForDraw,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { type DrawDetail, drawDetail } from '../present.js';
import { drawResource, requireDraw } from './drawAccess.js';

/**
 * The admission round a draw is to rank: of the draw's county and year, and without a draw yet (the
 * partial unique index lottery_draw_round_idx guards the same under concurrency). Locks the round.
 * @throws Refusal notFound (another county's round is invisible: as if it did not exist),
 *   invalidRequest (another year), conflict (the round has its draw)
 */
async function checkRound(tx: Queryable, d: CheckedDraw): Promise<void> {
  const r = await roundForDraw(tx, d.roundId!);
  if (!r || r.countyCode !== d.countyCode) {
    throw new Refusal('notFound', 'lottery.roundNotFound', { id: d.roundId });
  }
  if (r.year !== d.year) {
    throw new Refusal('invalidRequest', 'lottery.roundOtherYear', {
      title: r.title,
      roundYear: r.year,
      year: d.year,
    });
  }
  if (r.draw) {
    throw new Refusal('conflict', 'lottery.roundHasDraw', {
      title: r.title,
      drawTitle: r.draw.title,
      drawId: r.draw.id,
    });
  }
}

/**
 * The region of the school a draw is for (null for a county's draw), which must be in the county.
 * @throws Refusal notFound, invalidRequest
 */
async function schoolRegionOf(tx: Queryable, d: CheckedDraw): Promise<string | null> {
  if (d.schoolId === null) return null;
  const s = await drawSchool(tx, d.schoolId);
  if (!s) throw new Refusal('notFound', 'lottery.schoolNotFound', { id: d.schoolId });
  if (s.countyCode !== d.countyCode) {
    throw new Refusal('invalidRequest', 'lottery.schoolOutsideCounty', {
      name: s.name,
      id: d.schoolId,
      county: d.countyCode,
    });
  }
  return s.regionCode;
}

/**
 * Creates a draw and commits it (status committed): the canonical list and its commitment (core)
 * are stored and published from now on. Audited 'lotteryDraw.commit'. Runs in the caller's
 * transaction when `ctx.db` is one (a round's commit, a placement's head-teacher draw).
 * @param ctx the actor needs edit on a lotteryDraw {regionCode: county (or the school's), schoolId};
 *   `now` is the time recorded
 * @param input the draw; entries are validated by core (ticket rules, 32–128 hex digit secrets, no
 *   duplicate ticket)
 * @returns the stored draw
 * @throws Refusal invalidRequest (core's message naming the entry; a round of another year),
 *   notFound (county, school or round missing or invisible), notAllowed (may not create draws
 *   there), conflict (the round already has its draw)
 */
export function createDraw(ctx: CommandContext, input: NewDraw): Promise<DrawDetail> {
  let checked: CheckedDraw;
  let listText: string;
  let commitment: string;
  try {
    checked = checkNewDraw(input);
    // Duplicate tickets, bad tickets and secrets: core's Chinese message names the entry.
    listText = asLotteryRefusal(() => canonicalList(checked.entries));
    commitment = asLotteryRefusal(() => commitmentOf(checked.entries));
  } catch (err) {
    return Promise.reject(err);
  }
  const d = checked;
  return inTransaction(ctx.db, async (tx) => {
    if (!(await countyByCode(tx, d.countyCode))) {
      throw new Refusal('notFound', 'lottery.countyNotFound', { code: d.countyCode });
    }
    const schoolRegion = await schoolRegionOf(tx, d);
    requireAllowed(ctx.actor, 'edit', drawResource(d.countyCode, d.schoolId, schoolRegion), {
      key: 'lottery.countyNotVisible',
      params: { code: d.countyCode },
    });
    if (d.roundId !== null) await checkRound(tx, d);
    const { countyCode, schoolId, year, purpose, title, roundId, slots } = d;
    const entryCount = d.entries.length;
    const by = await actingUser(tx, ctx.actor);
    const id = await insertDraw(tx, {
      countyCode,
      schoolId,
      year,
      purpose,
      title,
      roundId,
      slots,
      listText,
      entryCount,
      commitment,
      committedAt: ctx.now?.(),
      committedBy: by.id,
    });
    await recordChange(
      tx,
      ctx,
      {
        action: 'lotteryDraw.commit',
        entity: 'lottery_draw',
        entityId: id,
        after: { countyCode, schoolId, year, purpose, title, roundId, slots, entryCount, commitment },
      },
      by,
    );
    return drawDetail(ctx.actor, await requireDraw(tx, id));
  });
}
