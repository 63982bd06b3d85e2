/**
 * @module Validation of one school of a dataset: its keys, identifier and name (and their reuse
 * by another school), type, region, locality, senior students, whole-school facilities and the
 * presence of its stages, each of which ./stageChecks.ts checks.
 */
import { LOCALITY_NAMES, type Num, SCHOOL_TYPE_NAMES, type SchoolType } from '../model.js';
import {
  checkFacilities,
  choices,
  countKeys,
  FACILITY_KEYS,
  has,
  isObject,
  type Obj,
  pathOf,
  reportUnknownKeys,
} from './datasetChecks.js';
import { SENIOR_STUDENTS_INFO } from './fields.js';
import type { SchoolIdIndex } from './id-index.js';
import type { ValidationIssue } from './issue.js';
import {
  checkJudgment,
  checkName,
  checkNumber,
  checkRegionCode,
  checkSchoolId,
  checkSeniorStudentsType,
  schoolNameConflictMessage,
} from './rules.js';
import { collectStageIssues } from './stageChecks.js';

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

const SCHOOL_TYPES = new Set(Object.keys(SCHOOL_TYPE_NAMES));
const LOCALITIES = new Set(Object.keys(LOCALITY_NAMES));

const TYPE_CHOICES = choices(SCHOOL_TYPE_NAMES);

const LOCALITY_CHOICES = choices(LOCALITY_NAMES);

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

export function collectSchoolIssues(
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
