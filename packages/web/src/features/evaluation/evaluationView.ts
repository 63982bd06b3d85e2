/**
 * @module Reading an evaluation result (core's EvaluationResult) for tables and charts: the
 * coefficient rows of both standards, the schools that fail and what they lack. Pure
 * (evaluationView.test.ts).
 */
import {
  type EvaluationResult,
  INDICATORS,
  type IndicatorId,
  type PlanStep,
  type SchoolCompliance,
  STAGE_NAMES,
  STATUS_NAMES,
  type Stage,
  type Status,
} from '@junheng/core';
import type { CoefficientSummary, SchoolCounts, TrendPoint } from '../../api/dashboard';
import type { PublicSchoolFigure } from '../../api/public';
import { fmtAmount } from '../../shared/format';

/** An indicator column of the public school table. */
export interface PublicIndicator {
  id: string;
  name: string;
  unit: string;
  decimals?: number;
}

/** One school stage of the public table as the page uses it (see evaluationView.publicRows). */
export interface PublicSchoolRow {
  id: string;
  name: string;
  typeName?: string;
  localityName?: string;
  stage: Stage;
  students: number | null;
  status: Status;
  values: Record<string, number | null>;
}

/** Every coefficient of a result, 基本均衡 rows followed by its 综合差异系数, then 优质均衡. */
export function coefficientSummaries(result: EvaluationResult | null | undefined): CoefficientSummary[] {
  const rows: CoefficientSummary[] = [];
  if (!result) return rows;
  for (const st of result.basic?.stages ?? []) {
    for (const c of st.coefficients) {
      rows.push({
        standard: 'basic',
        stage: st.stage,
        indicator: c.indicator,
        name: c.name,
        cv: c.cv,
        threshold: c.threshold,
        status: c.status,
      });
    }
    rows.push({
      standard: 'basic',
      stage: st.stage,
      indicator: 'composite',
      name: '综合差异系数',
      cv: st.composite.value,
      threshold: st.composite.threshold,
      status: st.composite.status,
    });
  }
  for (const st of result.quality?.stages ?? []) {
    for (const c of st.coefficients) {
      rows.push({
        standard: 'quality',
        stage: st.stage,
        indicator: c.indicator,
        name: c.name,
        cv: c.cv,
        threshold: c.threshold,
        status: c.status,
      });
    }
  }
  return rows;
}

export interface ChartData {
  names: string[];
  /** Short names for a chart axis (core's shortName; 综合 for the composite). */
  shortNames: string[];
  values: (number | null)[];
  statuses: Status[];
  /** The line to compare with: the single threshold of 优质均衡, or 基本均衡's composite threshold. */
  threshold: number | null;
}

/**
 * Bars of one standard and stage. For 基本均衡 the single indicators have no threshold of their
 * own: the composite's is drawn, and the composite itself is the last bar.
 */
export function chartData(
  rows: readonly CoefficientSummary[],
  standard: 'basic' | 'quality',
  stage: Stage,
): ChartData {
  const mine = rows.filter((r) => r.standard === standard && r.stage === stage);
  const composite = mine.find((r) => r.indicator === 'composite');
  const ordered = composite ? [...mine.filter((r) => r !== composite), composite] : mine;
  const thresholds = mine.map((r) => r.threshold).filter((t): t is number => t !== null);
  return {
    names: ordered.map((r) => r.name),
    shortNames: ordered.map((r) => shortIndicatorName(r.indicator, r.name)),
    values: ordered.map((r) => r.cv),
    statuses: ordered.map((r) => r.status),
    threshold: composite?.threshold ?? (thresholds.length > 0 ? Math.min(...thresholds) : null),
  };
}

/** A short indicator name for narrow places: core's shortName, 综合 for the composite. */
export function shortIndicatorName(indicator: string, name: string): string {
  if (indicator === 'composite') return '综合';
  return INDICATORS[indicator as IndicatorId]?.shortName ?? name;
}

/** Stages present in the rows, 小学 first. */
export function stagesOf(rows: readonly { stage: Stage }[]): Stage[] {
  const set = new Set(rows.map((r) => r.stage));
  return (['primary', 'junior'] as Stage[]).filter((s) => set.has(s));
}

/** Total estimated cost of a plan (元). */
export function planCost(plan: readonly Pick<PlanStep, 'estimatedCost'>[]): number {
  return plan.reduce((sum, s) => sum + (Number.isFinite(s.estimatedCost) ? s.estimatedCost : 0), 0);
}

export interface FailingRow {
  schoolId: string;
  name: string;
  stage: Stage;
  students: number;
  status: Status;
  metCount: number;
  indicatorCount: number;
  reason: string;
  plan: PlanStep[];
  cost: number;
}

/** 优质均衡 school stages that do not pass, fewest indicators met first. */
export function failingSchools(result: EvaluationResult | null | undefined): FailingRow[] {
  const schools: SchoolCompliance[] = result?.quality?.schools ?? [];
  return schools
    .filter((s) => s.status === 'unmet' || s.status === 'incomplete')
    .map((s) => ({
      schoolId: s.schoolId,
      name: s.name,
      stage: s.stage,
      students: s.students,
      status: s.status,
      metCount: s.metCount,
      indicatorCount: s.indicators.length,
      reason: s.reason,
      plan: s.plan,
      cost: planCost(s.plan),
    }))
    .sort((a, b) => a.metCount - b.metCount || b.cost - a.cost || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Counts of a result's 优质均衡 school stages by status. */
export function schoolCounts(result: EvaluationResult | null | undefined): {
  met: number;
  unmet: number;
  incomplete: number;
} {
  const out = { met: 0, unmet: 0, incomplete: 0 };
  for (const s of result?.quality?.schools ?? []) {
    if (s.status === 'met') out.met++;
    else if (s.status === 'unmet') out.unmet++;
    else if (s.status === 'incomplete') out.incomplete++;
  }
  return out;
}

/** "缺 312 m² 教学及辅助用房" lines of one school stage, from its indicators' shortfalls. */
export function shortfallLines(s: Pick<SchoolCompliance, 'indicators'>): string[] {
  return s.indicators
    .filter((i) => i.status !== 'met' && i.shortfall && i.shortfall.toRequirement > 0)
    .map((i) => {
      const sf = i.shortfall!;
      return `缺 ${fmtAmount(sf.toRequirement, 2)} ${sf.unit}${/^[\x00-\x7f²³]+$/.test(sf.unit) ? ' ' : ''}${sf.resourceName}`;
    });
}

export interface TrendSeries {
  years: number[];
  /** 基本均衡 综合差异系数 by stage, per year (null when not evaluated). */
  composite: Record<Stage, (number | null)[]>;
  /** Largest 优质均衡 single coefficient by stage, per year. */
  qualityMax: Record<Stage, (number | null)[]>;
  /** Share of 优质均衡 school stages that pass (0..1), per year. */
  metShare: (number | null)[];
}

/**
 * The dashboard's trend, oldest year first. The server sends one point per year and standard (the
 * point's `standard` applies to its coefficients; 优质均衡 points carry the school counts); points of
 * one year are merged.
 */
export function trendSeries(trend: readonly TrendPoint[]): TrendSeries {
  const byYear = new Map<number, { rows: CoefficientSummary[]; schools: SchoolCounts | null }>();
  for (const p of trend) {
    const entry = byYear.get(p.year) ?? { rows: [], schools: null };
    for (const c of p.coefficients) entry.rows.push({ ...c, standard: p.standard });
    if (p.schools) entry.schools = p.schools;
    byYear.set(p.year, entry);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const pick = (rows: CoefficientSummary[], stage: Stage) =>
    rows.find((r) => r.standard === 'basic' && r.stage === stage && r.indicator === 'composite')?.cv ?? null;
  const maxQ = (rows: CoefficientSummary[], stage: Stage) => {
    const cvs = rows
      .filter((r) => r.standard === 'quality' && r.stage === stage && r.cv !== null)
      .map((r) => r.cv as number);
    return cvs.length > 0 ? Math.max(...cvs) : null;
  };
  const points = years.map((y) => byYear.get(y)!);
  return {
    years,
    composite: {
      primary: points.map((p) => pick(p.rows, 'primary')),
      junior: points.map((p) => pick(p.rows, 'junior')),
    },
    qualityMax: {
      primary: points.map((p) => maxQ(p.rows, 'primary')),
      junior: points.map((p) => maxQ(p.rows, 'junior')),
    },
    metShare: points.map((p) => (p.schools && p.schools.total > 0 ? p.schools.met / p.schools.total : null)),
  };
}

const COMPARE_SIGNS = { gte: '≥', lte: '≤', lt: '<', gt: '>' } as const;

/** An item's requirement as text: "≥ 95.00%", "≥ 85 分"; '' when the item has none. */
export function itemRequirement(item: {
  threshold?: number;
  compare?: 'gte' | 'lte' | 'lt' | 'gt';
  unit?: 'ratio' | 'score' | 'yuan' | 'count';
}): string {
  if (item.threshold === undefined) return '';
  const sign = COMPARE_SIGNS[item.compare ?? 'gte'];
  switch (item.unit) {
    case 'ratio':
      return `${sign} ${(item.threshold * 100).toFixed(2)}%`;
    case 'score':
      return `${sign} ${item.threshold} 分`;
    case 'yuan':
      return `${sign} ${fmtAmount(item.threshold)} 元`;
    default:
      return `${sign} ${fmtAmount(item.threshold)}`;
  }
}

type Column = { id: string; name: string; unit: string; decimals: number };

/** Indicator columns of the public school table: the server's list, else the indicators found in the rows. */
export function publicColumns(
  indicators: readonly { id: string; name: string; unit: string; decimals?: number }[] | undefined,
  rows: readonly (PublicSchoolFigure | PublicSchoolRow)[],
): Column[] {
  if (indicators && indicators.length > 0)
    return indicators.map((i) => ({ ...i, decimals: i.decimals ?? 2 }));
  const cols: Column[] = [];
  const seen = new Set<string>();
  const add = (id: string, name?: string, unit?: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const def = INDICATORS[id as IndicatorId];
    cols.push(
      def
        ? { id, name: def.shortName, unit: def.unit, decimals: def.decimals }
        : { id, name: name ?? id, unit: unit ?? '', decimals: 2 },
    );
  };
  for (const r of rows) {
    if ('indicators' in r && Array.isArray(r.indicators))
      for (const i of r.indicators) add(i.indicator, i.name, i.unit);
    else if ('values' in r) for (const k of Object.keys(r.values ?? {})) add(k);
  }
  return cols;
}

const STAGE_BY_NAME = new Map<string, Stage>(Object.entries(STAGE_NAMES).map(([k, v]) => [v, k as Stage]));
const STATUS_BY_NAME = new Map<string, Status>(
  Object.entries(STATUS_NAMES).map(([k, v]) => [v, k as Status]),
);

/** Rows of the public school table from the server's figures (names or codes accepted). */
export function publicRows(schools: readonly (PublicSchoolFigure | PublicSchoolRow)[]): PublicSchoolRow[] {
  return schools.map((s) => {
    if ('values' in s && s.values) return s as PublicSchoolRow;
    const f = s as PublicSchoolFigure;
    const stage = (STAGE_BY_NAME.get(f.stage) ?? f.stage) as Stage;
    const status = (STATUS_BY_NAME.get(f.status) ?? f.status) as Status;
    const values: Record<string, number | null> = {};
    for (const i of f.indicators ?? []) values[i.indicator] = i.value;
    return {
      id: f.schoolId,
      name: f.name,
      typeName: f.type,
      localityName: f.locality,
      stage,
      students: f.students,
      status,
      values,
    };
  });
}

/** One row of the result page's 数据问题 tab. */
export interface DataProblemRow {
  kind: '数据问题' | '未纳入计算';
  schoolId: string;
  name: string;
  stage?: Stage;
  /** 在校生数 of a school left out (null when not reported); absent for data issues. */
  students?: number | null;
  /** What is wrong, or why the school was left out. */
  message: string;
}

/**
 * Everything the 数据问题 tab lists — the data issues, then the schools left out of the
 * coefficients (特殊教育学校, 教学点 under 50 students, …) — as one list, so the tab's count and
 * the rows shown cannot disagree (issue 10 #27: "数据问题（11）" over "没有数据问题").
 */
export function dataProblems(result: EvaluationResult | null | undefined): DataProblemRow[] {
  if (!result) return [];
  return [
    ...(result.issues ?? []).map((i) => ({
      kind: '数据问题' as const,
      schoolId: i.schoolId,
      name: i.name,
      stage: i.stage,
      message: i.message,
    })),
    ...(result.excluded ?? []).map((e) => ({
      kind: '未纳入计算' as const,
      schoolId: e.schoolId,
      name: e.name,
      stage: e.stage,
      students: e.students,
      message: e.reason,
    })),
  ];
}
