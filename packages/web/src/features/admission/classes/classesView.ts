/**
 * @module What the 均衡分班 page shows of a placement: the class count's field, numbers to a fixed
 * precision, the status and gender names, and from the balance report the spread comparison with
 * the snake draft, the ratio of the two spreads and the chart option. Pure.
 */
import type { PlacementReport, ReportClass } from '../../../api/classes';

/** 班级数 of a new placement and of a run (NumberField refuses letters and out-of-range values). */
export const CLASS_COUNT = { label: '班级数', unit: '个', integer: true, min: 1, max: 60, required: true };
/** The glossary's 学段 names (core), under the name the class components import. */
export { STAGE_NAMES } from '@junheng/core';
export const statusName = (s: string) => (s === 'published' ? '已公示' : '草稿');
export const fmt = (x: number | null | undefined, d = 2) =>
  x === null || x === undefined ? '—' : x.toFixed(d);

/** 极差（最大 − 最小）对比: the spread of each figure, this system beside the snake draft. */
export function spreadRows(r: PlacementReport) {
  const o = r.spread.ours;
  const s = r.spread.snake;
  const rows = [{ item: '人数', ours: String(o.size), snake: String(s.size) }];
  if (r.hasScores) {
    rows.push({ item: '平均分', ours: fmt(o.meanScore, 3), snake: fmt(s.meanScore, 3) });
    rows.push({ item: '标准差', ours: fmt(o.sdScore, 3), snake: fmt(s.sdScore, 3) });
  }
  rows.push(
    { item: '男生', ours: String(o.male), snake: String(s.male) },
    { item: '女生', ours: String(o.female), snake: String(s.female) },
    { item: '随班就读', ours: String(o.specialNeeds), snake: String(s.specialNeeds) },
    { item: '留守儿童', ours: String(o.leftBehind), snake: String(s.leftBehind) },
    {
      item: '未满足的同班/分开要求',
      ours: String(r.violations.ours.together + r.violations.ours.apart),
      snake: String(r.violations.snake.together + r.violations.snake.apart),
    },
  );
  return rows;
}

/** 蛇形 ÷ 本系统: how many times wider the snake draft's spread of class means is. */
export function ratioText(r: PlacementReport): string {
  if (!r.hasScores) return '';
  if (r.meanSpreadRatio !== null) return `${r.meanSpreadRatio.toFixed(1)} 倍`;
  return r.spread.snake.meanScore > 0 ? '本系统为 0' : '均为 0';
}

function meanBounds(rows: ReportClass[]) {
  const xs = rows.map((c) => c.meanScore).filter((x): x is number => x !== null);
  if (xs.length === 0) return { min: 0, max: 1 };
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = Math.max(0.5, (hi - lo) * 0.3);
  return { min: Math.floor((lo - pad) * 10) / 10, max: Math.ceil((hi + pad) * 10) / 10 };
}

/**
 * The chart beside the report: class mean scores of both placements, or without scores the boys and
 * left-behind children per class.
 */
export function balanceChartOption(r: PlacementReport) {
  const names = r.classes.map((c) => c.name);
  if (r.hasScores) {
    const b = meanBounds([...r.classes, ...r.snake]);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(3) : v) },
      legend: { top: 0, data: ['本系统（均衡分班）', '蛇形分班'] },
      grid: { left: 56, right: 16, top: 48, bottom: names.length > 8 ? 72 : 36 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', name: '班级平均分', min: b.min, max: b.max },
      series: [
        {
          name: '本系统（均衡分班）',
          type: 'bar',
          data: r.classes.map((c) => c.meanScore),
          itemStyle: { color: '#409eff' },
        },
        {
          name: '蛇形分班',
          type: 'bar',
          data: r.snake.map((c) => c.meanScore),
          itemStyle: { color: '#e6a23c' },
        },
      ],
    };
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['男生（本系统）', '男生（蛇形）', '留守（本系统）', '留守（蛇形）'] },
    grid: { left: 48, right: 16, top: 48, bottom: names.length > 8 ? 72 : 36 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: '人数', minInterval: 1 },
    series: [
      {
        name: '男生（本系统）',
        type: 'bar',
        data: r.classes.map((c) => c.male),
        itemStyle: { color: '#409eff' },
      },
      {
        name: '男生（蛇形）',
        type: 'bar',
        data: r.snake.map((c) => c.male),
        itemStyle: { color: '#e6a23c' },
      },
      {
        name: '留守（本系统）',
        type: 'bar',
        data: r.classes.map((c) => c.leftBehind),
        itemStyle: { color: '#67c23a' },
      },
      {
        name: '留守（蛇形）',
        type: 'bar',
        data: r.snake.map((c) => c.leftBehind),
        itemStyle: { color: '#f56c6c' },
      },
    ],
  };
}
