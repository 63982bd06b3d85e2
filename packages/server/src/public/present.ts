/**
 * @module The public answers (公示): a published run's verdict, the school-level figures of a
 * published 优质均衡 result (names, not codes; no person is named), and the same figures as CSV.
 */
import {
  csvText,
  type EvaluationResult,
  LOCALITY_NAMES,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  STATUS_NAMES,
} from '@junheng/core';
import type { PublishedRun } from '@junheng/db';
import type { z } from 'zod';
import type { schoolFigure } from '../evaluation/schema.js';

export type SchoolFigure = z.infer<typeof schoolFigure>;

/** A published run's verdict: the run, when it was published and its reasons (null without a run). */
export function publishedVerdict(run: PublishedRun | null) {
  return run
    ? {
        runId: run.id,
        status: run.verdict,
        statusName: STATUS_NAMES[run.verdict as keyof typeof STATUS_NAMES] ?? run.verdict,
        publishedAt: run.publishedAt,
        reasons: (run.result as unknown as EvaluationResult).reasons ?? [],
      }
    : null;
}

/** School-level figures of a published 优质均衡 result (the 7 school indicators per stage). */
export function schoolFigures(result: EvaluationResult): SchoolFigure[] {
  return (result.quality?.schools ?? []).map((s) => ({
    schoolId: s.schoolId,
    name: s.name,
    type: SCHOOL_TYPE_NAMES[s.type],
    locality: LOCALITY_NAMES[s.locality],
    stage: STAGE_NAMES[s.stage],
    students: s.students,
    status: STATUS_NAMES[s.status],
    indicators: s.indicators.map((i) => ({
      indicator: i.indicator,
      name: i.name,
      unit: i.unit,
      value: i.value,
      requirement: i.requirement,
      status: i.status,
    })),
  }));
}

/** One row per school and stage, one column pair per indicator; UTF-8 with BOM for Excel. */
export function schoolFiguresCsv(figures: SchoolFigure[]): string {
  const indicators = figures[0]?.indicators.map((i) => `${i.name}（${i.unit}）`) ?? [];
  const header = [
    '学校标识码',
    '学校名称',
    '学校类型',
    '城乡类型',
    '学段',
    '在校生数',
    '达标情况',
    ...indicators,
  ];
  const rows = figures.map((f) => [
    f.schoolId,
    f.name,
    f.type,
    f.locality,
    f.stage,
    f.students,
    f.status,
    ...f.indicators.map((i) => (i.value === null ? '' : Math.round(i.value * 100) / 100)),
  ]);
  return csvText([header, ...rows]);
}
