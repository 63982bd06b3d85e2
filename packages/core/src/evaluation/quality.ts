/**
 * @module 优质均衡 (教督〔2017〕6号): four aspects (资源配置, 政府保障程度, 教育质量, 社会认可度)
 * and the veto items; all must pass.
 */
import { fmtBeside } from '../format.js';
import type { IndicatorId } from '../indicators/catalogue.js';
import { STAGE_NAMES, STAGES } from '../model.js';
import { presentCompliance } from './compliance.js';
import type { EvaluationContext } from './context.js';
import { judgeCountyItem, judgeVeto } from './countyItems.js';
import {
  complianceColumns,
  SCHOOL_INCOMPLETE,
  SCHOOL_MET,
  SCHOOL_UNMET,
  stageCoefficients,
} from './numeric.js';
import { coefficientProblem, presentCoefficient, stageTotals } from './present.js';
import type {
  AspectResult,
  ItemResult,
  QualityResult,
  QualityStageResult,
  SchoolCompliance,
  Status,
} from './results.js';
import { judgeItems } from './schoolItems.js';
import { combineStatus } from './status.js';

function countCodes(codes: Uint8Array, code: number): number {
  let n = 0;
  for (let k = 0; k < codes.length; k++) if (codes[k] === code) n++;
  return n;
}

function aspect(key: AspectResult['key'], name: string, items: ItemResult[]): AspectResult {
  const reasons = items
    .filter((i) => i.status === 'unmet' || i.status === 'incomplete')
    .map((i) => `${i.name}：${i.reason}`);
  return { key, name, status: combineStatus(items.map((i) => i.status)), items, reasons };
}

/** Evaluate the county against 优质均衡. */
export function evaluateQuality(ctx: EvaluationContext): QualityResult {
  const std = ctx.standards.quality;
  const rules = Object.values(std.indicators);
  const ids: IndicatorId[] = rules.map((r) => r.indicator);
  const schools: SchoolCompliance[] = [];
  const resourceItems: ItemResult[] = [];
  const stages: QualityStageResult[] = STAGES.map((stage) => {
    const parts = ctx.parts(std.apportion, stage);
    const sel = ctx.scope('quality', parts, std.scope);
    const cvMax = std.cvMax[stage];
    const coeffs = stageCoefficients(parts, sel.rows, ids, ctx.coefficientCache(sel.rows));
    ctx.noteMissing(parts, coeffs);
    const coefficients = coeffs.map((c) => presentCoefficient(ctx.ds, parts, sel.rows, c, cvMax, ctx.detail));
    const requirements = rules.map((r) => r.min[stage]);
    const cols = complianceColumns(
      parts,
      sel.rows,
      ids,
      requirements,
      std.perSchool.minMet,
      std.perSchool.floorRatio,
    );
    for (const s of presentCompliance(ctx, std, parts, cols, requirements)) schools.push(s);
    const schoolsMet = countCodes(cols.schoolStatus, SCHOOL_MET);
    const schoolsUnmet = countCodes(cols.schoolStatus, SCHOOL_UNMET);
    const schoolsIncomplete = countCodes(cols.schoolStatus, SCHOOL_INCOMPLETE);
    const name = STAGE_NAMES[stage];
    if (sel.rows.length > 0) {
      const cvStatus = combineStatus(coefficients.map((c) => c.status));
      const over = coefficients.filter((c) => c.status === 'unmet');
      resourceItems.push({
        id: `cv.${stage}`,
        no: resourceItems.length + 1,
        name: `${name}7项指标校际差异系数均不高于 ${cvMax.toFixed(2)}`,
        kind: 'resources',
        value: over.length,
        display: `${coefficients.filter((c) => c.status === 'met').length}/${coefficients.length} 项达标`,
        threshold: cvMax,
        compare: 'lte',
        status: cvStatus,
        reason:
          over.length > 0
            ? `${over.map((c) => `${c.name} ${fmtBeside(c.cv, cvMax, 3)}`).join('、')} 超过 ${cvMax.toFixed(2)}`
            : cvStatus === 'incomplete'
              ? coefficients
                  .map(coefficientProblem)
                  .filter((p) => p !== null)
                  .join('；')
              : '全部达标',
        source: std.cvMax.source,
      });
      const total = sel.rows.length;
      resourceItems.push({
        id: `schools.${stage}`,
        no: resourceItems.length + 1,
        name: `${name}每所学校至少 ${std.perSchool.minMet} 项指标达到要求，其余不低于要求的 ${std.perSchool.floorRatio * 100}%`,
        kind: 'resources',
        value: schoolsUnmet,
        display: `${total} 所中 ${schoolsMet} 所达标`,
        status: schoolsUnmet > 0 ? 'unmet' : schoolsIncomplete > 0 ? 'incomplete' : 'met',
        reason:
          schoolsUnmet > 0
            ? `${schoolsUnmet} 所学校未达标`
            : schoolsIncomplete > 0
              ? `${schoolsIncomplete} 所学校数据未填报`
              : '全部达标',
        source: std.perSchool.source,
      });
    }
    return {
      stage,
      ...stageTotals(parts, sel.rows),
      coefficients,
      schoolsMet,
      schoolsUnmet,
      schoolsIncomplete,
    };
  });
  const aspects: AspectResult[] = [
    aspect('resources', '资源配置', resourceItems),
    aspect('government', '政府保障程度', judgeItems(ctx.ds, std.government)),
    aspect('quality', '教育质量', judgeItems(ctx.ds, std.quality)),
    aspect('recognition', '社会认可度', [judgeCountyItem(std.recognition, ctx.ds.countyInputs)]),
  ];
  const vetoes = Object.values(std.vetoes).map((v) => judgeVeto(v, ctx.ds.countyInputs));
  const reasons = aspects.flatMap((a) => a.reasons.map((r) => `${a.name}：${r}`));
  for (const v of vetoes) {
    if (v.status === 'unmet') reasons.push(`一票否决：存在“${v.name}”情形`);
    if (v.status === 'incomplete') reasons.push(`否决项“${v.name}”未填报`);
  }
  const status: Status = combineStatus([...aspects.map((a) => a.status), ...vetoes.map((v) => v.status)]);
  return {
    standard: { id: std.id, name: std.name, document: std.document },
    stages,
    schools,
    aspects,
    vetoes,
    status,
    reasons,
  };
}
