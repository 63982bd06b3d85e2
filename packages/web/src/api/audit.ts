/** @module /api/audit: the audit log and its hash-chain check. */
import { get } from './client';
import { asPage } from './normalize';
import type { AuditItem, AuditVerify, Page } from './types';

/** `entity` filters by kind of thing changed (school_report, evaluation_run, app_user…). */
export async function listAudit(query: {
  page: number;
  pageSize: number;
  entity?: string;
}): Promise<Page<AuditItem>> {
  return asPage(await get<Page<AuditItem> | AuditItem[]>('/api/audit', query), query.page, query.pageSize);
}

export const verifyAudit = () => get<AuditVerify>('/api/audit/verify');
