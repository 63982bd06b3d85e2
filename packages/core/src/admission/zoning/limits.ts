/**
 * Class-size limits (班额上限) used to turn planned classes into places. Data, not code: a province
 * with its own rule passes `classSizeLimits` in the problem, a single school its own
 * `classSizeLimit`.
 */
import { STAGE_NAMES, type Stage } from '../../model.js';

export interface ClassSizeLimit {
  /** Largest class allowed (students). */
  limit: number;
  source: string;
}

/**
 * 优质均衡 政府保障程度 item 5 (班额): every class of 小学 ≤ 45, 初中 ≤ 50 students
 * (spec/standards.md §c.2 row 5, tags impl; S-fudaoke). Shandong's rule for schools of new
 * residential areas uses the same numbers [S-sd2018].
 */
export const CLASS_SIZE_LIMITS: Readonly<Record<Stage, ClassSizeLimit>> = {
  primary: { limit: 45, source: '优质均衡 政府保障程度第 5 项 班额（小学 ≤ 45）；impl; S-fudaoke' },
  junior: { limit: 50, source: '优质均衡 政府保障程度第 5 项 班额（初中 ≤ 50）；impl; S-fudaoke' },
};

/** Chinese names of the stages for zoning output: the glossary's (model.ts STAGE_NAMES). */
export const ZONING_STAGE_NAMES: Readonly<Record<Stage, string>> = STAGE_NAMES;

/** Chinese names of the area kinds. */
export const AREA_KIND_NAMES = { estate: '小区', village: '村' } as const;
