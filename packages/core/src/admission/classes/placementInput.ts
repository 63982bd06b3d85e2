/**
 * @module What a stored 均衡分班 placement and its head-teacher draw are made with, checked before
 * anything is written: the 学段 of the school's grade, the grade's name, the seed of the local
 * search, the school year, and the head teachers (one per class). Each refuses with the
 * catalogue's classes messages; the roster's own refusals (roster.ts) keep their words.
 */
import type { MessageKey } from '../../messages/catalogue.js';
import type { MessageParams } from '../../messages/format.js';
import { Refusal } from '../../messages/refusal.js';
import { type SchoolType, STAGE_NAMES, STAGES_OF_TYPE, type Stage } from '../../model.js';
import { RosterInputError } from './roster.js';

/** 年级名称 of a stage's first grade, the default of a new placement. */
export const GRADE_DEFAULT: Record<Stage, string> = { primary: '一年级', junior: '七年级' };

function invalid(key: MessageKey, params?: MessageParams): never {
  throw new Refusal('invalidRequest', key, params);
}

/** The roster's refusals (roster.ts RosterInputError) as a Refusal invalidRequest, same words. */
export function asRosterRefusal<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RosterInputError) invalid('classes.rosterRefused', { reason: e.message });
    throw e;
  }
}

/**
 * The 学段 of a new placement: the one asked for, else the school's only one.
 * @throws Refusal invalidRequest (not a compulsory-education school; a stage it does not teach, or
 *   none asked of a school with both)
 */
export function placementStage(school: { name: string; type: SchoolType }, requested?: Stage): Stage {
  const stages = STAGES_OF_TYPE[school.type] ?? [];
  const stage = requested ?? (stages.length === 1 ? stages[0] : undefined);
  if (!stage || !stages.includes(stage)) {
    if (stages.length === 0) invalid('classes.notCompulsory', { school: school.name });
    invalid('classes.chooseStage', {
      school: school.name,
      stages: stages.map((s) => STAGE_NAMES[s]).join('、'),
    });
  }
  return stage;
}

/**
 * The grade's name: the one given (trimmed) or the stage's first grade.
 * @throws Refusal invalidRequest unless 1–20 characters
 */
export function checkGradeLabel(label: string | undefined, stage: Stage): string {
  const gradeLabel = (label ?? GRADE_DEFAULT[stage]).trim();
  if (gradeLabel === '' || [...gradeLabel].length > 20) invalid('classes.gradeLabelInvalid');
  return gradeLabel;
}

/**
 * The seed of the local search as given (trimmed); undefined when none is given (the caller draws
 * a random one).
 * @throws Refusal invalidRequest unless 1–64 characters
 */
export function checkPlacementSeed(seed: string | undefined): string | undefined {
  if (seed === undefined) return undefined;
  const t = String(seed).trim();
  if (t === '' || t.length > 64) invalid('classes.seedInvalid');
  return t;
}

/**
 * A school year (its start year), as the schema allows it.
 * @throws Refusal invalidRequest
 */
export function checkPlacementYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    invalid('classes.yearInvalid', { value: String(year) });
  }
  return year;
}

/**
 * Teacher names of a head-teacher draw: one per class, distinct, no characters that break the
 * published list (they are the draw's tickets). Trimmed, NFC.
 * @throws Refusal invalidRequest naming the teacher
 */
export function checkTeachers(teachers: readonly string[], classCount: number): string[] {
  if (!Array.isArray(teachers)) invalid('classes.teachersMissing');
  const list = teachers.map((t) => (typeof t === 'string' ? t.normalize('NFC').trim() : ''));
  if (list.length !== classCount)
    invalid('classes.teacherCount', { count: list.length, classes: classCount });
  const seen = new Set<string>();
  list.forEach((t, i) => {
    if (t === '' || [...t].length > 20 || /[\r\n,，\t]/.test(t)) {
      invalid('classes.teacherNameInvalid', { n: i + 1, name: t });
    }
    if (seen.has(t)) invalid('classes.teacherDuplicate', { name: t });
    seen.add(t);
  });
  return list;
}

/** The title of a placement's head-teacher draw, e.g. 2026年清源县实验小学一年级班主任派位. */
export function headTeacherDrawTitle(p: { year: number; schoolName: string; gradeLabel: string }): string {
  return `${p.year}年${p.schoolName}${p.gradeLabel}班主任派位`;
}
