/**
 * @module Validation of the JSON machine format (CountyDataset) before anything computes with it.
 * A national file of 200,000 schools must validate in a fraction of a second, hence the style:
 * plain loops; fields read by name (`report.students`), because a read whose property name
 * varies (`report[field]` in a loop) is several times slower; and paths built only for issues.
 * This module checks the top level and the county; ./schoolChecks.ts and ./stageChecks.ts the
 * schools and their stages.
 */
import type { County, CountyDataset } from '../model.js';
import { nationalStandards } from '../standards/overrides.js';
import type { StandardSet } from '../standards/types.js';
import { collectCountyInputIssues, countyItemSpecs } from './county-items.js';
import { isObject, join, reportUnknownKeys } from './datasetChecks.js';
import { SchoolIdIndex } from './id-index.js';
import type { ValidationIssue } from './issue.js';
import { checkCountyCode, checkName, checkYear } from './rules.js';
import { collectSchoolIssues } from './schoolChecks.js';

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

const TOP_KEYS = new Set(['$schema', 'county', 'year', 'schools', 'countyInputs']);
const COUNTY_KEYS = new Set(['code', 'name', 'province', 'city']);

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
