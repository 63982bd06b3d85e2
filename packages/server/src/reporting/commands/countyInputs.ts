/**
 * @module The county-level items (县级指标) a bureau reports for a school year: read them, whether
 * they may still change, and save some of them in one audited transaction.
 *
 * Decisions:
 * - The county is the one asked for, or the user's own (schools county.ts resolveCounty); access is
 *   view / edit on a countyInput resource of the county (the bureau of the county edits;
 *   inspectors, city and province users read).
 * - The items and values allowed are core's checkCountyInputItems (the imports' rules and words).
 * - A save is partial: items not named keep their values. `note` absent keeps the stored note,
 *   null or "" clears it. Items whose value and note do not change are not written, and the one
 *   audit event (`countyInput.save`, entity `county_input`, id `<county>/<year>`) holds before and
 *   after of the changed items only ({value, note}, before null for an item never saved). A save
 *   that changes nothing writes nothing, not even an audit event.
 * - A year whose evaluation is published (公示) is final: its items are read-only.
 */
import {
  type CheckedCountyItem,
  type CountyInputItem,
  checkCountyInputItems,
  checkReportYear,
  message,
  Refusal,
  requireAllowed,
  resourceRegionLevel,
} from '@junheng/core';
import {
  type CountyInputValue,
  countyExists,
  inTransaction,
  lockCountyInputs,
  publishedRunOf,
  type Queryable,
  readCountyInputs,
  upsertCountyInputs,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../platform/commands.js';
import { resolveCounty } from '../../schools/county.js';

/** Which county's items of which year (the user's own county when none is named). */
export interface CountyYear {
  countyCode?: string;
  year: number;
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
  const run = await publishedRunOf(db, countyCode, year);
  if (!run) return { locked: false, runId: null, publishedAt: null, reason: null };
  return {
    locked: true,
    runId: run.id,
    publishedAt: run.publishedAt,
    reason: message('reporting.countyInputsPublished', { year, runId: run.id }),
  };
}

/** The county's view or edit right on its items, and that it exists. */
async function checkCounty(db: Queryable, ctx: CommandContext, countyCode: string, action: 'view' | 'edit') {
  const notFound = {
    key: 'reporting.countyInputsNotFound',
    params: { countyCode: String(countyCode) },
  } as const;
  if (resourceRegionLevel(countyCode) !== 'county')
    throw new Refusal('notFound', notFound.key, notFound.params);
  requireAllowed(ctx.actor, action, { kind: 'countyInput', regionCode: countyCode }, notFound);
  if (!(await countyExists(db, countyCode))) throw new Refusal('notFound', notFound.key, notFound.params);
}

/** The county asked for (or the user's own), checked for viewing its items. */
async function countyOf(ctx: CommandContext, q: CountyYear): Promise<string> {
  return (await resolveCounty(ctx.db, ctx.actor, 'countyInput', q.countyCode)).code;
}

/**
 * Reads a county's items of a school year.
 * @returns the county and its stored items by item id (items never saved are absent)
 * @throws Refusal / ApiError notFound when the county does not exist or the actor may not view it
 */
export async function getCountyInputs(
  ctx: CommandContext,
  q: CountyYear,
): Promise<{ countyCode: string; items: Record<string, CountyInputValue> }> {
  const countyCode = await countyOf(ctx, q);
  checkReportYear(q.year);
  await checkCounty(ctx.db, ctx, countyCode, 'view');
  return { countyCode, items: await readCountyInputs(ctx.db, countyCode, q.year) };
}

/**
 * Whether the county items of a year are read-only (an evaluation of the year is published).
 * @returns locked, by which run, and the reason to show
 * @throws Refusal / ApiError notFound when the county does not exist or the actor may not view it
 */
export async function getCountyInputsLock(ctx: CommandContext, q: CountyYear): Promise<CountyInputsLock> {
  const countyCode = await countyOf(ctx, q);
  checkReportYear(q.year);
  await checkCounty(ctx.db, ctx, countyCode, 'view');
  return publicationLock(ctx.db, countyCode, q.year);
}

/** What a save changes: before and after of the items whose value or note differ. */
async function changesOf(tx: Queryable, countyCode: string, year: number, checked: CheckedCountyItem[]) {
  const old = await lockCountyInputs(
    tx,
    countyCode,
    year,
    checked.map((i) => i.itemId),
  );
  const before: Record<string, { value: unknown; note: string | null } | null> = {};
  const after: Record<string, { value: unknown; note: string | null }> = {};
  for (const item of checked) {
    const prev = old.get(item.itemId);
    const note = item.note === undefined ? (prev?.note ?? null) : item.note;
    if (prev && prev.value === item.value && prev.note === note) continue;
    before[item.itemId] = prev ? { value: prev.value, note: prev.note } : null;
    after[item.itemId] = { value: item.value, note };
  }
  return { before, after };
}

/**
 * Saves some of a county's items of a school year (upsert), in one transaction with one audit
 * event listing what changed. Creates the school year if needed.
 * @returns the county and all its items of the year after the save
 * @throws Refusal notFound (county missing or not visible), notAllowed (may view, not edit),
 *   invalidRequest (unknown item, wrong value type or range, duplicate item), wrongState (the
 *   year is published); nothing is written
 */
export async function saveCountyInputs(
  ctx: CommandContext,
  q: CountyYear & { items: CountyInputItem[] },
): Promise<{ countyCode: string; items: Record<string, CountyInputValue> }> {
  const countyCode = await countyOf(ctx, q);
  const { year } = q;
  checkReportYear(year);
  const checked = checkCountyInputItems(q.items);
  const items = await inTransaction(ctx.db, async (tx) => {
    await checkCounty(tx, ctx, countyCode, 'edit');
    const by = await actingUser(tx, ctx.actor);
    // What the public saw stays true: a published year's county items are part of its evaluation.
    const lock = await publicationLock(tx, countyCode, year);
    if (lock.locked && checked.length > 0) {
      throw new Refusal('wrongState', 'reporting.countyInputsPublished', { year, runId: lock.runId });
    }
    const { before, after } = await changesOf(tx, countyCode, year, checked);
    if (Object.keys(after).length === 0) return readCountyInputs(tx, countyCode, year);
    await upsertCountyInputs(tx, countyCode, year, after, by.id);
    const change = { action: 'countyInput.save', entity: 'county_input', entityId: `${countyCode}/${year}` };
    await recordChange(tx, ctx, { ...change, before, after }, by);
    return readCountyInputs(tx, countyCode, year);
  });
  return { countyCode, items };
}
