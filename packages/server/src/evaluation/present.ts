/**
 * @module The evaluation answers: a run as its page shows it (items citing their documents, with
 * whether it still describes the county's data), a list's runs marked stale, and a point of the
 * county's trend (基本均衡's composite coefficient of each stage as a row of its own).
 */
import {
  citeResultSources,
  type IndicatorId,
  type Stage,
  type StandardKey,
  type Status,
} from '@junheng/core';
import type { RunDetail, RunSummary, StageJson, TrendRow } from '@junheng/db';

/** Whether a run still describes the county's data (issue 10 #27: out-of-date runs are marked). */
export interface RunFreshness {
  /** False: 已过期 — school reports or county items changed after the run. */
  current: boolean;
  /** What changed since the run (core datasetChanges), empty when current. */
  reasons: string[];
}

/** One run on its page: the summary, the result citing documents (not research tags), freshness. */
export function presentRunDetail(detail: RunDetail, freshness: RunFreshness) {
  const { inputs: _inputs, rules: _rules, ...run } = detail;
  // Shown on the result page: items cite their documents, not the tables' research tags.
  return { ...run, result: citeResultSources(run.result), freshness } as typeof run & {
    result: Record<string, unknown>;
    freshness: RunFreshness;
  };
}

/** A list's runs, each marked stale when the county's data of its year changed since. */
export function presentRunList<L extends { items: RunSummary[] }>(list: L, stale: ReadonlySet<number>) {
  return { ...list, items: list.items.map((r) => ({ ...r, stale: stale.has(r.id) })) };
}

/** One coefficient of a run in the trend. */
export interface TrendCoefficient {
  stage: Stage;
  /** The indicator, or 'composite' for 基本均衡's 综合差异系数 of the stage. */
  indicator: IndicatorId | 'composite';
  name: string;
  cv: number | null;
  /** Maximum allowed CV; null for 基本均衡's single indicators (only the composite is judged). */
  threshold: number | null;
  status: Status;
}

/** One year and standard of a county's trend. */
export interface TrendPoint {
  year: number;
  standard: StandardKey;
  runId: number;
  published: boolean;
  verdict: Status;
  coefficients: TrendCoefficient[];
  /** 优质均衡 school stages by result (null for 基本均衡, or a run without school results). */
  schools: { total: number; met: number; unmet: number; incomplete: number } | null;
}

function trendCoefficients(standard: StandardKey, stages: readonly StageJson[] | null): TrendCoefficient[] {
  const out: TrendCoefficient[] = [];
  for (const s of stages ?? []) {
    for (const c of s.coefficients) {
      out.push({
        stage: s.stage,
        indicator: c.indicator,
        name: c.name,
        cv: c.cv,
        threshold: c.threshold,
        status: c.status,
      });
    }
    // 基本均衡 judges each stage by its composite coefficient: the figure a trend most needs.
    if (standard === 'basic' && s.composite) {
      out.push({
        stage: s.stage,
        indicator: 'composite',
        name: '综合差异系数',
        cv: s.composite.value,
        threshold: s.composite.threshold,
        status: s.composite.status,
      });
    }
  }
  return out;
}

/** A stored trend row as the dashboard shows it. */
export function presentTrendPoint(r: TrendRow): TrendPoint {
  return {
    year: r.year,
    standard: r.standard,
    runId: r.runId,
    published: r.published,
    verdict: r.verdict,
    coefficients: trendCoefficients(r.standard, r.stages),
    schools: r.schools.total > 0 ? r.schools : null,
  };
}
