/**
 * @module Conducting a committed draw once, in public: the seed drawn in front of witnesses, core's
 * draw on the stored list, and the result stored with its hash and the circumstances, in one
 * transaction under a row lock with its audit event. Two people pressing 开始派位 at once: the
 * second sees the draw done and gets `conflict` (409) with who drew it and when; nothing of the
 * loser is written.
 */
import {
  asLotteryRefusal,
  type CheckedConduct,
  type ConductDrawInput,
  checkConduct,
  drawLottery,
  message,
  Refusal,
  requireAllowed,
  shanghaiTime,
} from '@junheng/core';
import { inTransaction, isDrawId, readListText, recordDrawResult } from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { type DrawDetail, drawDetail } from '../present.js';
import { drawNotFound, requireDraw, resourceOfDraw } from './drawAccess.js';

/**
 * Conducts a committed draw: validates the seed (core: ≥ 20 digits), runs core's draw on the stored
 * list, and stores seed, result, result hash and the circumstances. Audited 'lotteryDraw.draw'
 * (commitment, seed and result hash in the event).
 * @param ctx the actor needs edit on the draw; `now` is the time recorded
 * @param id lottery_draw.id
 * @param input seed, operator, witnesses, place, notary
 * @returns the drawn draw
 * @throws Refusal invalidRequest (seed too short or not digits, missing witness…), notFound,
 *   notAllowed, conflict (already drawn: who and when)
 */
export function conductDraw(ctx: CommandContext, id: number, input: ConductDrawInput): Promise<DrawDetail> {
  let checked: CheckedConduct;
  try {
    if (!isDrawId(id)) throw new Refusal('notFound', 'lottery.drawNotFound', { id: String(id) });
    checked = checkConduct(input);
  } catch (err) {
    return Promise.reject(err);
  }
  const c = checked;
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireDraw(tx, id, true);
    requireAllowed(ctx.actor, 'edit', resourceOfDraw(row), drawNotFound(id));
    if (row.drawnAt !== null) {
      throw new Refusal('conflict', 'lottery.alreadyDrawn', {
        title: row.title,
        at: shanghaiTime(row.drawnAt),
        operator: row.operatorName,
        seed: row.seed,
      });
    }
    const by = await actingUser(tx, ctx.actor);
    const listText = await readListText(tx, id);
    const result = asLotteryRefusal(() => drawLottery(listText, c.seed));
    if (result.commitment !== row.commitment) throw new Error(message('lottery.listCorrupted', { id }));
    const drawnAt = await recordDrawResult(tx, id, {
      seed: result.seed,
      resultText: result.resultText,
      resultHash: result.resultHash,
      drawnAt: ctx.now?.(),
      drawnBy: by.id,
      operatorName: c.operatorName,
      witnesses: c.witnesses,
      place: c.place,
      notary: c.notary,
    });
    await recordChange(
      tx,
      ctx,
      {
        action: 'lotteryDraw.draw',
        entity: 'lottery_draw',
        entityId: id,
        before: { status: 'committed', commitment: row.commitment },
        after: {
          status: 'drawn',
          commitment: row.commitment,
          seed: result.seed,
          resultHash: result.resultHash,
          entryCount: row.entryCount,
          drawnAt,
          operatorName: c.operatorName,
          witnesses: c.witnesses,
          place: c.place,
          notary: c.notary,
        },
      },
      by,
    );
    return drawDetail(ctx.actor, await requireDraw(tx, id));
  });
}
