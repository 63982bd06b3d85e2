/**
 * @module 招生轮次 as the bureau sets it up: stage, year, title, categories (core's category checks)
 * and the planned places per school, each refused with a catalogue message (rounds.*); and the
 * checks of the schools a list of places names against their register rows (read by the caller).
 */
import type { MessageKey } from '../../messages/catalogue.js';
import type { MessageParams } from '../../messages/format.js';
import { Refusal } from '../../messages/refusal.js';
import { type AdmissionCategoryConfig, checkCategoryConfig } from '../admit/categories.js';

export type AdmissionStage = 'primary' | 'junior';
export type RoundStatus = 'open' | 'committed' | 'admitted';

export const ROUND_STATUS_NAMES: Record<RoundStatus, string> = {
  open: '报名中',
  committed: '名单已公布（待派位）',
  admitted: '已录取',
};

/** School types that teach a stage (the stage part of 九年一贯制 and 十二年一贯制 included). */
export const ROUND_STAGE_SCHOOL_TYPES: Record<AdmissionStage, readonly string[]> = {
  primary: ['primary', 'nineYear', 'twelveYear', 'teachingPoint'],
  junior: ['junior', 'nineYear', 'twelveYear', 'completeMiddle'],
};

/** One school's 计划招生数 in a round. */
export interface RoundPlace {
  schoolId: string;
  places: number;
}

/** A school as the register has it, for the checks of a round's places. */
export interface RoundPlaceSchool {
  id: string;
  name: string;
  type: string;
  status: string;
  countyCode: string;
}

function invalid(key: MessageKey, params?: MessageParams): never {
  throw new Refusal('invalidRequest', key, params);
}

/** A round's school year. @throws Refusal invalidRequest */
export function checkRoundYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) invalid('rounds.year', { year: String(year) });
  return year;
}

/** @throws Refusal invalidRequest unless primary or junior */
export function checkRoundStage(stage: unknown): AdmissionStage {
  if (stage !== 'primary' && stage !== 'junior') invalid('rounds.stage', { stage: String(stage) });
  return stage;
}

/** The title trimmed, 1–100 characters. @throws Refusal invalidRequest */
export function checkRoundTitle(title: unknown): string {
  if (typeof title !== 'string' || title.trim() === '') invalid('rounds.titleMissing');
  const t = title.trim();
  if ([...t].length > 100) invalid('rounds.titleTooLong');
  return t;
}

/**
 * Categories and sibling priority as stored: core's checks, names trimmed.
 * @throws Refusal invalidRequest with core checkCategoryConfig's words
 */
export function checkRoundConfig(categories: unknown, siblingPriority: unknown): AdmissionCategoryConfig {
  const config = { categories, siblingPriority } as AdmissionCategoryConfig;
  const why = checkCategoryConfig(config);
  if (why) invalid('rounds.categories', { problem: why });
  return {
    categories: config.categories.map((c) => ({
      id: c.id,
      name: c.name.trim(),
      migrantGuarantee: c.migrantGuarantee,
    })),
    siblingPriority: config.siblingPriority,
  };
}

/**
 * The places as a list of schools, each once, with 0–100000 places (the schools themselves are
 * checked against the register by {@link checkPlaceSchools}).
 * @throws Refusal invalidRequest
 */
export function checkRoundPlaces(places: unknown): RoundPlace[] {
  if (!Array.isArray(places)) invalid('rounds.placesNotList', { shape: '[{schoolId, places}]' });
  const seen = new Set<string>();
  const out: RoundPlace[] = [];
  for (const p of places as { schoolId?: unknown; places?: unknown }[]) {
    const id = String(p?.schoolId ?? '');
    const n = p?.places;
    if (seen.has(id)) invalid('rounds.placeTwice', { schoolId: id });
    seen.add(id);
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > 100000) {
      invalid('rounds.placesRange', { schoolId: id, places: String(n) });
    }
    out.push({ schoolId: id, places: n });
  }
  return out;
}

/**
 * Every school of the places is an open school of the county teaching the stage.
 * @param register the schools named, by id, as the register has them
 * @throws Refusal invalidRequest naming the first school that is not
 */
export function checkPlaceSchools(
  places: readonly RoundPlace[],
  register: ReadonlyMap<string, RoundPlaceSchool>,
  county: string,
  stage: AdmissionStage,
): void {
  for (const p of places) {
    const s = register.get(p.schoolId);
    if (!s || s.countyCode !== county) invalid('rounds.placeNotInCounty', { schoolId: p.schoolId });
    if (s.status !== 'open') invalid('rounds.schoolClosed', { name: s.name, schoolId: s.id });
    if (!ROUND_STAGE_SCHOOL_TYPES[stage].includes(s.type)) {
      invalid('rounds.schoolWithoutStage', {
        name: s.name,
        schoolId: s.id,
        stage: stage === 'primary' ? '小学' : '初中',
      });
    }
  }
}
