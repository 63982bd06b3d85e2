/**
 * @module Validation of one stage of a school: the stage itself (valid, not repeated, allowed for
 * the school's type), its students, classes and teachers, teacher subsets within the full-time
 * teachers, and facilities that must not repeat the school's whole-school figures.
 */
import { FACILITY_FIELDS, type SchoolType, STAGE_NAMES, type Stage } from '../model.js';
import {
  checkFacilities,
  checkField,
  checkSubset,
  choices,
  countKeys,
  has,
  isObject,
  pathOf,
  reportUnknownKeys,
} from './datasetChecks.js';
import { STAGE_NUMBER_FIELDS } from './fields.js';
import type { ValidationIssue } from './issue.js';
import { checkStageOfType, duplicateStageMessage } from './rules.js';

const STAGE_KEYS = new Set(['stage', ...Object.keys(STAGE_NUMBER_FIELDS), ...FACILITY_FIELDS]);

const STAGE_CHOICES = choices(STAGE_NAMES);

export function collectStageIssues(
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
