/**
 * @module What a school or county import says when it went through: the counts line, the toast.
 */
import type { ImportResult } from '../../api/imports';

/** 导入成功：学校 N 所，…（导入的报表仍需提交审核）, or how many were approved directly. */
export function reportImportSummary(r: ImportResult): string {
  const parts = [`学校 ${r.schools} 所`];
  if (r.schoolsCreated) parts.push(`其中新增 ${r.schoolsCreated} 所`);
  parts.push(`新建报表 ${r.reportsCreated ?? 0} 份`, `更新报表 ${r.reportsUpdated ?? 0} 份`);
  if (r.countyItems) parts.push(`县级指标 ${r.countyItems} 项`);
  if (r.approved) return `导入成功：${parts.join('，')}；其中 ${r.approved} 份报表已直接审核通过`;
  return `导入成功：${parts.join('，')}（导入的报表仍需提交审核）`;
}

export function reportImportToast(r: ImportResult): string {
  return r.approved ? `导入成功，${r.approved} 份报表已审核通过` : '导入成功';
}
