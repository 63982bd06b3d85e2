/**
 * @module The admission of a round: committing its applicant list as the ONE lottery draw (after a
 * dry run of the admission, so a frozen list is always admissible), then admitting every child
 * with core's admitByZone on the draw's ranks.
 */
import {
  type Actor,
  type AdmitApplicant,
  type AdmitInput,
  AdmitInputError,
  type AdmitResult,
  admitByZone,
  applicantRanks,
  familyEntries,
  familyProblems,
} from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { AccessError } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, inTransaction } from '../../platform/queryKit.js';
import { createDraw, type DrawDetail, drawRanks } from '../lottery/lotteryDraws.js';
import { storedChoices } from './applicantRows.js';
import { lockRoundForEdit } from './roundAccess.js';
import { resultsOf } from './roundQueries.js';
import { detailOf, type RoundRow, readRoundRow, readSchools } from './roundRecords.js';
import type { RoundDetail, RoundResults, RoundSchool, StoredResult } from './roundTypes.js';

/** The applicants as core's admission input, with their tickets. */
async function admissionApplicants(tx: Queryable, roundId: number) {
  const rows = await sqlOf(tx)
    .selectFrom('applicant')
    .select([
      'id',
      'ticket',
      'zone_school_id',
      'category',
      'migrant_eligible',
      'sibling_at_school',
      'family_key',
      'choices',
      'secret_sealed',
    ])
    .where('round_id', '=', roundId)
    .orderBy('ticket')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    ticket: r.ticket,
    zoneSchoolId: r.zone_school_id,
    categoryId: r.category,
    migrantEligible: r.migrant_eligible,
    siblingAtSchool: r.sibling_at_school,
    familyKey: r.family_key,
    choices: storedChoices(r.choices),
    secretSealed: r.secret_sealed,
  }));
}

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
 * @throws AccessError invalidData with core's message
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
      throw new AccessError(
        'invalidData',
        `申请名单不能用于录取，未生成派位名单：${err.message}。请先修改该申请人或本轮设置，再生成派位名单`,
      );
    }
    throw err;
  }
}

/**
 * Publishes the round's applicant list: creates its ONE lottery draw (createDraw, in this
 * transaction) with one entry per family (ticket = the family's first ticket, secret = that
 * child's 核验码), then freezes the round (status committed). Audited `admissionRound.commit` (and
 * `lotteryDraw.commit` by createDraw).
 * @throws AccessError notFound, notAllowed, conflict (stale version: the list changed since it
 *   was read), wrongState (already committed), invalidData (no applicants; a school without places;
 *   a family whose members differ; anything else the admission would refuse)
 */
export function commitRoundDraw(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  id: number,
  input: { version: number },
  opts: { ip?: string | null } = {},
): Promise<{ round: RoundDetail; draw: DrawDetail }> {
  return inTransaction(db, async (tx) => {
    const row = await lockRoundForEdit(tx, actor, id, input.version, { needOpen: true });
    const applicants = await admissionApplicants(tx, id);
    if (applicants.length === 0) {
      throw new AccessError('invalidData', `招生轮次“${row.title}”还没有申请人：请先录入或导入申请名单`);
    }
    const problems = familyProblems(applicants);
    if (problems.length > 0) {
      throw new AccessError(
        'invalidData',
        `${problems.length} 个家庭的信息不一致：${problems.slice(0, 5).join('；')}`,
      );
    }
    const schools = await readSchools(tx, id);
    const noPlaces = schools.filter((s) => s.places === 0 && s.zoneApplicants > 0);
    if (noPlaces.length > 0) {
      throw new AccessError(
        'invalidData',
        `${noPlaces.map((s) => s.schoolName).join('、')} 有划片申请人但计划招生数为 0：请先填写计划招生数`,
      );
    }
    dryRunAdmission(row, schools, applicants);
    const entries = familyEntries(applicants);
    const secretOf = new Map(applicants.map((a) => [a.ticket, a.secretSealed]));
    const by = await actingUser(tx, actor);
    const draw = await createDraw(
      tx,
      actor,
      {
        countyCode: row.county_code,
        year: row.year,
        purpose: 'admission',
        title: `${row.title}电脑派位`.slice(0, 100),
        entries: entries.map((e) => ({ ticket: e.ticket, secret: cipher.open(secretOf.get(e.ticket)!) })),
        roundId: id,
      },
      { ip: opts.ip ?? null },
    );
    await sqlOf(tx)
      .updateTable('admission_round')
      .set((eb) => ({
        status: 'committed',
        draw_id: draw.id,
        version: eb('version', '+', 1),
        updated_by: by.id,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'admissionRound.commit',
      entity: 'admission_round',
      entityId: String(id),
      before: { status: 'open' },
      after: {
        status: 'committed',
        drawId: draw.id,
        commitment: draw.commitment,
        applicants: applicants.length,
        entries: entries.length,
      },
      ip: opts.ip ?? null,
    });
    return { round: await detailOf(tx, actor, (await readRoundRow(tx, id))!), draw };
  });
}

/** Every child's placement, rank and time, in one statement from a JSON list of the placements. */
async function storePlacements(tx: Queryable, roundId: number, result: AdmitResult, at: Date) {
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

/**
 * Admits the round after its draw: reads the ranks (drawRanks), runs core's admitByZone with the
 * round's categories and places, stores every child's placement and the per-school result, status
 * admitted. Once per round. Audited `admissionRound.admit` (counts only, no child's data).
 * @throws AccessError notFound, notAllowed, conflict, wrongState (not committed, not drawn yet,
 *   already admitted)
 */
export function admitRound(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: { version: number },
  opts: { ip?: string | null; now?: Date } = {},
): Promise<RoundResults> {
  return inTransaction(db, async (tx) => {
    const row = await lockRoundForEdit(tx, actor, id, input.version, { needOpen: false });
    if (row.status === 'open') {
      throw new AccessError(
        'wrongState',
        `招生轮次“${row.title}”还没有生成派位名单：请先生成名单并公布承诺值，派位后再录取`,
      );
    }
    if (row.status === 'admitted') {
      throw new AccessError('wrongState', `招生轮次“${row.title}”已经录取，录取结果不能重新计算`);
    }
    const ranksByTicket = await drawRanks(tx, Number(row.draw_id));
    if (!ranksByTicket) {
      throw new AccessError(
        'wrongState',
        `招生轮次“${row.title}”的电脑派位（编号 ${row.draw_id}）尚未进行：请先在电脑派位页面当众派位`,
      );
    }
    const applicants = await admissionApplicants(tx, id);
    const ranks = applicantRanks(familyEntries(applicants), ranksByTicket);
    const schools = await readSchools(tx, id);
    let result: AdmitResult;
    try {
      result = admitByZone(admitInput(row, schools, applicants, ranks));
    } catch (err) {
      if (err instanceof AdmitInputError) throw new AccessError('invalidData', err.message);
      throw err;
    }
    const at = opts.now ?? new Date();
    await storePlacements(tx, id, result, at);
    const stored: StoredResult = {
      schools: [...result.schools],
      pending: result.pending,
      migrants: result.migrants,
    };
    const by = await actingUser(tx, actor);
    await sqlOf(tx)
      .updateTable('admission_round')
      .set((eb) => ({
        status: 'admitted',
        admitted_at: at,
        result: jsonb(stored),
        version: eb('version', '+', 1),
        updated_by: by.id,
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .execute();
    const counts: Record<string, number> = {};
    for (const p of result.placements) counts[p.how] = (counts[p.how] ?? 0) + 1;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'admissionRound.admit',
      entity: 'admission_round',
      entityId: String(id),
      before: { status: 'committed' },
      after: {
        status: 'admitted',
        drawId: Number(row.draw_id),
        placements: counts,
        migrants: result.migrants,
      },
      ip: opts.ip ?? null,
      at,
    });
    return resultsOf(tx, actor, (await readRoundRow(tx, id))!, 'plan');
  });
}
