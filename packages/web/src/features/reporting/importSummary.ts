/**
 * @module What a school or county import says when it went through: the counts line, the toast.
 */
import type { ImportResult } from '../../api/imports';
import { t } from '../../shared/messages';

/** 导入成功：学校 N 所，…（导入的报表仍需提交审核）, or how many were approved directly. */
export function reportImportSummary(r: ImportResult): string {
  const parts = [t('web.reporting.importSchools', { count: r.schools })];
  if (r.schoolsCreated) parts.push(t('web.reporting.importSchoolsCreated', { count: r.schoolsCreated }));
  parts.push(
    t('web.reporting.importReportsCreated', { count: r.reportsCreated ?? 0 }),
    t('web.reporting.importReportsUpdated', { count: r.reportsUpdated ?? 0 }),
  );
  if (r.countyItems) parts.push(t('web.reporting.importCountyItems', { count: r.countyItems }));
  if (r.approved) return t('web.reporting.importApproved', { parts: parts.join('，'), approved: r.approved });
  return t('web.reporting.importToReview', { parts: parts.join('，') });
}

export function reportImportToast(r: ImportResult): string {
  return r.approved
    ? t('web.reporting.importToastApproved', { approved: r.approved })
    : t('web.shared.importDone');
}
