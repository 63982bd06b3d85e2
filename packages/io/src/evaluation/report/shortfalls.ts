/**
 * @module What schools lack and what they must add: the shortfalls of one school, its minimum
 * plan as a sentence, the county totals by resource, and the schools that do not meet the
 * per-school rule. Read by the 存在问题 / 整改建议 sentences and the school tables.
 */
import {
  fmtQuantity,
  type IndicatorId,
  type QualityResult,
  type SchoolCompliance,
  type SchoolType,
  STAGE_NAMES,
  type Stage,
  shortfallText,
} from '@junheng/core';
import { fmtAgainst } from './reportLabels.js';

/** Everything a school lacks, one phrase per indicator: ["缺 312 m² 教学及辅助用房", …]. */
export function schoolShortfalls(s: SchoolCompliance): string[] {
  return s.indicators.filter((i) => i.shortfall !== null).map((i) => shortfallText(i.shortfall!));
}

/** The minimum plan of a school as one sentence: "补足教学及辅助用房 312 m²；补足体育艺术专任教师 2 名". */
export function schoolPlanText(s: SchoolCompliance): string {
  return s.plan.map((p) => p.text).join('；');
}

/**
 * Each indicator a school falls short on, with value, requirement and what is missing:
 * "生均教学及辅助用房面积 3.80 m²（要求 4.5，低于 85%），缺 312 m²"; missing values as 未填报.
 */
export function indicatorGaps(s: SchoolCompliance): string[] {
  const out: string[] = [];
  for (const i of s.indicators) {
    if (i.status === 'missing') out.push(`${i.name}：未填报`);
    if (i.shortfall === null) continue;
    const level = i.status === 'belowFloor' ? '低于 85%' : '不低于 85%';
    const value = fmtAgainst(i.indicator, i.value, i.requirement);
    out.push(
      `${i.name} ${value} ${i.unit}（要求 ${i.requirement}，${level}），缺 ${fmtQuantity(i.shortfall.toRequirement)} ${i.shortfall.unit}`,
    );
  }
  return out;
}

/** How much of one resource the county must add. */
export interface ResourceNeed {
  indicator: IndicatorId;
  resourceName: string;
  unit: string;
  /** Sum of the minimum plans: what makes every failing school meet the 6-of-7 rule. */
  minimum: number;
  /** Schools (stage parts) whose minimum plan includes this resource. */
  minimumSchools: number;
  /**
   * Sum of the shortfalls to the full requirement, over every school below it (passing ones too;
   * a result in summary detail lists only failing schools, so there it covers those only).
   */
  full: number;
  /** Schools (stage parts) below the full requirement of this indicator. */
  fullSchools: number;
}

/**
 * County totals of the shortfalls by resource, in the order of the standard's indicators.
 * Both stages add up: a m² or a teacher is the same unit in 小学 and 初中.
 * Only resources with some need are returned.
 */
export function resourceNeeds(quality: QualityResult): ResourceNeed[] {
  const byIndicator = new Map<IndicatorId, ResourceNeed>();
  const need = (id: IndicatorId, resourceName: string, unit: string): ResourceNeed => {
    let n = byIndicator.get(id);
    if (!n) {
      n = { indicator: id, resourceName, unit, minimum: 0, minimumSchools: 0, full: 0, fullSchools: 0 };
      byIndicator.set(id, n);
    }
    return n;
  };
  for (const s of quality.schools) {
    for (const i of s.indicators) {
      if (i.shortfall === null || i.shortfall.toRequirement <= 0) continue;
      const n = need(i.indicator, i.shortfall.resourceName, i.shortfall.unit);
      n.full += i.shortfall.toRequirement;
      n.fullSchools++;
    }
    for (const p of s.plan) {
      const n = need(p.indicator, p.resourceName, p.unit);
      n.minimum += p.add;
      n.minimumSchools++;
    }
  }
  const order = quality.stages[0]?.coefficients.map((c) => c.indicator) ?? [];
  return [...byIndicator.values()].sort((a, b) => order.indexOf(a.indicator) - order.indexOf(b.indicator));
}

/** "教学及辅助用房 12,340 m²，体育艺术专任教师 23 名" for the minimum or the full totals. */
export function resourceNeedsText(needs: readonly ResourceNeed[], which: 'minimum' | 'full'): string {
  return needs
    .filter((n) => n[which] > 0)
    .map((n) => `${n.resourceName} ${fmtQuantity(n[which])} ${n.unit}`)
    .join('，');
}

/** Schools (stage parts) not meeting the per-school rule, and those whose data are incomplete. */
export function schoolsNotMet(quality: QualityResult): SchoolCompliance[] {
  return quality.schools.filter((s) => s.status === 'unmet' || s.status === 'incomplete');
}

/** "XX学校（初中部）" for a 九年/十二年一贯制 school, which appears once per stage; else the name. */
export function schoolLabel(s: { name: string; stage: Stage; type: SchoolType }): string {
  const multiStage = s.type === 'nineYear' || s.type === 'twelveYear';
  return multiStage ? `${s.name}（${STAGE_NAMES[s.stage]}部）` : s.name;
}
