/**
 * @module LEFTOVER, to be removed once the rounds call the server's lottery commands
 * (server/src/admission/lottery/commands): the draw functions the rounds' db code and tests still
 * import — createDraw (admissionRounds.commitRoundDraw creates the round's ONE draw with it, in its
 * transaction), conductDraw, getDraw and getPublicDraw. They do what the server's commands of the
 * same names do, on the same repositories, and refuse with the same core Refusals (catalogue keys,
 * no words here); the server's commands are the ones to change.
 */
import {
  type Actor,
  asLotteryRefusal,
  type ConductDrawInput,
  can,
  canonicalList,
  checkConduct,
  checkNewDraw,
  commitment as commitmentOf,
  drawLottery,
  message,
  type NewDraw,
  Refusal,
  type Resource,
  requireAllowed,
  shanghaiTime,
} from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import type { Database, Queryable } from '../../platform/database.js';
import { actingUser, inTransaction } from '../../platform/queryKit.js';
import { countyByCode } from '../../schools/countyLookups.js';
import {
  drawSchool,
  insertDraw,
  isDrawId,
  readDraw,
  readListText,
  recordDrawResult,
  roundForDraw,
  type StoredDraw,
} from './drawRecords.js';
import { readPublicDraw } from './drawResults.js';
import type { DrawDetail, PublicDraw } from './drawTypes.js';

const drawNotFound = (id: unknown) => ({ key: 'lottery.drawNotFound' as const, params: { id: String(id) } });

function resourceOf(countyCode: string, schoolId: string | null, schoolRegion: string | null): Resource {
  return { kind: 'lotteryDraw', regionCode: schoolRegion ?? countyCode, schoolId, published: true };
}

function detailOf(actor: Actor, d: StoredDraw): DrawDetail {
  const { schoolRegion, ...view } = d;
  return { ...view, canDraw: can(actor, 'edit', resourceOf(d.countyCode, d.schoolId, schoolRegion)) };
}

/** LEFTOVER: as the server's createDraw command (without its `now`). */
export function createDraw(
  db: Database | Queryable,
  actor: Actor,
  input: NewDraw,
  opts: { ip?: string | null } = {},
): Promise<DrawDetail> {
  return inTransaction(db, async (tx) => {
    const d = checkNewDraw(input);
    const listText = asLotteryRefusal(() => canonicalList(d.entries));
    const commitment = asLotteryRefusal(() => commitmentOf(d.entries));
    if (!(await countyByCode(tx, d.countyCode))) {
      throw new Refusal('notFound', 'lottery.countyNotFound', { code: d.countyCode });
    }
    let schoolRegion: string | null = null;
    if (d.schoolId !== null) {
      const s = await drawSchool(tx, d.schoolId);
      if (!s) throw new Refusal('notFound', 'lottery.schoolNotFound', { id: d.schoolId });
      if (s.countyCode !== d.countyCode) {
        throw new Refusal('invalidRequest', 'lottery.schoolOutsideCounty', {
          name: s.name,
          id: d.schoolId,
          county: d.countyCode,
        });
      }
      schoolRegion = s.regionCode;
    }
    requireAllowed(actor, 'edit', resourceOf(d.countyCode, d.schoolId, schoolRegion), {
      key: 'lottery.countyNotVisible',
      params: { code: d.countyCode },
    });
    if (d.roundId !== null) {
      const r = await roundForDraw(tx, d.roundId);
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
    const by = await actingUser(tx, actor);
    const { entries, ...rest } = d;
    const id = await insertDraw(tx, {
      ...rest,
      listText,
      entryCount: entries.length,
      commitment,
      committedBy: by.id,
    });
    const { countyCode, schoolId, year, purpose, title, roundId, slots } = d;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'lotteryDraw.commit',
      entity: 'lottery_draw',
      entityId: String(id),
      after: {
        countyCode,
        schoolId,
        year,
        purpose,
        title,
        roundId,
        slots,
        entryCount: entries.length,
        commitment,
      },
      ip: opts.ip ?? null,
    });
    return detailOf(actor, (await readDraw(tx, id))!);
  });
}

/** LEFTOVER: as the server's conductDraw command (without its `now`). */
export function conductDraw(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: ConductDrawInput,
  opts: { ip?: string | null } = {},
): Promise<DrawDetail> {
  return inTransaction(db, async (tx) => {
    if (!isDrawId(id)) throw new Refusal('notFound', 'lottery.drawNotFound', { id: String(id) });
    const checked = checkConduct(input);
    const row = await readDraw(tx, id, { lock: true });
    if (!row) throw new Refusal('notFound', 'lottery.drawNotFound', { id });
    requireAllowed(
      actor,
      'edit',
      resourceOf(row.countyCode, row.schoolId, row.schoolRegion),
      drawNotFound(id),
    );
    if (row.drawnAt !== null) {
      throw new Refusal('conflict', 'lottery.alreadyDrawn', {
        title: row.title,
        at: shanghaiTime(row.drawnAt),
        operator: row.operatorName,
        seed: row.seed,
      });
    }
    const by = await actingUser(tx, actor);
    const listText = await readListText(tx, id);
    const result = asLotteryRefusal(() => drawLottery(listText, checked.seed));
    if (result.commitment !== row.commitment) throw new Error(message('lottery.listCorrupted', { id }));
    const drawnAt = await recordDrawResult(tx, id, {
      ...checked,
      seed: result.seed,
      resultText: result.resultText,
      resultHash: result.resultHash,
      drawnBy: by.id,
    });
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
        entryCount: row.entryCount,
        drawnAt,
        operatorName: checked.operatorName,
        witnesses: checked.witnesses,
        place: checked.place,
        notary: checked.notary,
      },
      ip: opts.ip ?? null,
    });
    return detailOf(actor, (await readDraw(tx, id))!);
  });
}

/** LEFTOVER: as the server's getDraw command. */
export async function getDraw(db: Database | Queryable, actor: Actor, id: number): Promise<DrawDetail> {
  const row = isDrawId(id) ? await readDraw(db, id) : undefined;
  if (!row) throw new Refusal('notFound', 'lottery.drawNotFound', { id: String(id) });
  requireAllowed(actor, 'view', resourceOf(row.countyCode, row.schoolId, row.schoolRegion), drawNotFound(id));
  return detailOf(actor, row);
}

/** LEFTOVER: as the server's getPublicDraw command. */
export async function getPublicDraw(db: Database | Queryable, id: number): Promise<PublicDraw> {
  const pub = isDrawId(id) ? await readPublicDraw(db, id) : undefined;
  if (!pub) throw new Refusal('notFound', 'lottery.drawNotFound', { id: String(id) });
  return pub;
}
