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
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
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
  const { rows } = await tx.query<{
    id: string;
    name: string;
    type: string;
    status: string;
    county_code: string;
  }>('SELECT id, name, type, status, county_code FROM school WHERE id = ANY($1::text[])', [
    out.map((p) => p.schoolId),
  ]);
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
  await tx.query('DELETE FROM admission_round_school WHERE round_id = $1', [roundId]);
  if (places.length === 0) return;
  await tx.query(
    `INSERT INTO admission_round_school (round_id, school_id, places)
     SELECT $1, x.school_id, x.places FROM jsonb_to_recordset($2::jsonb) AS x(school_id text, places integer)`,
    [roundId, jsonb(places.map((p) => ({ school_id: p.schoolId, places: p.places })))],
  );
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
    const c = await tx.query('SELECT 1 FROM region WHERE code = $1 AND level = $2', [county, 'county']);
    if (c.rows.length === 0) throw new AccessError('notFound', message);
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
      const { rows } = await tx.query<{ id: string }>(
        `SELECT id FROM school WHERE county_code = $1 AND status = 'open' AND type = ANY($2::text[]) ORDER BY id`,
        [county, STAGE_TYPES[input.stage]],
      );
      places = rows.map((r) => ({ schoolId: r.id, places: 0 }));
    }
    const by = await actingUser(tx, actor);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO admission_round (county_code, year, stage, title, categories, sibling_priority, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $7) RETURNING id`,
      [county, input.year, input.stage, title, jsonb(config.categories), config.siblingPriority, by.id],
    );
    const id = Number(rows[0]!.id);
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
    await tx.query('UPDATE admission_round SET title = $2 WHERE id = $1', [id, t]);
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
  const used = await tx.query<{ category: string; n: number }>(
    'SELECT category, count(*) AS n FROM applicant WHERE round_id = $1 GROUP BY category',
    [id],
  );
  for (const u of used.rows) {
    if (!ids.has(u.category)) {
      const name = row.categories.find((c) => c.id === u.category)?.name ?? u.category;
      throw new AccessError(
        'invalidData',
        `有 ${Number(u.n)} 名申请人的类别为“${name}”，不能删除该类别：请先修改这些申请人的类别`,
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
    await tx.query('UPDATE admission_round SET categories = $2::jsonb, sibling_priority = $3 WHERE id = $1', [
      id,
      jsonb(config.categories),
      config.siblingPriority,
    ]);
  }
}

/** Refuses to drop a school that applicants have as zone school or as 志愿. */
async function checkSchoolsKept(tx: Queryable, id: number, keep: Set<string>, old: RoundSchool[]) {
  const orphan = await tx.query<{ n: number }>(
    `SELECT count(*) AS n FROM applicant WHERE round_id = $1 AND zone_school_id IS NOT NULL AND NOT (zone_school_id = ANY($2::text[]))`,
    [id, [...keep]],
  );
  if (Number(orphan.rows[0]!.n) > 0) {
    throw new AccessError(
      'invalidData',
      `有 ${Number(orphan.rows[0]!.n)} 名申请人的划片学校不在新的招生学校中：请先修改这些申请人的划片学校`,
    );
  }
  // A school named as a 志愿 cannot leave the round either: admission would refuse the list.
  const chosen = await tx.query<{ school_id: string; n: number }>(
    `SELECT c.school_id, count(*) AS n
       FROM applicant a CROSS JOIN LATERAL jsonb_array_elements_text(a.choices) AS c(school_id)
      WHERE a.round_id = $1 AND NOT (c.school_id = ANY($2::text[]))
      GROUP BY c.school_id ORDER BY c.school_id`,
    [id, [...keep]],
  );
  if (chosen.rows.length > 0) {
    const names = new Map(old.map((s) => [s.schoolId, s.schoolName]));
    const list = chosen.rows
      .map((r) => `${names.get(r.school_id) ?? r.school_id}（${r.school_id}，${Number(r.n)} 人）`)
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
