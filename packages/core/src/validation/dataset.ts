/**
 * @module Validation of the JSON machine format (CountyDataset) before anything computes with it.
 * A national file of 200,000 schools must validate in a fraction of a second, hence the style:
 * plain loops; fields read by name (`report.students`), because a read whose property name
 * varies (`report[field]` in a loop) is several times slower; and paths built only for issues.
 */
import {
  type County,
  type CountyDataset,
  FACILITY_FIELDS,
  LOCALITY_NAMES,
  type Num,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  STAGE_NAMES,
  type Stage,
} from '../model.js';
import { nationalStandards } from '../standards/overrides.js';
import type { StandardSet } from '../standards/types.js';
import { collectCountyInputIssues, countyItemSpecs } from './county-items.js';
import { FACILITY_INFO, type FieldInfo, SENIOR_STUDENTS_INFO, STAGE_NUMBER_FIELDS } from './fields.js';
import { SchoolIdIndex } from './id-index.js';
import type { ValidationIssue } from './issue.js';
import {
  checkCountyCode,
  checkJudgment,
  checkName,
  checkNumber,
  checkRegionCode,
  checkSchoolId,
  checkSeniorStudentsType,
  checkStageOfType,
  checkTeacherSubset,
  checkYear,
  duplicateStageMessage,
  schoolNameConflictMessage,
} from './rules.js';

export interface DatasetValidation {
  /** The input, typed, when there is no issue; the validator never copies or changes it. */
  dataset?: CountyDataset;
  /** Every problem found, in input order. */
  issues: ValidationIssue[];
}

export interface ValidateOptions {
  /** Tables whose county items define the allowed countyInputs keys (national by default). */
  standards?: StandardSet;
}

type Obj = Record<string, unknown>;
type TeacherSubset = 'aboveDegreeTeachers' | 'midTitleTeachers' | 'backboneTeachers' | 'peArtsTeachers';

const TOP_KEYS = new Set(['$schema', 'county', 'year', 'schools', 'countyInputs']);
const COUNTY_KEYS = new Set(['code', 'name', 'province', 'city']);
const SCHOOL_KEYS = new Set([
  'id',
  'name',
  'type',
  'regionCode',
  'locality',
  'seniorStudents',
  'sharedFacilities',
  'meetsProvincialStandard',
  'stages',
]);
const STAGE_KEYS = new Set(['stage', ...Object.keys(STAGE_NUMBER_FIELDS), ...FACILITY_FIELDS]);
const FACILITY_KEYS = new Set<string>(FACILITY_FIELDS);
const SCHOOL_TYPES = new Set(Object.keys(SCHOOL_TYPE_NAMES));
const LOCALITIES = new Set(Object.keys(LOCALITY_NAMES));

const choices = (names: Record<string, string>) =>
  Object.entries(names)
    .map(([code, name]) => `${code}（${name}）`)
    .join('、');
const TYPE_CHOICES = choices(SCHOOL_TYPE_NAMES);
const STAGE_CHOICES = choices(STAGE_NAMES);
const LOCALITY_CHOICES = choices(LOCALITY_NAMES);

/** `sub.key`, or `key` when sub is ''. */
function join(sub: string, key: string): string {
  return sub === '' ? key : `${sub}.${key}`;
}

/**
 * Path of a value, built only when an issue is reported: school i (-1 = top level), stage j
 * (-1 = the school itself), then `tail` ('' = the object itself).
 */
function pathOf(i: number, j: number, tail: string): string {
  let path = i < 0 ? '' : `schools[${i}]`;
  if (j >= 0) path += `.stages[${j}]`;
  return path === '' ? tail : tail === '' ? path : `${path}.${tail}`;
}

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** 1 if the key is present (its value is not undefined), for counting known keys. */
function has(v: unknown): number {
  return v === undefined ? 0 : 1;
}

/**
 * Report keys the model does not have: a misspelt key would otherwise read as 未填报.
 * Callers first compare the number of keys with the number of known keys present (a cheap
 * count) and only come here when they differ.
 * @param sub path below school i / stage j ('' or 'sharedFacilities')
 */
function reportUnknownKeys(
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
function countKeys(obj: Obj): number {
  let n = 0;
  for (const _key in obj) n++;
  return n;
}

/**
 * Check one number of a school or stage; the usual case (null or a valid number) returns at once.
 * @param required absent is an issue (else absent is fine)
 * @param sub path below school i / stage j ('' or 'sharedFacilities')
 */
function checkField(
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
function checkFacilities(
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

function checkSubset(
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

function collectCountyIssues(county: unknown, path: string, issues: ValidationIssue[]): void {
  if (!isObject(county)) {
    issues.push({ path, value: county, message: '县域信息应为对象：{"code": "130123", "name": "某某县"}' });
    return;
  }
  reportUnknownKeys(county, COUNTY_KEYS, -1, -1, path, issues);
  let why = checkCountyCode(county.code);
  if (why) issues.push({ path: join(path, 'code'), value: county.code, message: `县级行政区划代码${why}` });
  why = checkName(county.name);
  if (why) issues.push({ path: join(path, 'name'), value: county.name, message: `县名称${why}` });
  for (const key of ['province', 'city'] as const) {
    const v = county[key];
    if (v !== undefined && typeof v !== 'string') {
      issues.push({ path: join(path, key), value: v, message: '应为文字（省、市名称）' });
    }
  }
}

function collectSharedFacilityIssues(facilities: unknown, i: number, issues: ValidationIssue[]): void {
  const sub = 'sharedFacilities';
  if (!isObject(facilities)) {
    issues.push({
      path: pathOf(i, -1, sub),
      value: facilities,
      message: '全校合计设施应为对象（各项未填报写 null），或删除该字段改为分学段填报',
    });
    return;
  }
  const known = checkFacilities(facilities, true, i, -1, sub, issues);
  if (countKeys(facilities) !== known) reportUnknownKeys(facilities, FACILITY_KEYS, i, -1, sub, issues);
}

function collectSchoolIssues(
  school: unknown,
  i: number,
  schools: unknown[],
  seen: SchoolIdIndex,
  issues: ValidationIssue[],
): void {
  if (!isObject(school)) {
    issues.push({
      path: pathOf(i, -1, ''),
      value: school,
      message: '每所学校应为对象：{"id": "2130012345", "name": "…", "stages": [...]}',
    });
    return;
  }
  const {
    id,
    name,
    type,
    regionCode,
    locality,
    seniorStudents,
    sharedFacilities,
    meetsProvincialStandard,
    stages,
  } = school;
  const known =
    has(id) +
    has(name) +
    has(type) +
    has(regionCode) +
    has(locality) +
    has(seniorStudents) +
    has(sharedFacilities) +
    has(meetsProvincialStandard) +
    has(stages);
  if (countKeys(school) !== known) reportUnknownKeys(school, SCHOOL_KEYS, i, -1, '', issues);

  const idWhy = checkSchoolId(id);
  if (idWhy) issues.push({ path: pathOf(i, -1, 'id'), value: id, message: `学校标识码${idWhy}` });
  const nameWhy = checkName(name);
  if (nameWhy) issues.push({ path: pathOf(i, -1, 'name'), value: name, message: `学校名称${nameWhy}` });
  // Reuse is looked for among valid ids and names only.
  if (!idWhy && !nameWhy) {
    const first = seen.firstOrAdd(id as string, i);
    if (first >= 0) {
      const firstName = (schools[first] as Obj).name as string;
      issues.push({
        path: pathOf(i, -1, 'id'),
        value: id,
        message:
          firstName === name
            ? `学校标识码重复（schools[${first}] 已使用）：同一学校的各学段应写在同一所学校的 stages 中`
            : schoolNameConflictMessage(firstName, ` schools[${first}] `),
      });
    }
  }

  const typeOk = typeof type === 'string' && SCHOOL_TYPES.has(type);
  if (!typeOk) {
    issues.push({ path: pathOf(i, -1, 'type'), value: type, message: `学校类型应为 ${TYPE_CHOICES} 之一` });
  }
  let why = checkRegionCode(regionCode);
  if (why)
    issues.push({ path: pathOf(i, -1, 'regionCode'), value: regionCode, message: `行政区划代码${why}` });
  if (typeof locality !== 'string' || !LOCALITIES.has(locality)) {
    issues.push({
      path: pathOf(i, -1, 'locality'),
      value: locality,
      message: `城乡类型应为 ${LOCALITY_CHOICES} 之一`,
    });
  }
  if (seniorStudents !== undefined) {
    why = checkNumber(seniorStudents, SENIOR_STUDENTS_INFO);
    if (!why && typeOk) why = checkSeniorStudentsType(type as SchoolType, seniorStudents as Num);
    if (why) {
      issues.push({
        path: pathOf(i, -1, 'seniorStudents'),
        value: seniorStudents,
        message: `高中部在校生数${why}`,
      });
    }
  }
  const hasShared = sharedFacilities !== undefined && sharedFacilities !== null;
  if (hasShared) collectSharedFacilityIssues(sharedFacilities, i, issues);
  if (meetsProvincialStandard !== undefined) {
    why = checkJudgment(meetsProvincialStandard);
    if (why) {
      issues.push({
        path: pathOf(i, -1, 'meetsProvincialStandard'),
        value: meetsProvincialStandard,
        message: why,
      });
    }
  }

  if (!Array.isArray(stages) || stages.length === 0) {
    issues.push({
      path: pathOf(i, -1, 'stages'),
      value: stages,
      message: '应为至少含一个学段的数组：[{"stage": "primary", …}]',
    });
    return;
  }
  for (let j = 0; j < stages.length; j++) {
    collectStageIssues(stages, i, j, typeOk ? (type as SchoolType) : null, hasShared, issues);
  }
}

function collectStageIssues(
  stages: unknown[],
  i: number,
  j: number,
  type: SchoolType | null,
  hasShared: boolean,
  issues: ValidationIssue[],
): void {
  const report = stages[j];
  if (!isObject(report)) {
    issues.push({
      path: pathOf(i, j, ''),
      value: report,
      message: '每个学段应为对象：{"stage": "primary", "students": 500, …}',
    });
    return;
  }

  const stage = report.stage;
  if (stage !== 'primary' && stage !== 'junior') {
    issues.push({ path: pathOf(i, j, 'stage'), value: stage, message: `学段应为 ${STAGE_CHOICES} 之一` });
  } else {
    for (let k = 0; k < j; k++) {
      const other = stages[k];
      if (isObject(other) && other.stage === stage) {
        issues.push({
          path: pathOf(i, j, 'stage'),
          value: stage,
          message: duplicateStageMessage(stage as Stage, `${pathOf(i, k, '')} `),
        });
        break;
      }
    }
    if (type !== null) {
      const why = checkStageOfType(type, stage as Stage);
      if (why) issues.push({ path: pathOf(i, j, 'stage'), value: stage, message: why });
    }
  }

  const S = STAGE_NUMBER_FIELDS;
  checkField(report.students, 'students', S.students, true, i, j, '', issues);
  checkField(report.classes, 'classes', S.classes, true, i, j, '', issues);
  checkField(report.maxClassSize, 'maxClassSize', S.maxClassSize, true, i, j, '', issues);
  checkField(report.fullTimeTeachers, 'fullTimeTeachers', S.fullTimeTeachers, true, i, j, '', issues);
  checkField(
    report.aboveDegreeTeachers,
    'aboveDegreeTeachers',
    S.aboveDegreeTeachers,
    true,
    i,
    j,
    '',
    issues,
  );
  checkField(report.midTitleTeachers, 'midTitleTeachers', S.midTitleTeachers, true, i, j, '', issues);
  checkField(report.backboneTeachers, 'backboneTeachers', S.backboneTeachers, true, i, j, '', issues);
  checkField(report.peArtsTeachers, 'peArtsTeachers', S.peArtsTeachers, true, i, j, '', issues);
  const fullTime = report.fullTimeTeachers;
  if (typeof fullTime === 'number') {
    checkSubset(report.aboveDegreeTeachers, 'aboveDegreeTeachers', fullTime, i, j, issues);
    checkSubset(report.midTitleTeachers, 'midTitleTeachers', fullTime, i, j, issues);
    checkSubset(report.backboneTeachers, 'backboneTeachers', fullTime, i, j, issues);
    checkSubset(report.peArtsTeachers, 'peArtsTeachers', fullTime, i, j, issues);
  }
  // Facilities are optional on a stage: absent means they are reported for the whole school.
  const facilityKeys = checkFacilities(report, false, i, j, '', issues);
  if (hasShared && facilityKeys > 0) {
    for (const field of FACILITY_FIELDS) {
      const v = report[field];
      if (v === undefined || v === null) continue;
      issues.push({
        path: pathOf(i, j, field),
        value: v,
        message:
          '该校已按全校合计填报设施（sharedFacilities），学段中不应再填设施：' +
          '请删除学段中的设施数据，或删除 sharedFacilities 改为分学段填报',
      });
    }
  }

  const known =
    has(stage) +
    has(report.students) +
    has(report.classes) +
    has(report.maxClassSize) +
    has(report.fullTimeTeachers) +
    has(report.aboveDegreeTeachers) +
    has(report.midTitleTeachers) +
    has(report.backboneTeachers) +
    has(report.peArtsTeachers) +
    facilityKeys;
  if (countKeys(report) !== known) reportUnknownKeys(report, STAGE_KEYS, i, j, '', issues);
}

/**
 * Validate a parsed JSON dataset (the machine format of docs/input-schema.md).
 * Unknown keys are reported (a misspelt key would otherwise silently read as 未填报);
 * required numbers may be null (未填报) but not absent.
 * @param input anything, typically `JSON.parse` output
 * @param opts the standard tables for the county items (national by default)
 * @returns the dataset when valid, and every issue found
 */
export function validateDataset(input: unknown, opts: ValidateOptions = {}): DatasetValidation {
  const issues: ValidationIssue[] = [];
  if (!isObject(input)) {
    issues.push({
      path: '',
      value: input,
      message: '数据应为 JSON 对象：{"county": {…}, "year": 2025, "schools": [...], "countyInputs": {…}}',
    });
    return { issues };
  }
  reportUnknownKeys(input, TOP_KEYS, -1, -1, '', issues);
  collectCountyIssues(input.county, 'county', issues);
  const yearWhy = checkYear(input.year);
  if (yearWhy) issues.push({ path: 'year', value: input.year, message: `学年${yearWhy}` });

  const schools = input.schools;
  if (!Array.isArray(schools) || schools.length === 0) {
    issues.push({ path: 'schools', value: schools, message: '应为至少含一所学校的数组' });
  } else {
    const seen = new SchoolIdIndex(schools.length);
    for (let i = 0; i < schools.length; i++) collectSchoolIssues(schools[i], i, schools, seen, issues);
  }

  if (input.countyInputs !== undefined) {
    const specs = countyItemSpecs(opts.standards ?? nationalStandards());
    collectCountyInputIssues(input.countyInputs, specs, issues, 'countyInputs');
  }
  return issues.length === 0 ? { dataset: input as unknown as CountyDataset, issues } : { issues };
}

/**
 * Validate the county header alone ({ county, year }), e.g. a `--county` file for a CSV import.
 * @returns county and year when valid, and every issue found
 */
export function validateCountyHeader(input: unknown): {
  header?: { county: County; year: number };
  issues: ValidationIssue[];
} {
  const issues: ValidationIssue[] = [];
  if (!isObject(input)) {
    issues.push({
      path: '',
      value: input,
      message: '县域信息应为对象：{"county": {"code": "130123", "name": "某某县"}, "year": 2025}',
    });
    return { issues };
  }
  collectCountyIssues(input.county, 'county', issues);
  const yearWhy = checkYear(input.year);
  if (yearWhy) issues.push({ path: 'year', value: input.year, message: `学年${yearWhy}` });
  if (issues.length > 0) return { issues };
  return { header: { county: input.county as County, year: input.year as number }, issues };
}
