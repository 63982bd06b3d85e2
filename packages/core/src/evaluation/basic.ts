/**
 * @module 基本均衡 (教督〔2012〕3号): 8 indicator CVs per stage, their mean (综合差异系数) against
 * the stage threshold, plus the prerequisite, government effort score and public satisfaction.
 */
import { atMost } from '../compare.js';
import { fmtBeside } from '../format.js';
import { STAGE_NAMES, STAGES } from '../model.js';
import type { EvaluationContext } from './context.js';
import { stageCoefficients } from './numeric.js';
import { coefficientProblem, presentCoefficient, stageTotals } from './present.js';
import type { BasicResult, BasicStageResult, ItemResult, Status } from './results.js';
import { judgeItems } from './schoolItems.js';
import { combineStatus } from './status.js';

function compositeOf(cvs: (number | null)[]): number | null {
  if (cvs.length === 0 || cvs.some((c) => c === null)) return null;
  return (cvs as number[]).reduce((a, b) => a + b, 0) / cvs.length;
}

/** Evaluate the county against 基本均衡. */
export function evaluateBasic(ctx: EvaluationContext): BasicResult {
  const std = ctx.standards.basic;
  const reasons: string[] = [];
  const stages: BasicStageResult[] = STAGES.map((stage) => {
    const parts = ctx.parts(std.apportion, stage);
    const sel = ctx.scope('basic', parts, std.scope);
    const coeffs = stageCoefficients(parts, sel.rows, std.indicators, ctx.coefficientCache(sel.rows));
    ctx.noteMissing(parts, coeffs);
    const coefficients = coeffs.map((c) => presentCoefficient(ctx.ds, parts, sel.rows, c, null, ctx.detail));
    const threshold = std.compositeCvMax[stage];
    const value = compositeOf(coefficients.map((c) => c.cv));
    let status: Status;
    const problems = coefficients.map(coefficientProblem).filter((p) => p !== null);
    if (sel.rows.length === 0) status = 'notApplicable';
    else if (problems.length > 0 || value === null) status = 'incomplete';
    else status = atMost(value, threshold) ? 'met' : 'unmet';
    const name = STAGE_NAMES[stage];
    if (status === 'unmet') {
      reasons.push(`${name}综合差异系数 ${fmtBeside(value, threshold, 3)} 超过 ${threshold.toFixed(2)}`);
    }
    if (status === 'incomplete') reasons.push(`${name}综合差异系数无法确定：${problems.join('；')}`);
    return { stage, ...stageTotals(parts, sel.rows), coefficients, composite: { value, threshold, status } };
  });
  const items: ItemResult[] = judgeItems(ctx.ds, std.items);
  for (const it of items) {
    if (it.status === 'unmet') reasons.push(`${it.name}：${it.reason}`);
    if (it.status === 'incomplete') reasons.push(`${it.name}：${it.reason}`);
  }
  const status = combineStatus([...stages.map((s) => s.composite.status), ...items.map((i) => i.status)]);
  return {
    standard: { id: std.id, name: std.name, document: std.document },
    stages,
    items,
    status,
    reasons,
  };
}
