/**
 * @module 各校录取构成, the results chart of 招生申请: per school a stacked bar of the places taken by
 * each category, by 统筹安排 and left over, with the children refused in the zone as a dashed outline;
 * schools from the smallest, ◆ where the lottery decided the cut-off.
 */
import type { RoundResults, SchoolResult } from '../../../api/admission';
import { admissionTooltip } from '../../../shared/chartTooltips';

const PALETTE = ['#67c23a', '#409eff', '#e6a23c', '#9b59b6', '#f56c6c', '#1abc9c', '#34495e'];

/** The schools in the chart's order: smallest capacity first, then by name. */
export function chartSchools(results: RoundResults | null): SchoolResult[] {
  return [...(results?.schools ?? [])].sort(
    (a, b) => a.capacity - b.capacity || a.schoolName.localeCompare(b.schoolName, 'zh'),
  );
}

/** The chart's height: room for every school's bar. */
export const chartHeight = (schools: number) => `${Math.max(320, schools * 26 + 110)}px`;

/** The ECharts option; `cutOffText` words a school's cut-off category for the tooltip. */
export function resultsChartOption(
  r: RoundResults,
  schools: SchoolResult[],
  cutOffText: (s: SchoolResult) => string,
) {
  const series = [
    ...r.round.categories.map((c, i) => ({
      name: c.name,
      type: 'bar',
      stack: 'seats',
      itemStyle: { color: PALETTE[i % PALETTE.length] },
      data: schools.map((s) => s.admittedByCategory[c.id] ?? 0),
    })),
    {
      name: '统筹安排',
      type: 'bar',
      stack: 'seats',
      itemStyle: { color: '#f0c78a' },
      data: schools.map((s) => s.assigned),
    },
    {
      name: '剩余学位',
      type: 'bar',
      stack: 'seats',
      itemStyle: { color: '#e4e7ed' },
      data: schools.map((s) => s.seatsLeft),
    },
    {
      name: '本片区未录取',
      type: 'bar',
      stack: 'refused',
      barGap: '-100%',
      itemStyle: { color: 'transparent', borderColor: '#f56c6c', borderType: 'dashed', borderWidth: 1 },
      data: schools.map((s) => ({
        value: s.capacity + s.refused,
        itemStyle: s.refused > 0 ? undefined : { borderWidth: 0 },
      })),
      z: -1,
    },
  ];
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: admissionTooltip(schools, cutOffText),
    },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '人数' },
    yAxis: {
      type: 'category',
      data: schools.map((s) => s.schoolName),
      axisLabel: {
        // Drawn on the canvas as text, never parsed as HTML: the name needs no escaping here.
        formatter: (v: string) => {
          const s = schools.find((x) => x.schoolName === v);
          return s?.lotteryUsed ? `${v} ◆` : v;
        },
      },
    },
    series,
  };
}
