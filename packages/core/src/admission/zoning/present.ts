/**
 * Zoning results in Chinese: the per-school table with its column names, and the sentences of the
 * totals and of a comparison, for the CLI, reports and the map page alike.
 */
import { AREA_KIND_NAMES, ZONING_STAGE_NAMES } from './limits.js';
import type { SchoolLoad, ZoningComparison, ZoningEvaluation } from './types.js';

/** km with 2 decimals; “—” for none. */
export function formatKm(km: number | null): string {
  return km === null ? '—' : `${km.toFixed(2)} km`;
}

/** A ratio as a percentage with 1 decimal; “—” for none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function signedKm(km: number | null): string {
  if (km === null) return '—';
  const r = Math.round(km * 100) / 100;
  return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${Math.abs(r).toFixed(2)} km`;
}

/** Chinese column names of the per-school table, in display order. */
export const ZONING_SCHOOL_COLUMNS: readonly { key: keyof SchoolLoad | 'areas'; label: string }[] = [
  { key: 'schoolId', label: '学校代码' },
  { key: 'name', label: '学校名称' },
  { key: 'classes', label: '起始年级班数' },
  { key: 'classSizeLimit', label: '班额上限' },
  { key: 'capacity', label: '学位数' },
  { key: 'demand', label: '划入预计入学人数' },
  { key: 'fillRate', label: '满额率' },
  { key: 'overflow', label: '超出学位人数' },
  { key: 'spare', label: '剩余学位' },
  { key: 'areas', label: '小区/村数' },
  { key: 'meanDistanceKm', label: '平均距离' },
  { key: 'maxDistanceKm', label: '最远距离' },
];

/** The per-school table as rows keyed by the Chinese column names (for tables and exports). */
export function zoningSchoolTable(evaluation: ZoningEvaluation): Record<string, string | number>[] {
  return evaluation.schools.map((s) => {
    const out: Record<string, string | number> = {};
    for (const { key, label } of ZONING_SCHOOL_COLUMNS) {
      if (key === 'areas') out[label] = s.areaIds.length;
      else if (key === 'fillRate') out[label] = formatRate(s.fillRate);
      else if (key === 'meanDistanceKm' || key === 'maxDistanceKm') out[label] = formatKm(s[key]);
      else out[label] = s[key] as string | number;
    }
    return out;
  });
}

/** Lists at most `max` items joined by “、”, with “等 N 个” when cut. */
function listSome(items: string[], max: number): string {
  return items.length <= max ? items.join('、') : `${items.slice(0, max).join('、')} 等 ${items.length} 个`;
}

/** Sentences describing an evaluation's totals, overflow and unassigned areas. */
export function zoningTotalsLines(evaluation: ZoningEvaluation): string[] {
  const t = evaluation.totals;
  const stage = ZONING_STAGE_NAMES[evaluation.stage];
  const lines = [
    `${stage}划片：${t.areas} 个小区/村，预计入学 ${t.students} 人；${evaluation.schools.length} 所学校，学位 ${t.capacity} 个（学位/人数 ${formatRate(t.students > 0 ? t.capacity / t.students : null)}）`,
    `按人数加权的平均距离 ${formatKm(t.meanDistanceKm)}，最远 ${formatKm(t.maxDistanceKm)}（直线距离）；划入最近学校的学生占 ${formatRate(t.nearestShare)}`,
  ];
  if (t.overflowingSchools === 0) {
    lines.push('所有学校的划入人数都在学位数之内');
  } else {
    const over = evaluation.schools
      .filter((s) => s.overflow > 0)
      .map((s) => `${s.name}（超 ${s.overflow} 人，满额率 ${formatRate(s.fillRate)}）`);
    const areas = evaluation.areas.filter((a) => a.overflowing).map((a) => a.name);
    lines.push(
      `${t.overflowingSchools} 所学校超出学位，共 ${t.overflowStudents} 人没有学位：${listSome(over, 10)}`,
      `涉及 ${t.overflowingAreas} 个小区/村：${listSome(areas, 20)}`,
    );
  }
  if (t.unassignedAreas > 0) {
    const names = evaluation.areas
      .filter((a) => a.schoolId === null)
      .map((a) => `${a.name}（${AREA_KIND_NAMES[a.kind]}）`);
    lines.push(`${t.unassignedAreas} 个小区/村未划片：${listSome(names, 20)}`);
  }
  return lines;
}

/** Sentences comparing two evaluations: totals, then the areas that change school. */
export function zoningComparisonLines(
  comparison: ZoningComparison,
  labels: { before: string; after: string } = { before: '现行划片', after: '优化方案' },
  maxAreas = 30,
): string[] {
  const c = comparison;
  const names = new Map(c.schools.map((s) => [s.schoolId, s.name]));
  const name = (id: string | null) => (id === null ? '未划片' : (names.get(id) ?? id));
  const lines = [
    `${labels.after}与${labels.before}相比：${c.changedAreas.length} 个小区/村改变学校，涉及预计入学 ${c.changedStudents} 人`,
    `平均距离 ${formatKm(c.before.meanDistanceKm)} → ${formatKm(c.after.meanDistanceKm)}（${signedKm(c.meanDistanceDeltaKm)}）；` +
      `最远距离 ${formatKm(c.before.maxDistanceKm)} → ${formatKm(c.after.maxDistanceKm)}（${signedKm(c.maxDistanceDeltaKm)}）`,
    `超出学位的学校 ${c.before.overflowingSchools} → ${c.after.overflowingSchools} 所；没有学位的学生 ${c.before.overflowStudents} → ${c.after.overflowStudents} 人；` +
      `划入最近学校的学生 ${formatRate(c.before.nearestShare)} → ${formatRate(c.after.nearestShare)}`,
  ];
  const fills = c.schools
    .filter((s) => s.demandBefore !== s.demandAfter)
    .map(
      (s) =>
        `${s.name} ${s.demandBefore} → ${s.demandAfter} 人（满额率 ${formatRate(s.fillRateBefore)} → ${formatRate(s.fillRateAfter)}）`,
    );
  if (fills.length > 0) lines.push(`划入人数有变化的学校：${listSome(fills, 10)}`);
  for (const a of c.changedAreas.slice(0, maxAreas)) {
    lines.push(
      `  ${a.name}（${a.demand} 人）：${name(a.from)} → ${name(a.to)}，距离 ${formatKm(a.distanceBeforeKm)} → ${formatKm(a.distanceAfterKm)}`,
    );
  }
  if (c.changedAreas.length > maxAreas) lines.push(`  …… 另有 ${c.changedAreas.length - maxAreas} 个小区/村`);
  return lines;
}
