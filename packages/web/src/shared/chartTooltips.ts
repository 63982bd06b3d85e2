/**
 * @module Chart tooltips. ECharts puts whatever a tooltip formatter function returns into the page
 * as HTML, so every value in it — a school's, area's or category's name above all, typed by users —
 * goes through {@link html}, which escapes what it interpolates. Pure (chartTooltips.test.ts).
 *
 * What needs no escaping here: ECharts' own tooltips (no formatter, or a string template like
 * '{b}：{c}') escape names and values themselves; axis, legend and series labels are drawn on the
 * canvas as text and never parsed (escaping them would show “&lt;” on the chart).
 */
import type { ZoningEvaluation, ZoningProblem } from '@junheng/core';
import type { SchoolResult } from '../api/admission';
import type { ChartData } from '../features/evaluation/evaluationView';

/** A piece of markup that is already safe: built by {@link html}, or ECharts' own (its markers). */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to put between tags or in a quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Markup from a template: the literal parts are kept, every interpolated value is escaped unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += (v instanceof SafeHtml ? v.text : escapeHtml(v)) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup ECharts built itself (the coloured marker of a series): trusted as it is. */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);

/** Tooltip lines, one under the other; plain strings are escaped as text. */
export function tooltipLines(lines: readonly (SafeHtml | string)[]): string {
  return lines.map((l) => (l instanceof SafeHtml ? l.text : escapeHtml(l))).join('<br/>');
}

/** The tooltip of a difference-coefficient bar (督导评估): indicator, coefficient, threshold. */
export function coefficientTooltip(
  d: Pick<ChartData, 'names' | 'values' | 'threshold'>,
  standard: 'basic' | 'quality',
): (params: { dataIndex: number }[]) => string {
  return (params) => {
    const i = params[0]?.dataIndex ?? 0;
    const v = d.values[i];
    const t = standard === 'quality' || d.names[i] === '综合差异系数' ? d.threshold : null;
    return tooltipLines([
      d.names[i] ?? '',
      `差异系数：${v === null || v === undefined ? '不适用' : v.toFixed(3)}`,
      ...(t !== null ? [`标准：≤ ${t.toFixed(2)}`] : []),
    ]);
  };
}

/** What ECharts hands an axis tooltip formatter, per series. */
export interface AxisTooltipItem {
  axisValue: string;
  seriesName: string;
  value: number | { value: number };
  marker: string;
}

/** The series of the admission chart left out of its tooltip's per-series lines. */
const ADMISSION_HIDDEN_SERIES = '本片区未录取';

/** The tooltip of a school's bar in the admission-results chart (招生申请 · 录取结果). */
export function admissionTooltip(
  schools: readonly SchoolResult[],
  cutOffText: (s: SchoolResult) => string,
): (items: AxisTooltipItem[]) => string {
  return (items) => {
    const s = schools.find((x) => x.schoolName === items[0]?.axisValue);
    if (!s) return '';
    const lines = items
      .filter((it) => it.seriesName !== ADMISSION_HIDDEN_SERIES)
      .map(
        (it) =>
          html`${trusted(it.marker)}${it.seriesName}：${typeof it.value === 'number' ? it.value : it.value.value}`,
      );
    return tooltipLines([
      html`<b>${s.schoolName}</b>（计划 ${s.capacity}）`,
      ...lines,
      `本片区未录取：${s.refused}`,
      `截止：${cutOffText(s)}${s.lotteryUsed ? '，派位决定' : ''}`,
    ]);
  };
}

const km = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)} km`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** What ECharts hands the 划片 map's tooltip formatter: a point of the areas' or schools' series. */
export interface MapTooltipParams {
  data?: { areaId?: string; schoolId?: string };
  name?: string;
}

/** The tooltip of a 小区/村 or a school on the 划片 map. */
export function zoningMapTooltip(
  problem: Pick<ZoningProblem, 'schools'>,
  evaluation: Pick<ZoningEvaluation, 'areas' | 'schools'>,
): (p: MapTooltipParams) => string {
  const schoolName = new Map(problem.schools.map((s) => [s.id, s.name]));
  const areaInfo = new Map(evaluation.areas.map((a) => [a.areaId, a]));
  const schoolInfo = new Map(evaluation.schools.map((s) => [s.schoolId, s]));
  return (p) => {
    const d = p.data ?? {};
    if (d.areaId) {
      const a = areaInfo.get(d.areaId);
      if (!a) return escapeHtml(p.name);
      const to = a.schoolId ? (schoolName.get(a.schoolId) ?? a.schoolId) : '未划片';
      return tooltipLines([
        html`<b>${a.name}</b>（${a.kind === 'estate' ? '小区' : '村'}）`,
        `预计入学 ${a.demand} 人`,
        `划片学校：${to}`,
        `距离 ${km(a.distanceKm)}${a.overflowing ? '（该校超出学位）' : ''}`,
        html`<span style="color:#909399">点击可调整划片学校</span>`,
      ]);
    }
    if (d.schoolId) {
      const s = schoolInfo.get(d.schoolId);
      if (!s) return escapeHtml(p.name);
      return tooltipLines([
        html`<b>${s.name}</b>`,
        `学位 ${s.capacity}（${s.classes} 班 × ${s.classSizeLimit} 人）`,
        `划入 ${s.demand} 人，满额率 ${pct(s.fillRate)}`,
        `${s.areaIds.length} 个小区/村，平均 ${km(s.meanDistanceKm)}，最远 ${km(s.maxDistanceKm)}`,
      ]);
    }
    return escapeHtml(p.name);
  };
}
