/**
 * @module The county-level items (县级指标) a bureau reports for a school year: read them, and
 * save some of them in one audited transaction.
 *
 * Decisions:
 * - The items allowed are core's countyItemSpecs of the national standards (both standards, the
 *   vetoes included), and each value is checked with core's checkCountyItemValue: the same rules
 *   and Chinese messages as the JSON and Excel imports (numbers for numeric items, ratios as
 *   fractions 0–1, 是/否 as booleans for judgments and vetoes, nothing for items computed from the
 *   schools). Provincial overrides change thresholds, not which items exist.
 * - Access: view / edit on a countyInput resource of the county (the bureau of the county edits;
 *   inspectors, city and province users read).
 * - A save is partial: items not named keep their values. `note` absent keeps the stored note,
 *   null or "" clears it. Items whose value and note do not change are not written, and the one
 *   audit event (`countyInput.save`, entity `county_input`, id `<county>/<year>`) holds before and
 *   after of the changed items only ({value, note}, before null for an item never saved). A save
 *   that changes nothing writes nothing, not even an audit event.
 */
import {
  type Actor,
  type CountyItemSpec,
  checkCountyItemValue,
  countyItemSpecs,
  nationalStandards,
  resourceRegionLevel,
} from '@junheng/core';
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { AccessError, requireAllowed } from '../platform/access.js';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { actingUser, checkYear, inTransaction } from '../platform/queryKit.js';
import { ensureSchoolYear } from '../schools/schoolYears.js';

/** One stored county item. */
export interface CountyInputValue {
  /** A number (ratios as fractions), a judgment, or null (未填报). */
  value: number | boolean | null;
  /** 佐证说明. */
  note: string | null;
  updatedAt: Date;
  /** Display name of who saved it last (null for imports by the system). */
  updatedByName: string | null;
}

/** Whether the county items of a year may still change, and why not (shown on the page). */
export interface CountyInputsLock {
  /** True once an evaluation of the year is published (公示): the items are read-only. */
  locked: boolean;
  /** The published run that locks them. */
  runId: number | null;
  publishedAt: Date | null;
  /** 中文: why they are read-only and what to do instead; null when editable. */
  reason: string | null;
}

/** The one rule, used by the save and by the page: a published year's county items are final. */
async function publicationLock(db: Queryable, countyCode: string, year: number): Promise<CountyInputsLock> {
  const run = await sqlOf(db)
    .selectFrom('evaluation_run')
    .select(['id', 'published_at'])
    .where('county_code', '=', countyCode)
    .where('year', '=', year)
    .where('published_at', 'is not', null)
    .orderBy('published_at')
    .orderBy('id')
    .limit(1)
    .$narrowType<{ published_at: Date }>()
    .executeTakeFirst();
  if (!run) return { locked: false, runId: null, publishedAt: null, reason: null };
  return {
    locked: true,
    runId: run.id,
    publishedAt: run.published_at,
    reason: `${year} 学年的评估结果已公示（评估编号 ${run.id}），县级指标不能再修改：如确需更正，请在下一学年填报并说明`,
  };
}

/**
 * Whether the county items of a year are read-only (an evaluation of the year is published).
 * @param db the database or a transaction handle
 * @param actor the signed-in user: needs view on the county's items
 * @param countyCode the county (6 digits)
 * @param year school year
 * @returns locked, by which run, and the reason to show
 * @throws AccessError notFound when the county does not exist or the actor may not view it
 */
export async function getCountyInputsLock(
  db: Database | Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
): Promise<CountyInputsLock> {
  checkYear(year);
  await checkCounty(db, actor, countyCode, 'view');
  return publicationLock(db, countyCode, year);
}

/** One item to save. */
export interface CountyInputItem {
  itemId: string;
  value: number | boolean | null;
  /** Absent: keep the stored note; null or blank: clear it. */
  note?: string | null;
}

/** The county items of both national standards, by id. */
const SPECS: ReadonlyMap<string, CountyItemSpec> = new Map(
  countyItemSpecs(nationalStandards()).map((s) => [s.id, s]),
);

/** Longest 佐证说明 kept (a paragraph naming the documents, not the documents themselves). */
const NOTE_MAX = 2000;

function countyNotFound(countyCode: string): string {
  return `没有找到县 ${String(countyCode)}，或您无权查看该县的县级指标`;
}

async function checkCounty(db: Queryable, actor: Actor, countyCode: string, action: 'view' | 'edit') {
  const message = countyNotFound(countyCode);
  if (resourceRegionLevel(countyCode) !== 'county') throw new AccessError('notFound', message);
  requireAllowed(actor, action, { kind: 'countyInput', regionCode: countyCode }, message);
  const county = await sqlOf(db)
    .selectFrom('region')
    .select('code')
    .where('code', '=', countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new AccessError('notFound', message);
}

/** A stored item's value: saveCountyInputs and the imports write only what checkCountyItemValue admits. */
function storedValue(value: unknown): number | boolean | null {
  return value as number | boolean | null;
}

async function readInputs(
  db: Queryable,
  countyCode: string,
  year: number,
): Promise<Record<string, CountyInputValue>> {
  const rows = await sqlOf(db)
    .selectFrom('county_input as c')
    .leftJoin('app_user as u', 'u.id', 'c.updated_by')
    .select(['c.item_id', 'c.value', 'c.note', 'c.updated_at', 'u.display_name as updated_by_name'])
    .where('c.county_code', '=', countyCode)
    .where('c.year', '=', year)
    .orderBy(sql`${sql.ref('c.item_id')} COLLATE "C"`)
    .execute();
  const out: Record<string, CountyInputValue> = {};
  for (const r of rows) {
    out[r.item_id] = {
      value: storedValue(r.value),
      note: r.note,
      updatedAt: r.updated_at,
      updatedByName: r.updated_by_name,
    };
  }
  return out;
}

/**
 * Reads a county's items of a school year.
 * @param db the database or a transaction handle
 * @param actor the signed-in user (view on the county's county inputs)
 * @param countyCode the county (6 digits)
 * @param year school year
 * @returns the stored items by item id (items never saved are absent)
 * @throws AccessError notFound when the county does not exist or the actor may not view it
 */
export async function getCountyInputs(
  db: Database | Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
): Promise<Record<string, CountyInputValue>> {
  checkYear(year);
  await checkCounty(db, actor, countyCode, 'view');
  return readInputs(db, countyCode, year);
}

interface CheckedItem {
  itemId: string;
  value: number | boolean | null;
  /** undefined: keep the stored note. */
  note: string | null | undefined;
}

function checkItems(items: readonly CountyInputItem[]): CheckedItem[] {
  if (!Array.isArray(items))
    throw new AccessError('invalidData', '县级指标应为列表：[{itemId, value, note}]');
  const seen = new Set<string>();
  return items.map((item) => {
    const id = (item as Partial<CountyInputItem> | null)?.itemId;
    if (typeof id !== 'string') throw new AccessError('invalidData', '每个县级指标都要有指标编号（itemId）');
    const spec = SPECS.get(id);
    if (!spec) {
      throw new AccessError(
        'invalidData',
        `没有编号为“${id}”的县级指标：请使用县级指标模板“指标编号”列中的编号（如 rotation、retention）`,
      );
    }
    if (seen.has(id))
      throw new AccessError('invalidData', `县级指标“${spec.name}”（${id}）在一次保存中出现了两次`);
    seen.add(id);
    if (item.value === undefined) {
      throw new AccessError('invalidData', `县级指标“${spec.name}”（${id}）缺少填报值：未填报请写 null`);
    }
    const why = checkCountyItemValue(spec, item.value);
    if (why) throw new AccessError('invalidData', `县级指标“${spec.name}”（${id}）：${why}`);
    let note: string | null | undefined;
    if (item.note === undefined) note = undefined;
    else if (item.note === null) note = null;
    else if (typeof item.note !== 'string') {
      throw new AccessError('invalidData', `县级指标“${spec.name}”（${id}）的佐证说明应为文字`);
    } else {
      const t = item.note.trim();
      if ([...t].length > NOTE_MAX) {
        throw new AccessError(
          'invalidData',
          `县级指标“${spec.name}”（${id}）的佐证说明不能超过 ${NOTE_MAX} 个字`,
        );
      }
      note = t === '' ? null : t;
    }
    return { itemId: id, value: item.value, note };
  });
}

/**
 * Saves some of a county's items of a school year (upsert), in one transaction with one audit
 * event listing what changed. Creates the school year if needed.
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user (edit on the county's county inputs: the county's bureau)
 * @param countyCode the county (6 digits)
 * @param year school year
 * @param items the items to save
 * @param opts `ip` for the audit event
 * @returns all the county's items of the year after the save
 * @throws AccessError notFound (county missing or not visible), notAllowed (may view, not edit),
 *   invalidData (unknown item, wrong value type or range, duplicate item); nothing is written
 */
export function saveCountyInputs(
  db: Database | Queryable,
  actor: Actor,
  countyCode: string,
  year: number,
  items: CountyInputItem[],
  opts: { ip?: string | null } = {},
): Promise<Record<string, CountyInputValue>> {
  let checked: CheckedItem[];
  try {
    checkYear(year);
    checked = checkItems(items);
  } catch (err) {
    return Promise.reject(err);
  }
  return inTransaction(db, async (tx) => {
    await checkCounty(tx, actor, countyCode, 'edit');
    const by = await actingUser(tx, actor);
    // What the public saw stays true: a published year's county items are part of its evaluation.
    const lock = await publicationLock(tx, countyCode, year);
    if (lock.locked && checked.length > 0) throw new AccessError('wrongState', lock.reason!);
    const ids = checked.map((i) => i.itemId);
    // FOR UPDATE: two bureau users saving at once are applied one after the other, each audited
    // against what the other wrote.
    const q = sqlOf(tx);
    const stored = await q
      .selectFrom('county_input')
      .select(['item_id', 'value', 'note'])
      .where('county_code', '=', countyCode)
      .where('year', '=', year)
      .where((eb) => eb('item_id', '=', eb.fn.any(sql<string[]>`${ids}::text[]`)))
      .forUpdate()
      .execute();
    const old = new Map(stored.map((r) => [r.item_id, { ...r, value: storedValue(r.value) }]));
    const before: Record<string, { value: unknown; note: string | null } | null> = {};
    const after: Record<string, { value: unknown; note: string | null }> = {};
    for (const item of checked) {
      const prev = old.get(item.itemId);
      const note = item.note === undefined ? (prev?.note ?? null) : item.note;
      if (prev && prev.value === item.value && prev.note === note) continue;
      before[item.itemId] = prev ? { value: prev.value, note: prev.note } : null;
      after[item.itemId] = { value: item.value, note };
    }
    const changed = Object.keys(after);
    if (changed.length === 0) return readInputs(tx, countyCode, year);

    await ensureSchoolYear(tx, year);
    const now = sql<Date>`now()`;
    for (const id of changed) {
      await q
        .insertInto('county_input')
        .values({
          county_code: countyCode,
          year,
          item_id: id,
          value: jsonb(after[id]!.value),
          note: after[id]!.note,
          updated_by: by.id,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['county_code', 'year', 'item_id']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            note: eb.ref('excluded.note'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: now,
          })),
        )
        .execute();
    }
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'countyInput.save',
      entity: 'county_input',
      entityId: `${countyCode}/${year}`,
      before,
      after,
      ip: opts.ip ?? null,
    });
    return readInputs(tx, countyCode, year);
  });
}
