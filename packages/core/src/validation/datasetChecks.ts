/**
 * @module The building blocks of dataset validation, shared by the county, school and stage
 * checks: paths of issues (built only when one is reported), unknown keys, and the checks of one
 * number or the eight facility figures. Written for speed like ./dataset.ts: plain loops and
 * fields read by name.
 */
import { FACILITY_FIELDS } from '../model.js';
import { FACILITY_INFO, type FieldInfo, STAGE_NUMBER_FIELDS } from './fields.js';
import type { ValidationIssue } from './issue.js';
import { checkNumber, checkTeacherSubset } from './rules.js';

export type Obj = Record<string, unknown>;
export type TeacherSubset =
  | 'aboveDegreeTeachers'
  | 'midTitleTeachers'
  | 'backboneTeachers'
  | 'peArtsTeachers';

export const FACILITY_KEYS = new Set<string>(FACILITY_FIELDS);

export const choices = (names: Record<string, string>) =>
  Object.entries(names)
    .map(([code, name]) => `${code}（${name}）`)
    .join('、');

/** `sub.key`, or `key` when sub is ''. */
export function join(sub: string, key: string): string {
  return sub === '' ? key : `${sub}.${key}`;
}

/**
 * Path of a value, built only when an issue is reported: school i (-1 = top level), stage j
 * (-1 = the school itself), then `tail` ('' = the object itself).
 */
export function pathOf(i: number, j: number, tail: string): string {
  let path = i < 0 ? '' : `schools[${i}]`;
  if (j >= 0) path += `.stages[${j}]`;
  return path === '' ? tail : tail === '' ? path : `${path}.${tail}`;
}

export function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** 1 if the key is present (its value is not undefined), for counting known keys. */
export function has(v: unknown): number {
  return v === undefined ? 0 : 1;
}

/**
 * Report keys the model does not have: a misspelt key would otherwise read as 未填报.
 * Callers first compare the number of keys with the number of known keys present (a cheap
 * count) and only come here when they differ.
 * @param sub path below school i / stage j ('' or 'sharedFacilities')
 */
export function reportUnknownKeys(
  obj: Obj,
  allowed: ReadonlySet<string>,
  i: number,
  j: number,
  sub: string,
  issues: ValidationIssue[],
): void {
  for (const key of Object.keys(obj)) {
    if (allowed.has(key)) continue;
    issues.push({
      path: pathOf(i, j, join(sub, key)),
      value: obj[key],
      message: `未知字段：请检查拼写，可用字段为 ${[...allowed].join('、')}`,
    });
  }
}

/** Number of enumerable keys. */
export function countKeys(obj: Obj): number {
  let n = 0;
  for (const _key in obj) n++;
  return n;
}

/**
 * Check one number of a school or stage; the usual case (null or a valid number) returns at once.
 * @param required absent is an issue (else absent is fine)
 * @param sub path below school i / stage j ('' or 'sharedFacilities')
 */
export function checkField(
  v: unknown,
  field: string,
  info: FieldInfo,
  required: boolean,
  i: number,
  j: number,
  sub: string,
  issues: ValidationIssue[],
): void {
  if (v === null) return;
  if (
    typeof v === 'number' &&
    v >= 0 &&
    v <= info.max &&
    (info.kind === 'count' ? Number.isInteger(v) : v !== Infinity)
  ) {
    return;
  }
  if (v === undefined) {
    if (!required) return;
    issues.push({
      path: pathOf(i, j, join(sub, field)),
      value: v,
      message: `缺少${info.label}：未填报请写 null`,
    });
    return;
  }
  const why = checkNumber(v, info);
  if (why) issues.push({ path: pathOf(i, j, join(sub, field)), value: v, message: `${info.label}${why}` });
}

/**
 * The eight facility figures of a stage (optional there: absent when reported for the whole
 * school) or of sharedFacilities (required, null for 未填报).
 * @returns how many of the eight keys are present
 */
export function checkFacilities(
  obj: Obj,
  required: boolean,
  i: number,
  j: number,
  sub: string,
  issues: ValidationIssue[],
): number {
  const F = FACILITY_INFO;
  checkField(obj.teachingSpace, 'teachingSpace', F.teachingSpace, required, i, j, sub, issues);
  checkField(obj.sportsSpace, 'sportsSpace', F.sportsSpace, required, i, j, sub, issues);
  checkField(obj.equipmentValue, 'equipmentValue', F.equipmentValue, required, i, j, sub, issues);
  checkField(obj.multimediaRooms, 'multimediaRooms', F.multimediaRooms, required, i, j, sub, issues);
  checkField(obj.computers, 'computers', F.computers, required, i, j, sub, issues);
  checkField(obj.books, 'books', F.books, required, i, j, sub, issues);
  checkField(obj.musicRooms, 'musicRooms', F.musicRooms, required, i, j, sub, issues);
  checkField(obj.artRooms, 'artRooms', F.artRooms, required, i, j, sub, issues);
  return (
    has(obj.teachingSpace) +
    has(obj.sportsSpace) +
    has(obj.equipmentValue) +
    has(obj.multimediaRooms) +
    has(obj.computers) +
    has(obj.books) +
    has(obj.musicRooms) +
    has(obj.artRooms)
  );
}

export function checkSubset(
  v: unknown,
  field: TeacherSubset,
  fullTime: number,
  i: number,
  j: number,
  issues: ValidationIssue[],
): void {
  if (typeof v !== 'number' || v <= fullTime) return;
  const why = checkTeacherSubset(v, fullTime);
  if (why) {
    issues.push({
      path: pathOf(i, j, field),
      value: v,
      message: `${STAGE_NUMBER_FIELDS[field].label}${why}`,
    });
  }
}
