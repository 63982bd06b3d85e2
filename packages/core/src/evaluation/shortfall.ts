/**
 * @module Shortfalls in natural units and the minimum plan that makes a school pass (一校一策 seed).
 */
import { atLeast } from '../compare.js';
import { fmtQuantity } from '../format.js';
import { INDICATORS, type IndicatorId } from '../indicators/catalogue.js';
import { DEFAULT_UNIT_COSTS, type UnitCosts } from '../planning/unitCosts.js';
import type { PlanStep, SchoolIndicatorResult, Shortfall } from './results.js';

/**
 * Resource to add so that scale·(R + add)/P reaches `target`, rounded up to a whole unit
 * (m², 元, teachers, rooms). Tiny float excess (312.0000001) is not rounded up to 313.
 */
export function additionNeeded(id: IndicatorId, students: number, resource: number, target: number): number {
  const def = INDICATORS[id];
  const need = (target * students) / def.scale - resource;
  if (need <= 0) return 0;
  const rounded = Math.ceil(need - 1e-9 * Math.max(1, need));
  return Math.max(rounded, 0);
}

/** Shortfall of one indicator below its requirement; null when met or missing. */
export function shortfallOf(
  id: IndicatorId,
  students: number,
  resource: number,
  requirement: number,
  floorRatio: number,
): Shortfall | null {
  const def = INDICATORS[id];
  const value = (def.scale * resource) / students;
  if (Number.isNaN(value) || atLeast(value, requirement)) return null;
  return {
    toRequirement: additionNeeded(id, students, resource, requirement),
    toFloor: atLeast(value, requirement * floorRatio)
      ? 0
      : additionNeeded(id, students, resource, requirement * floorRatio),
    unit: def.resourceUnit,
    resourceName: def.resourceName,
  };
}

/** "缺 312 m² 教学及辅助用房" */
export function shortfallText(s: Shortfall): string {
  return `缺 ${fmtQuantity(s.toRequirement)} ${s.unit} ${s.resourceName}`;
}

function step(r: SchoolIndicatorResult, target: 'requirement' | 'floor', costs: UnitCosts): PlanStep {
  const s = r.shortfall!;
  const add = target === 'requirement' ? s.toRequirement : s.toFloor;
  return {
    indicator: r.indicator,
    add,
    unit: s.unit,
    resourceName: s.resourceName,
    target,
    text: `补足${s.resourceName} ${fmtQuantity(add)} ${s.unit}${target === 'floor' ? '（达到标准的 85%）' : ''}`,
    estimatedCost: add * (costs[r.indicator] ?? DEFAULT_UNIT_COSTS[r.indicator]),
  };
}

/**
 * The cheapest set of additions that satisfies the per-school rule: every indicator below its
 * requirement is raised to it, except up to `allowedShort` of them, which need only reach the floor.
 * Those exceptions are the ones whose full raise would cost most beyond the floor (additive costs,
 * so choosing the largest savings greedily is optimal).
 * Indicators not reported are left out: the plan then holds only if they turn out to be met,
 * which the school's reason says (未填报 …).
 * @returns the steps, or [] when the school already passes
 */
export function minimumPlan(
  indicators: SchoolIndicatorResult[],
  allowedShort: number,
  costs: UnitCosts = DEFAULT_UNIT_COSTS,
): PlanStep[] {
  const short = indicators.filter((r) => r.shortfall !== null);
  const belowFloor = short.filter((r) => r.status === 'belowFloor');
  if (short.length <= allowedShort && belowFloor.length === 0) return [];
  const full = short.map((r) => step(r, 'requirement', costs));
  const floor = short.map((r) => step(r, 'floor', costs));
  const bySaving = short
    .map((_, i) => i)
    .sort(
      (a, b) =>
        full[b].estimatedCost - floor[b].estimatedCost - (full[a].estimatedCost - floor[a].estimatedCost),
    );
  const atFloor = new Set(bySaving.slice(0, allowedShort));
  return short.map((_, i) => (atFloor.has(i) ? floor[i] : full[i])).filter((s) => s.add > 0);
}
