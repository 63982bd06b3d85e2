/**
 * @module Creating and changing a round while it is open: title, categories, sibling priority and
 * the places per school, each checked (a category or school still used by applicants stays) and
 * audited with what changed.
 */
import {
  type Actor,
  type AdmissionCategory,
  type AdmissionStage,
  checkPlaceSchools,
  checkRoundConfig,
  checkRoundPlaces,
  checkRoundStage,
  checkRoundTitle,
  checkRoundYear,
  DEFAULT_ADMISSION_CATEGORIES,
  Refusal,
  ROUND_STAGE_SCHOOL_TYPES,
  type RoundPlace,
  requireAllowed,
} from '@junheng/core';
import {
  categoriesInUse,
  choicesOutside,
  countyByCode,
  insertRound,
  inTransaction,
  openSchoolsOfTypes,
  placeSchools,
  type Queryable,
  type RoundRow,
  type RoundSchool,
  readRoundRow,
  readRoundSchools,
  setRoundConfig,
  setRoundTitle,
  touchRound,
  writeRoundPlaces,
  zoneSchoolsOutside,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import type { RoundDetail } from '../present.js';
import { lockRoundForEdit, plan } from './access.js';
import { roundDetail } from './roundReads.js';

export interface NewRound {
  /** Default: the county of the actor's region. */
  countyCode?: string;
  year: number;
  stage: AdmissionStage;
  title: string;
  /** Default: the five usual categories. */
  categories?: AdmissionCategory[];
  siblingPriority?: boolean;
  /** Default: every open school of the county teaching the stage, with 0 places. */
  places?: RoundPlace[];
}

export interface RoundChanges {
  /** The version the user edited (409 when stale). */
  version: number;
  title?: string;
  categories?: AdmissionCategory[];
  siblingPriority?: boolean;
  /** Replaces the whole list of schools and places. */
  places?: RoundPlace[];
}

/** The places as a list of open schools of the county teaching the stage. @throws Refusal invalidRequest */
async function checkPlaces(
  tx: Queryable,
  county: string,
  stage: AdmissionStage,
  places: unknown,
): Promise<RoundPlace[]> {
  const out = checkRoundPlaces(places);
  if (out.length === 0) return out;
  checkPlaceSchools(
    out,
    await placeSchools(
      tx,
      out.map((p) => p.schoolId),
    ),
    county,
    stage,
  );
  return out;
}

/**
 * Creates a round (status open), audited `admissionRound.create`.
 * @throws Refusal notFound (county), notAllowed (not the county's bureau), invalidRequest
 */
export function createRound(ctx: CommandContext, props: NewRound): Promise<RoundDetail> {
  const { actor } = ctx;
  return inTransaction(ctx.db, async (tx) => {
    const county = String(props.countyCode ?? actor.regionCode?.slice(0, 6) ?? '');
    const notFound = { key: 'rounds.countyNotFound', params: { county } } as const;
    if (!(await countyByCode(tx, county))) throw new Refusal('notFound', notFound.key, notFound.params);
    requireAllowed(actor, 'edit', plan(county), notFound);
    const year = checkRoundYear(props.year);
    const stage = checkRoundStage(props.stage);
    const title = checkRoundTitle(props.title);
    const config = checkRoundConfig(
      props.categories ?? DEFAULT_ADMISSION_CATEGORIES.map((x) => ({ ...x })),
      props.siblingPriority ?? false,
    );
    const places = props.places
      ? await checkPlaces(tx, county, stage, props.places)
      : (await openSchoolsOfTypes(tx, county, ROUND_STAGE_SCHOOL_TYPES[stage])).map((schoolId) => ({
          schoolId,
          places: 0,
        }));
    const by = await actingUser(tx, actor);
    const id = await insertRound(tx, { countyCode: county, year, stage, title, ...config }, by.id);
    await writeRoundPlaces(tx, id, places);
    await recordChange(
      tx,
      ctx,
      {
        action: 'admissionRound.create',
        entity: 'admission_round',
        entityId: id,
        after: { county, year, stage, title, ...config, places },
      },
      by,
    );
    return roundDetail(tx, actor, (await readRoundRow(tx, id))!);
  });
}

/** What an update changed, for its audit event: the old and new value of each changed field. */
interface RoundDiff {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** A new title, written if it differs. */
async function changeTitle(tx: Queryable, row: RoundRow, title: unknown, diff: RoundDiff) {
  const t = checkRoundTitle(title);
  if (t !== row.title) {
    diff.before.title = row.title;
    diff.after.title = t;
    await setRoundTitle(tx, row.id, t);
  }
}

/** New categories or sibling priority, written if they differ; a category in use stays. */
async function changeConfig(tx: Queryable, row: RoundRow, changes: RoundChanges, diff: RoundDiff) {
  const config = checkRoundConfig(
    changes.categories ?? row.categories,
    changes.siblingPriority ?? row.sibling_priority,
  );
  const ids = new Set(config.categories.map((c) => c.id));
  for (const u of await categoriesInUse(tx, row.id)) {
    if (!ids.has(u.category)) {
      const name = row.categories.find((c) => c.id === u.category)?.name ?? u.category;
      throw new Refusal('invalidRequest', 'rounds.categoryInUse', { count: u.n, name });
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
    await setRoundConfig(tx, row.id, config);
  }
}

/** Refuses to drop a school that applicants have as zone school or as 志愿. */
async function checkSchoolsKept(tx: Queryable, id: number, keep: Set<string>, old: RoundSchool[]) {
  const kept = [...keep];
  // With no school kept, every zone school and every 志愿 is one leaving the round.
  const orphans = await zoneSchoolsOutside(tx, id, kept);
  if (orphans > 0) throw new Refusal('invalidRequest', 'rounds.zoneSchoolLeaving', { count: orphans });
  // A school named as a 志愿 cannot leave the round either: admission would refuse the list.
  const chosen = await choicesOutside(tx, id, kept);
  if (chosen.length > 0) {
    const names = new Map(old.map((s) => [s.schoolId, s.schoolName]));
    const list = chosen
      .map((r) => `${names.get(r.school_id) ?? r.school_id}（${r.school_id}，${r.n} 人）`)
      .join('、');
    throw new Refusal('invalidRequest', 'rounds.choiceSchoolLeaving', { list });
  }
}

/** A new list of schools and places, written if it differs (in any order). */
async function changePlaces(tx: Queryable, row: RoundRow, input: unknown, diff: RoundDiff) {
  const places = await checkPlaces(tx, row.county_code, row.stage, input);
  const old = await readRoundSchools(tx, row.id);
  await checkSchoolsKept(tx, row.id, new Set(places.map((p) => p.schoolId)), old);
  const oldText = JSON.stringify(old.map((s) => [s.schoolId, s.places]));
  const sorted = [...places].sort((a, b) => (a.schoolId < b.schoolId ? -1 : 1));
  const oldSorted = [...old].sort((a, b) => (a.schoolId < b.schoolId ? -1 : 1));
  if (
    JSON.stringify(sorted.map((p) => [p.schoolId, p.places])) !==
    JSON.stringify(oldSorted.map((s) => [s.schoolId, s.places]))
  ) {
    diff.before.places = JSON.parse(oldText);
    diff.after.places = places.map((p) => [p.schoolId, p.places]);
    await writeRoundPlaces(tx, row.id, places);
  }
}

/**
 * Changes a round while it is open: title, categories (order, names, guarantee), sibling priority,
 * places. Audited `admissionRound.update` with before and after of what changed.
 * @throws Refusal notFound, notAllowed, conflict (stale version), wrongState (committed),
 *   invalidRequest (bad categories; a category still used by applicants removed; bad places; a
 *   school removed that applicants have as zone school or 志愿)
 */
export function updateRound(ctx: CommandContext, props: RoundChanges & { id: number }): Promise<RoundDetail> {
  const actor: Actor = ctx.actor;
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockRoundForEdit(tx, actor, props.id, props.version, { needOpen: true });
    const by = await actingUser(tx, actor);
    const diff: RoundDiff = { before: {}, after: {} };
    if (props.title !== undefined) await changeTitle(tx, row, props.title, diff);
    if (props.categories !== undefined || props.siblingPriority !== undefined) {
      await changeConfig(tx, row, props, diff);
    }
    if (props.places !== undefined) await changePlaces(tx, row, props.places, diff);
    if (Object.keys(diff.after).length > 0) {
      await touchRound(tx, row.id, by.id);
      await recordChange(
        tx,
        ctx,
        {
          action: 'admissionRound.update',
          entity: 'admission_round',
          entityId: row.id,
          before: diff.before,
          after: diff.after,
        },
        by,
      );
    }
    return roundDetail(tx, actor, (await readRoundRow(tx, row.id))!);
  });
}
