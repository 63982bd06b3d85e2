/**
 * @module What a stored 电脑派位 draw is created with and what is entered at its draw, checked before
 * anything is read or written: the shapes (a draw to create, the circumstances of the draw), the
 * purposes and their names, the limits, and the checks, which refuse with the catalogue's lottery
 * messages naming the field (the entries' and the seed's own problems in core's words).
 */
import { type MessageKey, message } from '../../messages/catalogue.js';
import type { MessageParams } from '../../messages/format.js';
import { Refusal } from '../../messages/refusal.js';
import { LotteryInputError } from './canonical.js';
import { parseLotterySeed } from './seed.js';

export type DrawPurpose = 'admission' | 'headTeacher';

/** 中文 names of the purposes. */
export const DRAW_PURPOSE_NAMES: Record<DrawPurpose, string> = {
  admission: '招生派位',
  headTeacher: '班主任派位',
};

/** Most children in one draw. */
export const MAX_DRAW_ENTRIES = 200_000;
/** A protocol lists every rank up to this many children, else the first this many. */
export const PROTOCOL_ALL_RANKS = 500;

const MAX_SLOTS = 200;
const MAX_WITNESSES = 30;
/** The role of a witness entered without one. */
const DEFAULT_WITNESS_ROLE = '见证人';

/** A draw to create (and commit). */
export interface NewDraw {
  /** 6-digit county. */
  countyCode: string;
  /** Set for a school's own head-teacher draw. */
  schoolId?: string | null;
  /** School year (start year), e.g. 2026. */
  year: number;
  purpose: DrawPurpose;
  /** e.g. 2026年清源县小学招生电脑派位. */
  title: string;
  /** ONE entry per child/family (twins share one), core lottery entry. */
  entries: { ticket: string; secret: string }[];
  /** headTeacher: class names; rank i (1-based) takes slots[i-1]. */
  slots?: string[] | null;
  /**
   * admission: the admission_round it ranks — set only by a round's commit (the HTTP API does not
   * take it). Must be of the same county and year, and have no draw yet.
   */
  roundId?: number | null;
}

/** Someone present at the draw, e.g. {name:'王公证', role:'公证员'}. */
export interface DrawWitness {
  name: string;
  role: string;
}

/** What is entered at the draw. */
export interface ConductDrawInput {
  /** The digits drawn in public (spaces allowed for reading), ≥ 20 digits. */
  seed: string;
  /** Who runs the program. */
  operatorName: string;
  /** Who watched (at least one). */
  witnesses: DrawWitness[];
  /** Where the draw took place. */
  place: string;
  /** 公证处 and 公证员, when a notary attended. */
  notary?: string | null;
}

/** A draw to create, checked. */
export interface CheckedDraw {
  countyCode: string;
  schoolId: string | null;
  year: number;
  purpose: DrawPurpose;
  title: string;
  slots: string[] | null;
  roundId: number | null;
  entries: { ticket: string; secret: string }[];
}

/** What is entered at the draw, checked. */
export interface CheckedConduct {
  seed: string;
  operatorName: string;
  witnesses: DrawWitness[];
  place: string;
  notary: string | null;
}

/** Refuses the request naming what is wrong (the lottery namespace of the catalogue). */
function invalid(key: MessageKey, params?: MessageParams): never {
  throw new Refusal('invalidRequest', key, params);
}

/**
 * Core's own refusals of entries and seeds (LotteryInputError, Chinese, naming the entry) as a
 * Refusal invalidRequest with the same words.
 */
export function asLotteryRefusal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LotteryInputError) {
      throw new Refusal('invalidRequest', 'lottery.entryRefused', { reason: err.message });
    }
    throw err;
  }
}

/** A trimmed text of at most `max` characters; null when optional and empty. */
function text(value: unknown, what: string, max: number, required = true): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) invalid('lottery.textRequired', { what });
    return null;
  }
  if (typeof value !== 'string') invalid('lottery.textNotText', { what });
  const t = (value as string).trim();
  const length = [...t].length;
  if (length > max) invalid('lottery.textTooLong', { what, max, length });
  return t;
}

/** A school year (its start year), as the schema allows it. */
function checkDrawYear(year: unknown): number {
  if (!Number.isInteger(year) || (year as number) < 2000 || (year as number) > 2100) {
    invalid('lottery.yearInvalid', { value: String(year) });
  }
  return year as number;
}

/** The head-teacher classes: one name each, distinct, no more classes than entries. */
function checkSlots(input: NewDraw, entries: number): string[] | null {
  if (input.purpose !== 'headTeacher') {
    if (input.slots !== undefined && input.slots !== null) invalid('lottery.slotsOnlyHeadTeacher');
    return null;
  }
  if (!Array.isArray(input.slots) || input.slots.length === 0) invalid('lottery.slotsRequired');
  const given = input.slots as unknown[];
  if (given.length > MAX_SLOTS) invalid('lottery.slotsTooMany', { max: MAX_SLOTS, count: given.length });
  const slots = given.map((s, i) => text(s, message('lottery.fieldSlot', { n: i + 1 }), 30)!);
  const dup = slots.find((s, i) => slots.indexOf(s) !== i);
  if (dup !== undefined) invalid('lottery.slotDuplicate', { name: dup });
  if (slots.length > entries) {
    invalid('lottery.slotsMoreThanEntries', { slots: slots.length, entries });
  }
  return slots;
}

/**
 * Checks a draw to create (its entries are checked by core's canonicalList afterwards).
 * @throws Refusal invalidRequest naming the field
 */
export function checkNewDraw(input: NewDraw): CheckedDraw {
  if (typeof input !== 'object' || input === null) invalid('lottery.notObject');
  const countyCode = String(input.countyCode ?? '');
  if (!/^[1-9]\d{5}$/.test(countyCode) || countyCode.endsWith('00')) {
    invalid('lottery.countyCodeInvalid', { value: countyCode || message('lottery.emptyValue') });
  }
  const year = checkDrawYear(input.year);
  if (input.purpose !== 'admission' && input.purpose !== 'headTeacher') {
    invalid('lottery.purposeInvalid', { value: String(input.purpose) });
  }
  const title = text(input.title, message('lottery.fieldTitle'), 100)!;
  const schoolId = input.schoolId ?? null;
  if (schoolId !== null && !/^\d{10}$/.test(String(schoolId))) {
    invalid('lottery.schoolIdInvalid', { value: String(schoolId) });
  }
  const roundId = input.roundId ?? null;
  if (roundId !== null && !(Number.isSafeInteger(roundId) && roundId > 0)) {
    invalid('lottery.roundIdInvalid', { value: String(roundId) });
  }
  if (roundId !== null && (input.purpose !== 'admission' || schoolId !== null)) {
    invalid('lottery.roundOnlyCountyAdmission');
  }
  const entries = input.entries;
  if (!Array.isArray(entries) || entries.length === 0) invalid('lottery.entriesEmpty');
  if (entries.length > MAX_DRAW_ENTRIES) {
    invalid('lottery.entriesTooMany', { count: entries.length, max: MAX_DRAW_ENTRIES });
  }
  for (const [i, e] of entries.entries()) {
    if (typeof e?.ticket !== 'string' || typeof e?.secret !== 'string') {
      invalid('lottery.entryShape', { n: i + 1 });
    }
  }
  const slots = checkSlots(input, entries.length);
  return { countyCode, schoolId, year, purpose: input.purpose, title, slots, roundId, entries };
}

/**
 * Checks what is entered at the draw: the seed (core: ≥ 20 digits), operator, witnesses, place,
 * notary.
 * @throws Refusal invalidRequest naming the field (the seed's problem in core's words)
 */
export function checkConduct(input: ConductDrawInput): CheckedConduct {
  if (typeof input !== 'object' || input === null) invalid('lottery.notObject');
  if (typeof input.seed !== 'string') invalid('lottery.seedMissing');
  const seed = asLotteryRefusal(() => parseLotterySeed(input.seed));
  const operatorName = text(input.operatorName, message('lottery.fieldOperator'), 50)!;
  if (!Array.isArray(input.witnesses) || input.witnesses.length === 0) invalid('lottery.witnessesMissing');
  if (input.witnesses.length > MAX_WITNESSES) {
    invalid('lottery.witnessesTooMany', { max: MAX_WITNESSES, count: input.witnesses.length });
  }
  const witnesses = input.witnesses.map((w, i) => ({
    name: text(w?.name, message('lottery.fieldWitnessName', { n: i + 1 }), 50)!,
    role: text(w?.role, message('lottery.fieldWitnessRole', { n: i + 1 }), 30, false) ?? DEFAULT_WITNESS_ROLE,
  }));
  const place = text(input.place, message('lottery.fieldPlace'), 100)!;
  const notary = text(input.notary, message('lottery.fieldNotary'), 100, false);
  return { seed, operatorName, witnesses, place, notary };
}
