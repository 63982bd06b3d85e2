/**
 * @module Per-school compliance with the 优质均衡 resource requirements (6 of 7, the rest ≥ 85%),
 * with the shortfall of every unmet indicator and the minimum plan to pass.
 */
import { fmtNumber } from '../format.js';
import { INDICATORS } from '../indicators/catalogue.js';
import type { QualityStandard } from '../standards/types.js';
import type { EvaluationContext } from './context.js';
import {
  BELOW_FLOOR,
  type ComplianceColumns,
  FLOOR,
  MET,
  SCHOOL_INCOMPLETE,
  SCHOOL_MET,
} from './numeric.js';
import type { StageParts } from './parts.js';
import type { SchoolCompliance, SchoolIndicatorResult, Status } from './results.js';
import { minimumPlan, shortfallOf, shortfallText } from './shortfall.js';

const INDICATOR_STATUS = ['met', 'floor', 'belowFloor', 'missing'] as const;

function schoolReason(indicators: SchoolIndicatorResult[], status: Status, minMet: number, total: number): string {
  const short = indicators.filter((r) => r.status === 'floor' || r.status === 'belowFloor');
  const missing = indicators.filter((r) => r.status === 'missing');
  const met = total - short.length - missing.length;
  const parts: string[] = [`${total} 项中 ${met} 项达到要求`];
  for (const r of short) {
    parts.push(
      `${r.name} ${fmtNumber(r.value, INDICATORS[r.indicator].decimals)}${r.unit}（要求 ${r.requirement}，` +
        `${r.status === 'belowFloor' ? '低于 85%' : '不低于 85%'}，${shortfallText(r.shortfall!)}）`,
    );
  }
  if (missing.length > 0) parts.push(`未填报：${missing.map((r) => r.name).join('、')}`);
  if (status === 'met') parts.push(`符合“至少 ${minMet} 项达标、其余不低于 85%”的要求`);
  return parts.join('；');
}

/**
 * Present the compliance columns of one stage as school records.
 * In summary detail only schools that are not met are listed.
 */
export function presentCompliance(
  ctx: EvaluationContext,
  std: QualityStandard,
  parts: StageParts,
  cols: ComplianceColumns,
  requirements: readonly number[],
): SchoolCompliance[] {
  const out: SchoolCompliance[] = [];
  const allowedShort = cols.indicators.length - std.perSchool.minMet;
  const floorRatio = std.perSchool.floorRatio;
  for (let k = 0; k < cols.rows.length; k++) {
    const code = cols.schoolStatus[k];
    if (ctx.detail === 'summary' && code === SCHOOL_MET) continue;
    const i = cols.rows[k];
    const school = ctx.ds.schools[parts.school[i]];
    const students = parts.students[i];
    const indicators: SchoolIndicatorResult[] = cols.indicators.map((id, j) => {
      const st = cols.status[j][k];
      const value = cols.values[j][k];
      const req = requirements[j];
      const def = INDICATORS[id];
      return {
        indicator: id,
        name: def.name,
        unit: def.unit,
        value: Number.isNaN(value) ? null : value,
        requirement: req,
        ratio: Number.isNaN(value) ? null : value / req,
        status: INDICATOR_STATUS[st],
        shortfall:
          st === FLOOR || st === BELOW_FLOOR
            ? shortfallOf(id, students, parts.resources[def.numerator][i], req, floorRatio)
            : null,
      };
    });
    const status: Status = code === SCHOOL_MET ? 'met' : code === SCHOOL_INCOMPLETE ? 'incomplete' : 'unmet';
    out.push({
      schoolId: school.id,
      name: school.name,
      type: school.type,
      locality: school.locality,
      stage: parts.stage,
      students,
      indicators,
      metCount: cols.status.reduce((n, s) => n + (s[k] === MET ? 1 : 0), 0),
      status,
      reason: schoolReason(indicators, status, std.perSchool.minMet, cols.indicators.length),
      plan: status === 'unmet' ? minimumPlan(indicators, allowedShort, ctx.unitCosts) : [],
    });
  }
  return out;
}
