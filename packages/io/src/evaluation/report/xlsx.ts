/**
 * @module The evaluation result as an Excel workbook, for the bureau clerk who works with it and
 * the inspector who checks it: every coefficient with the schools it was computed from (and
 * formulas that recompute it), every school's compliance, every county item, and what was left
 * out and why. Each sheet is written by its own module; this one puts them in order.
 */
import type { EvaluationResult } from '@junheng/core';
import { loadExcel } from '../../platform/excel.js';
import { coefficientSheets } from './coefficientSheets.js';
import { itemSheets } from './itemSheets.js';
import { comparisonSheet, excludedSheet, issueSheet } from './listSheets.js';
import { type ReportOptions, schoolYearLabel } from './narrative.js';
import { overviewSheet } from './overviewSheet.js';
import { schoolSheet } from './schoolSheet.js';

/**
 * Write the evaluation result as an Excel workbook.
 *
 * Sheets: 总览 (verdicts, reasons, rules used), 差异系数 (every coefficient with formulas that
 * recompute it from the detail), 差异系数明细 (every counted school: P_i, R_i, X_i, w_i),
 * 学校达标 (优质均衡 per school: 7 values, shortfalls, minimum plan), 县级指标 and
 * 县级指标明细, 未纳入学校, 数据问题, and 年度对比 when a comparison is given.
 *
 * @param result the evaluation (full detail lists every school; summary detail lists fewer rows)
 * @param opts.comparison year-over-year comparison to add as a sheet
 * @returns the .xlsx file contents
 */
export async function writeResultWorkbook(
  result: EvaluationResult,
  opts: ReportOptions = {},
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'junheng 均衡';
  wb.title = `${result.county.name}${schoolYearLabel(result.year)}义务教育均衡发展督导评估结果`;
  // Recalculate on open so the audit formulas show Excel's own figures, not our cached ones.
  wb.calcProperties = { fullCalcOnLoad: true };
  overviewSheet(wb, result);
  coefficientSheets(wb, result);
  schoolSheet(wb, result.quality);
  itemSheets(wb, result);
  excludedSheet(wb, result);
  issueSheet(wb, result);
  if (opts.comparison) comparisonSheet(wb, opts.comparison);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
