/**
 * @module A school's 学段 and status as the register knows them: the 学段 a school of a type has
 * (and may report), those the county waits for, and the statuses of a school with their names.
 *
 * Decisions: a school's stages are STAGES_OF_TYPE (the table the import validator uses too).
 * Special-education and vocational schools may report stages there; they are only left out of what
 * is *expected* (expectedReportStages), because both standards exclude them from the evaluation
 * (scope.excludeTypes).
 */
import { type SchoolType, STAGES_OF_TYPE, type Stage } from '../model.js';
import { nationalStandards } from '../standards/overrides.js';

/** A school's own status in the register (the schema's CHECK on school.status). */
export type SchoolStatus = 'open' | 'merged' | 'closed';
export const SCHOOL_STATUSES: readonly SchoolStatus[] = ['open', 'merged', 'closed'];

/** 中文 names of a school's status. */
export const SCHOOL_STATUS_NAMES: Record<SchoolStatus, string> = {
  open: '正常办学',
  merged: '已撤并',
  closed: '已停办',
};

/**
 * The 学段 a school of this type has (and may report), in core's STAGES order.
 * @param type the school type
 * @returns a new array (the caller may change it)
 */
export function schoolStages(type: SchoolType): Stage[] {
  return [...(STAGES_OF_TYPE[type] ?? [])];
}

// Types that neither standard evaluates: nobody waits for their reports.
const NATIONAL = nationalStandards();
const NOT_EVALUATED = new Set<SchoolType>(
  NATIONAL.basic.scope.excludeTypes.filter((t) => NATIONAL.quality.scope.excludeTypes.includes(t)),
);

/**
 * The 学段 whose reports the county waits for from a school of this type: its stages, or none for
 * the types the national standards leave out of the evaluation (特殊教育学校, 职业学校).
 * @param type the school type
 */
export function expectedReportStages(type: SchoolType): Stage[] {
  return NOT_EVALUATED.has(type) ? [] : schoolStages(type);
}
