/**
 * @module Per-school compliance with the 优质均衡 resource requirements (6 of 7, the rest ≥ 85%),
 * with the shortfall of every unmet indicator and the minimum plan to pass.
 */
import { fmtBeside } from '../format.js';
import { INDICATORS } from '../indicators/catalogue.js';
import type { QualityStandard } from '../standards/types.js';
import type { EvaluationContext } from './context.js';
import { BELOW_FLOOR, type ComplianceColumns, FLOOR, SCHOOL_INCOMPLETE, SCHOOL_MET } from './numeric.js';
import type { StageParts } from './parts.js';
import type { SchoolCompliance, SchoolIndicatorResult, Status } from './results.js';
import { minimumPlan, shortfallOf, shortfallText } from './shortfall.js';

const INDICATOR_STATUS = ['met', 'floor', 'belowFloor', 'missing'] as const;

function schoolReason(
  indicators: SchoolIndicatorResult[],
  status: Status,
  minMet: number,
  total: number,
): string {
  const short = indicators.filter((r) => r.status === 'floor' || r.status === 'belowFloor');
  const missing = indicators.filter((r) => r.status === 'missing');
  const met = total - short.length - missing.length;
  const parts: string[] = [`${total} 项中 ${met} 项达到要求`];
  for (const r of short) {
    parts.push(
      `${r.name} ${fmtBeside(r.value, r.requirement, INDICATORS[r.indicator].decimals)}${r.unit}（要求 ${r.requirement}，` +
        `${r.status === 'belowFloor' ? '低于 85%' : '不低于 85%'}，${shortfallText(r.shortfall!)}）`,
    );
  }
  if (missing.length > 0) parts.push(`未填报：${missing.map((r) => r.name).join('、')}`);
  if (status === 'met') parts.push(`符合“至少 ${minMet} 项达标、其余不低于 85%”的要求`);
  return parts.join('；');
}

/** How many schools a summary lists per stage (the worst first); counts always cover all. */
export const SUMMARY_SCHOOLS = 50;

/**
 * Rows to present: all in full detail; in summary, up to SUMMARY_SCHOOLS schools that are not met,
 * fewest indicators met first, then in input order.
 */
function rowsToPresent(cols: ComplianceColumns, detail: 'full' | 'summary'): number[] {
  const n = cols.rows.length;
  if (detail === 'full') return Array.from({ length: n }, (_, k) => k);
  const picked: number[] = [];
  for (let met = 0; met <= cols.indicators.length && picked.length < SUMMARY_SCHOOLS; met++) {
    for (let k = 0; k < n && picked.length < SUMMARY_SCHOOLS; k++) {
      if (cols.metCount[k] === met && cols.schoolStatus[k] !== SCHOOL_MET) picked.push(k);
    }
  }
  return picked;
}

/**
 * Present the compliance columns of one stage as school records (see rowsToPresent).
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
  for (const k of rowsToPresent(cols, ctx.detail)) {
    const code = cols.schoolStatus[k];
    const i = cols.rows[k];
    const school = ctx.ds.schools[parts.school[i]];
    const students = parts.students[i];
    const indicators: SchoolIndicatorResult[] = cols.indicators.map((id, j) => {
      const st = cols.status[j][k];
      const req = requirements[j];
      const def = INDICATORS[id];
      const value = (def.scale * parts.resources[def.numerator][i]) / students;
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
      metCount: cols.metCount[k],
      status,
      reason: schoolReason(indicators, status, std.perSchool.minMet, cols.indicators.length),
      plan: status === 'unmet' ? minimumPlan(indicators, allowedShort, ctx.unitCosts) : [],
    });
  }
  return out;
}
