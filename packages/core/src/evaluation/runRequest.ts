/**
 * @module The checks of a request to run an evaluation that need no database (the county named,
 * the school year, the standards, the engine's version), and the validator's issues of a county's
 * data as the refusal's list: the school by name and 标识码 where the issue points into one, and
 * where to fix it.
 */
import { message } from '../messages/catalogue.js';
import { Refusal } from '../messages/refusal.js';
import type { CountyDataset } from '../model.js';
import type { Issue, ValidationIssue } from '../validation/issue.js';
import { formatValidationIssue } from '../validation/issue.js';
import type { StandardChoice } from './evaluate.js';
import type { StandardKey } from './results.js';

/** The runs a choice makes, one per standard: basic before quality. */
export const STANDARDS_OF: Readonly<Record<StandardChoice, readonly StandardKey[]>> = {
  basic: ['basic'],
  quality: ['quality'],
  both: ['basic', 'quality'],
};

/** An evaluation run's id: a positive safe integer. */
export function isRunId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 1;
}

/** A school year a run may be of (its start year, 2000–2100). */
export function isRunYear(year: unknown): year is number {
  return typeof year === 'number' && Number.isInteger(year) && year >= 2000 && year <= 2100;
}

/** What a run is asked for. */
export interface RunRequest {
  countyCode: string;
  year: number;
  standard: StandardChoice;
  engineVersion: string;
}

/**
 * Checks a run's request, in this order: the county named, the year, the standard, the version.
 * @returns the standards to evaluate with and the trimmed engine version
 * @throws Refusal notFound (no county named), invalidRequest
 */
export function checkRunRequest(input: RunRequest): {
  standards: readonly StandardKey[];
  engineVersion: string;
} {
  const { countyCode, year, standard } = input;
  if (typeof countyCode !== 'string') {
    throw new Refusal('notFound', 'evaluation.countyNotFound', { code: String(countyCode) });
  }
  if (!isRunYear(year)) throw new Refusal('invalidRequest', 'evaluation.yearInvalid', { year });
  if (!Object.hasOwn(STANDARDS_OF, standard))
    throw new Refusal('invalidRequest', 'evaluation.standardInvalid');
  const engineVersion = typeof input.engineVersion === 'string' ? input.engineVersion.trim() : '';
  if (engineVersion === '') throw new Refusal('invalidRequest', 'evaluation.engineVersionMissing');
  return { standards: STANDARDS_OF[standard], engineVersion };
}

/**
 * Validation issues as the refusal's list (core's Issue): the school by name and 标识码 where the
 * path points into one, the problem, and where to fix it (the school's report).
 */
export function datasetIssueDetails(ds: CountyDataset, issues: readonly ValidationIssue[]): Issue[] {
  return issues.map((issue) => {
    const index = /^schools\[(\d+)\]/.exec(issue.path)?.[1];
    const school = index === undefined ? undefined : ds.schools[Number(index)];
    const problem = formatValidationIssue(issue);
    return {
      code: 'invalidData',
      path: issue.path,
      message: school
        ? message('evaluation.issueAtSchool', { name: school.name, id: school.id, problem })
        : problem,
      fix: school
        ? message('evaluation.issueFixAtSchool', { name: school.name })
        : message('evaluation.issueFixCounty'),
      ...(school ? { column: message('evaluation.issueSchoolColumn'), value: school.id } : {}),
    };
  });
}
