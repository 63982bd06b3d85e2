/**
 * @module 划片 (zoning) plan input: the checks of what a save brings (plan year, stage, title,
 * source, the assignment) before anything is read. Each refuses with `invalidRequest` and a
 * catalogue key (messages/zh-CN/zoning.ts), so the server, the CLI and the demo word it the same.
 */
import { Refusal } from '../../messages/refusal.js';
import type { Stage } from '../../model.js';

/** How a plan was made: solved, adjusted by hand, or the current zones as they are. */
export type ZoningPlanSource = 'solver' | 'hand' | 'current';
/** A plan is a draft until published (公示); publishing another withdraws it. */
export type ZoningPlanStatus = 'draft' | 'published' | 'withdrawn';

/** The plan year (the start year of the school year the children enter). @throws Refusal invalidRequest */
export function checkZoningYear(year: unknown): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new Refusal('invalidRequest', 'zoning.yearInvalid', { year: String(year) });
  }
  return year;
}

/** @throws Refusal invalidRequest unless primary or junior */
export function checkZoningStage(stage: unknown): Stage {
  if (stage !== 'primary' && stage !== 'junior') {
    throw new Refusal('invalidRequest', 'zoning.stageInvalid', { stage: String(stage) });
  }
  return stage;
}

/** The title trimmed, 1–100 characters. @throws Refusal invalidRequest */
export function checkPlanTitle(title: unknown): string {
  const t = typeof title === 'string' ? title.trim() : '';
  if (t === '' || [...t].length > 100) throw new Refusal('invalidRequest', 'zoning.titleInvalid');
  return t;
}

/** @throws Refusal invalidRequest unless solver, hand or current */
export function checkPlanSource(source: unknown): ZoningPlanSource {
  if (source !== 'solver' && source !== 'hand' && source !== 'current') {
    throw new Refusal('invalidRequest', 'zoning.sourceInvalid', { source: String(source) });
  }
  return source;
}

/**
 * The assignment as area id → school id (whether the ids exist is core evaluateZoning's to say).
 * @throws Refusal invalidRequest when it is no object or a school is not text
 */
export function checkPlanAssignment(assignment: unknown): Record<string, string> {
  if (typeof assignment !== 'object' || assignment === null || Array.isArray(assignment)) {
    throw new Refusal('invalidRequest', 'zoning.assignmentNotObject');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(assignment as Record<string, unknown>)) {
    if (typeof v !== 'string') {
      throw new Refusal('invalidRequest', 'zoning.assignmentSchoolNotText', { areaId: k, value: String(v) });
    }
    out[k] = v;
  }
  return out;
}
