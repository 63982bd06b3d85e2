/**
 * @module Creating a draw (committed: its canonical list and commitment published at once) and
 * conducting it once in public with the drawn seed, each in one transaction with its audit event.
 */
import { type Actor, canonicalList, commitment as commitmentOf, drawLottery } from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, inTransaction } from '../../platform/queryKit.js';
import {
  asInvalid,
  type CheckedConduct,
  type CheckedDraw,
  checkConduct,
  checkNewDraw,
} from './drawChecks.js';
import { detailOf, drawResource, isDrawId, notFoundMessage, readRow, shanghaiTime } from './drawRecords.js';
import type { ConductDrawInput, DrawDetail, NewDraw } from './drawTypes.js';

/**
 * The admission round a draw is to rank: of the draw's county and year, and without a draw yet (the
 * partial unique index lottery_draw_round_idx guards the same under concurrency). Locks the round.
 */
async function checkRound(tx: Queryable, d: CheckedDraw): Promise<void> {
  const q = sqlOf(tx);
  const roundId = d.roundId!;
  const r = await q
    .selectFrom('admission_round')
    .select(['county_code', 'year', 'title'])
    .where('id', '=', roundId)
    .forUpdate()
    .executeTakeFirst();
  // Another county's round is invisible: as if it did not exist.
  if (!r || r.county_code !== d.countyCode) {
    throw new AccessError('notFound', `没有找到编号为 ${d.roundId} 的招生轮次，或您无权查看`);
  }
  if (r.year !== d.year) {
    throw new AccessError(
      'invalidData',
      `招生轮次“${r.title}”是 ${r.year} 年的，派位却是 ${d.year} 年的：请使用同一年度`,
    );
  }
  const existing = await q
    .selectFrom('lottery_draw')
    .select(['id', 'title'])
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  if (existing) {
    throw new AccessError(
      'conflict',
      `招生轮次“${r.title}”已有派位“${existing.title}”（编号 ${existing.id}）：一个轮次只派位一次，每名儿童一个派位号`,
    );
  }
}

/**
 * Creates a draw and commits it (status committed): the canonical list and its commitment (core)
 * are stored and published from now on. Audited 'lotteryDraw.commit'.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor needs edit on a lotteryDraw {regionCode: county (or the school's), schoolId}
 * @param input the draw; entries are validated by core (ticket rules, 32–128 hex digit secrets, no
 *   duplicate ticket)
 * @param opts `ip` for the audit event, `now` the time recorded
 * @returns the stored draw
 * @throws AccessError invalidData (Chinese message naming the entry; a round of another year),
 *   notFound (county, school or round missing or invisible), notAllowed (may not create draws
 *   there), conflict (the round already has its draw)
 */
export function createDraw(
  db: Database | Queryable,
  actor: Actor,
  input: NewDraw,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<DrawDetail> {
  let checked: CheckedDraw;
  let listText: string;
  let commitment: string;
  try {
    checked = checkNewDraw(input);
    // Duplicate tickets, bad tickets and secrets: core's Chinese message names the entry.
    listText = asInvalid(() => canonicalList(checked.entries));
    commitment = asInvalid(() => commitmentOf(checked.entries));
  } catch (err) {
    return Promise.reject(err);
  }
  return inTransaction(db, async (tx) => {
    const q = sqlOf(tx);
    const county = await q
      .selectFrom('region')
      .select('code')
      .where('code', '=', checked.countyCode)
      .where('level', '=', 'county')
      .executeTakeFirst();
    if (!county) throw new AccessError('notFound', `没有找到县 ${checked.countyCode}`);
    let schoolRegion: string | null = null;
    if (checked.schoolId !== null) {
      const s = await q
        .selectFrom('school')
        .select(['region_code', 'county_code', 'name'])
        .where('id', '=', checked.schoolId)
        .executeTakeFirst();
      const message = `没有找到学校 ${checked.schoolId}，或您无权为该校组织派位`;
      if (!s) throw new AccessError('notFound', message);
      if (s.county_code !== checked.countyCode) {
        throw new AccessError(
          'invalidData',
          `学校“${s.name}”（${checked.schoolId}）不在县 ${checked.countyCode}`,
        );
      }
      schoolRegion = s.region_code;
    }
    requireAllowed(
      actor,
      'edit',
      drawResource(checked.countyCode, checked.schoolId, schoolRegion),
      `没有找到县 ${checked.countyCode}，或您无权查看`,
    );
    if (checked.roundId !== null) await checkRound(tx, checked);
    const by = await actingUser(tx, actor);
    const { id } = await q
      .insertInto('lottery_draw')
      .values({
        county_code: checked.countyCode,
        school_id: checked.schoolId,
        year: checked.year,
        purpose: checked.purpose,
        title: checked.title,
        round_id: checked.roundId,
        slots: checked.slots === null ? null : jsonb(checked.slots),
        list_text: listText,
        entry_count: checked.entries.length,
        commitment,
        committed_at: opts.now ?? sql<Date>`now()`,
        committed_by: by.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'lotteryDraw.commit',
      entity: 'lottery_draw',
      entityId: String(id),
      after: {
        countyCode: checked.countyCode,
        schoolId: checked.schoolId,
        year: checked.year,
        purpose: checked.purpose,
        title: checked.title,
        roundId: checked.roundId,
        slots: checked.slots,
        entryCount: checked.entries.length,
        commitment,
      },
      ip: opts.ip ?? null,
      at: opts.now,
    });
    return detailOf(actor, (await readRow(tx, id))!);
  });
}

/**
 * Conducts a committed draw: validates the seed (core: ≥ 20 digits), runs core's draw on the stored
 * list, and stores seed, result, result hash and the circumstances in one transaction under a row
 * lock. Audited 'lotteryDraw.draw' (commitment, seed and result hash in the event).
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor needs edit on the draw
 * @param id lottery_draw.id
 * @param input seed, operator, witnesses, place, notary
 * @param opts `ip` for the audit event, `now` the time recorded
 * @returns the drawn draw
 * @throws AccessError invalidData (seed too short or not digits, missing witness…), notFound,
 *   notAllowed, conflict (already drawn: who and when)
 */
export function conductDraw(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: ConductDrawInput,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<DrawDetail> {
  let checked: CheckedConduct;
  try {
    if (!isDrawId(id)) throw new AccessError('notFound', notFoundMessage(id));
    checked = checkConduct(input);
  } catch (err) {
    return Promise.reject(err);
  }
  return inTransaction(db, async (tx) => {
    const row = await readRow(tx, id, true);
    if (!row) throw new AccessError('notFound', notFoundMessage(id));
    requireAllowed(
      actor,
      'edit',
      drawResource(row.county_code, row.school_id, row.school_region),
      notFoundMessage(id),
    );
    if (row.drawn_at !== null) {
      throw new AccessError(
        'conflict',
        `“${row.title}”已于 ${shanghaiTime(row.drawn_at)} 由 ${row.operator_name} 完成派位（随机种子 ${row.seed}），` +
          '派位结果一经产生不可更改，也不能重新派位：请刷新页面查看结果',
      );
    }
    const by = await actingUser(tx, actor);
    const q = sqlOf(tx);
    const { list_text } = await q
      .selectFrom('lottery_draw')
      .select('list_text')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const result = asInvalid(() => drawLottery(list_text, checked.seed));
    if (result.commitment !== row.commitment) {
      throw new Error(`派位 ${id} 的名单与承诺值不一致：数据库已损坏，请联系管理员`);
    }
    const drawn = await q
      .updateTable('lottery_draw')
      .set({
        seed: result.seed,
        result_text: result.resultText,
        result_hash: result.resultHash,
        drawn_at: opts.now ?? sql<Date>`now()`,
        drawn_by: by.id,
        operator_name: checked.operatorName,
        witnesses: jsonb(checked.witnesses),
        place: checked.place,
        notary: checked.notary,
      })
      .where('id', '=', id)
      .returning('drawn_at')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'lotteryDraw.draw',
      entity: 'lottery_draw',
      entityId: String(id),
      before: { status: 'committed', commitment: row.commitment },
      after: {
        status: 'drawn',
        commitment: row.commitment,
        seed: result.seed,
        resultHash: result.resultHash,
        entryCount: row.entry_count,
        drawnAt: drawn.drawn_at,
        operatorName: checked.operatorName,
        witnesses: checked.witnesses,
        place: checked.place,
        notary: checked.notary,
      },
      ip: opts.ip ?? null,
      at: opts.now,
    });
    return detailOf(actor, (await readRow(tx, id))!);
  });
}
