/**
 * @module Creating and changing a round while it is open: title, categories, sibling priority and
 * the places per school, each checked (a category or school still used by applicants stays) and
 * audited with what changed.
 */
import {
  type Actor,
  type AdmissionCategoryConfig,
  checkCategoryConfig,
  DEFAULT_ADMISSION_CATEGORIES,
} from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, checkYear, inTransaction } from '../../platform/queryKit.js';
import { lockRoundForEdit, touchRound } from './roundAccess.js';
import { detailOf, plan, type RoundRow, readRoundRow, readSchools } from './roundRecords.js';
import type { AdmissionStage, NewRound, RoundChanges, RoundDetail, RoundSchool } from './roundTypes.js';

/** School types that teach a stage (the stage part of 九年一贯制 and 十二年一贯制 included). */
const STAGE_TYPES: Record<AdmissionStage, string[]> = {
  primary: ['primary', 'nineYear', 'twelveYear', 'teachingPoint'],
  junior: ['junior', 'nineYear', 'twelveYear', 'completeMiddle'],
};

function checkTitle(title: unknown): string {
  if (typeof title !== 'string' || title.trim() === '') {
    throw new AccessError('invalidData', '请填写招生轮次名称，如“2026年清源县小学招生”');
  }
  const t = title.trim();
  if ([...t].length > 100) throw new AccessError('invalidData', '招生轮次名称不能超过 100 个字');
  return t;
}

function checkConfig(categories: unknown, siblingPriority: unknown): AdmissionCategoryConfig {
  const config = { categories, siblingPriority } as AdmissionCategoryConfig;
  const why = checkCategoryConfig(config);
  if (why) throw new AccessError('invalidData', why);
  return {
    categories: config.categories.map((c) => ({
      id: c.id,
      name: c.name.trim(),
      migrantGuarantee: c.migrantGuarantee,
    })),
    siblingPriority: config.siblingPriority,
  };
}

async function checkPlaces(
  tx: Queryable,
  county: string,
  stage: AdmissionStage,
  places: unknown,
): Promise<{ schoolId: string; places: number }[]> {
  if (!Array.isArray(places))
    throw new AccessError('invalidData', '计划招生数应为列表：[{schoolId, places}]');
  const seen = new Set<string>();
  const out: { schoolId: string; places: number }[] = [];
  for (const p of places as { schoolId?: unknown; places?: unknown }[]) {
    const id = String(p?.schoolId ?? '');
    const n = p?.places;
    if (seen.has(id)) throw new AccessError('invalidData', `学校 ${id} 在计划招生数中出现了两次`);
    seen.add(id);
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > 100000) {
      throw new AccessError('invalidData', `学校 ${id} 的计划招生数应为 0—100000 的整数，收到 ${String(n)}`);
    }
    out.push({ schoolId: id, places: n });
  }
  if (out.length === 0) return out;
  const ids = out.map((p) => p.schoolId);
  const rows = await sqlOf(tx)
    .selectFrom('school')
    .select(['id', 'name', 'type', 'status', 'county_code'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const p of out) {
    const s = byId.get(p.schoolId);
    if (!s || s.county_code !== county) {
      throw new AccessError('invalidData', `学校 ${p.schoolId} 不是本县学校：计划招生数只能填本县学校`);
    }
    if (s.status !== 'open')
      throw new AccessError('invalidData', `${s.name}（${s.id}）已撤并或停办，不能招生`);
    if (!STAGE_TYPES[stage].includes(s.type)) {
      throw new AccessError(
        'invalidData',
        `${s.name}（${s.id}）没有${stage === 'primary' ? '小学' : '初中'}学段，不能列入本轮招生`,
      );
    }
  }
  return out;
}

async function writePlaces(tx: Queryable, roundId: number, places: { schoolId: string; places: number }[]) {
  const q = sqlOf(tx);
  await q.deleteFrom('admission_round_school').where('round_id', '=', roundId).execute();
  if (places.length === 0) return;
  await q
    .insertInto('admission_round_school')
    .values(places.map((p) => ({ round_id: roundId, school_id: p.schoolId, places: p.places })))
    .execute();
}

/**
 * Creates a round (status open), audited `admissionRound.create`.
 * @throws AccessError notFound (county), notAllowed (not the county's bureau), invalidData
 */
export function createRound(
  db: Database | Queryable,
  actor: Actor,
  input: NewRound,
  opts: { ip?: string | null } = {},
): Promise<RoundDetail> {
  return inTransaction(db, async (tx) => {
    const county = String(input.countyCode ?? '');
    const message = `没有找到县 ${county}，或您无权管理该县招生`;
    const q = sqlOf(tx);
    const c = await q
      .selectFrom('region')
      .select('code')
      .where('code', '=', county)
      .where('level', '=', 'county')
      .executeTakeFirst();
    if (!c) throw new AccessError('notFound', message);
    requireAllowed(actor, 'edit', plan(county), message);
    checkYear(input.year);
    if (input.stage !== 'primary' && input.stage !== 'junior') {
      throw new AccessError(
        'invalidData',
        `学段只能是 primary（小学）或 junior（初中），收到 ${String(input.stage)}`,
      );
    }
    const title = checkTitle(input.title);
    const config = checkConfig(
      input.categories ?? DEFAULT_ADMISSION_CATEGORIES.map((x) => ({ ...x })),
      input.siblingPriority ?? false,
    );
    let places: { schoolId: string; places: number }[];
    if (input.places) places = await checkPlaces(tx, county, input.stage, input.places);
    else {
      const rows = await q
        .selectFrom('school')
        .select('id')
        .where('county_code', '=', county)
        .where('status', '=', 'open')
        .where('type', 'in', STAGE_TYPES[input.stage])
        .orderBy('id')
        .execute();
      places = rows.map((r) => ({ schoolId: r.id, places: 0 }));
    }
    const by = await actingUser(tx, actor);
    const { id } = await q
      .insertInto('admission_round')
      .values({
        county_code: county,
        year: input.year,
        stage: input.stage,
        title,
        categories: jsonb(config.categories),
        sibling_priority: config.siblingPriority,
        created_by: by.id,
        updated_by: by.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writePlaces(tx, id, places);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'admissionRound.create',
      entity: 'admission_round',
      entityId: String(id),
      after: { county, year: input.year, stage: input.stage, title, ...config, places },
      ip: opts.ip ?? null,
    });
    return detailOf(tx, actor, (await readRoundRow(tx, id))!);
  });
}

/** What an update changed, for its audit event: the old and new value of each changed field. */
interface RoundDiff {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** A new title, written if it differs. */
async function changeTitle(tx: Queryable, id: number, row: RoundRow, title: unknown, diff: RoundDiff) {
  const t = checkTitle(title);
  if (t !== row.title) {
    diff.before.title = row.title;
    diff.after.title = t;
    await sqlOf(tx).updateTable('admission_round').set({ title: t }).where('id', '=', id).execute();
  }
}

/** New categories or sibling priority, written if they differ; a category in use stays. */
async function changeConfig(
  tx: Queryable,
  id: number,
  row: RoundRow,
  changes: RoundChanges,
  diff: RoundDiff,
) {
  const config = checkConfig(
    changes.categories ?? row.categories,
    changes.siblingPriority ?? row.sibling_priority,
  );
  const ids = new Set(config.categories.map((c) => c.id));
  const q = sqlOf(tx);
  const used = await q
    .selectFrom('applicant')
    .select((eb) => ['category', eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', id)
    .groupBy('category')
    .execute();
  for (const u of used) {
    if (!ids.has(u.category)) {
      const name = row.categories.find((c) => c.id === u.category)?.name ?? u.category;
      throw new AccessError(
        'invalidData',
        `有 ${u.n} 名申请人的类别为“${name}”，不能删除该类别：请先修改这些申请人的类别`,
      );
    }
  }
  if (
    JSON.stringify(config.categories) !== JSON.stringify(row.categories) ||
    config.siblingPriority !== row.sibling_priority
  ) {
    diff.before.categories = row.categories;
    diff.before.siblingPriority = row.sibling_priority;
    diff.after.categories = config.categories;
    diff.after.siblingPriority = config.siblingPriority;
    await q
      .updateTable('admission_round')
      .set({ categories: jsonb(config.categories), sibling_priority: config.siblingPriority })
      .where('id', '=', id)
      .execute();
  }
}

/** Refuses to drop a school that applicants have as zone school or as 志愿. */
async function checkSchoolsKept(tx: Queryable, id: number, keep: Set<string>, old: RoundSchool[]) {
  const q = sqlOf(tx);
  const kept = [...keep];
  // With no school kept, every zone school and every 志愿 is one leaving the round.
  let orphans = q
    .selectFrom('applicant')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', id)
    .where('zone_school_id', 'is not', null);
  if (kept.length > 0) orphans = orphans.where('zone_school_id', 'not in', kept);
  const orphan = await orphans.executeTakeFirstOrThrow();
  if (orphan.n > 0) {
    throw new AccessError(
      'invalidData',
      `有 ${orphan.n} 名申请人的划片学校不在新的招生学校中：请先修改这些申请人的划片学校`,
    );
  }
  // A school named as a 志愿 cannot leave the round either: admission would refuse the list.
  let choices = q
    .selectFrom('applicant as a')
    .crossJoinLateral(
      sql<{ school_id: string }>`jsonb_array_elements_text(${sql.ref('a.choices')})`.as<'c'>(
        sql`c(school_id)`,
      ),
    )
    .select((eb) => ['c.school_id', eb.fn.countAll<number>().as('n')])
    .where('a.round_id', '=', id);
  if (kept.length > 0) choices = choices.where('c.school_id', 'not in', kept);
  const chosen = await choices.groupBy('c.school_id').orderBy('c.school_id').execute();
  if (chosen.length > 0) {
    const names = new Map(old.map((s) => [s.schoolId, s.schoolName]));
    const list = chosen
      .map((r) => `${names.get(r.school_id) ?? r.school_id}（${r.school_id}，${r.n} 人）`)
      .join('、');
    throw new AccessError(
      'invalidData',
      `有申请人把要移出本轮的学校填为志愿学校：${list}。请先修改这些申请人的志愿学校，再移出该校`,
    );
  }
}

/** A new list of schools and places, written if it differs (in any order). */
async function changePlaces(tx: Queryable, id: number, row: RoundRow, input: unknown, diff: RoundDiff) {
  const places = await checkPlaces(tx, row.county_code, row.stage, input);
  const old = await readSchools(tx, id);
  await checkSchoolsKept(tx, id, new Set(places.map((p) => p.schoolId)), old);
  const oldText = JSON.stringify(old.map((s) => [s.schoolId, s.places]));
  const sorted = [...places].sort((a, b) => (a.schoolId < b.schoolId ? -1 : 1));
  const oldSorted = [...old].sort((a, b) => (a.schoolId < b.schoolId ? -1 : 1));
  if (
    JSON.stringify(sorted.map((p) => [p.schoolId, p.places])) !==
    JSON.stringify(oldSorted.map((s) => [s.schoolId, s.places]))
  ) {
    diff.before.places = JSON.parse(oldText);
    diff.after.places = places.map((p) => [p.schoolId, p.places]);
    await writePlaces(tx, id, places);
  }
}

/**
 * Changes a round while it is open: title, categories (order, names, guarantee), sibling priority,
 * places. Audited `admissionRound.update` with before and after of what changed.
 * @throws AccessError notFound, notAllowed, conflict (stale version), wrongState (committed),
 *   invalidData (bad categories; a category still used by applicants removed; bad places; a school
 *   removed that applicants have as zone school or 志愿)
 */
export function updateRound(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  changes: RoundChanges,
  opts: { ip?: string | null } = {},
): Promise<RoundDetail> {
  return inTransaction(db, async (tx) => {
    const row = await lockRoundForEdit(tx, actor, id, changes.version, { needOpen: true });
    const by = await actingUser(tx, actor);
    const diff: RoundDiff = { before: {}, after: {} };
    if (changes.title !== undefined) await changeTitle(tx, id, row, changes.title, diff);
    if (changes.categories !== undefined || changes.siblingPriority !== undefined) {
      await changeConfig(tx, id, row, changes, diff);
    }
    if (changes.places !== undefined) await changePlaces(tx, id, row, changes.places, diff);
    if (Object.keys(diff.after).length > 0) {
      await touchRound(tx, id, by.id);
      await appendAudit(tx, {
        actor: by.username,
        actorId: by.id,
        action: 'admissionRound.update',
        entity: 'admission_round',
        entityId: String(id),
        before: diff.before,
        after: diff.after,
        ip: opts.ip ?? null,
      });
    }
    return detailOf(tx, actor, (await readRoundRow(tx, id))!);
  });
}
