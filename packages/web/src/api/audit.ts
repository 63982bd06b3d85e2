/** @module /api/audit: the audit log and its hash-chain check. */
import { get } from './client';
import { asPage } from './normalize';
import type { AuditItem, AuditVerify, Page } from './types';

/**
 * `entity` filters by kind of thing changed (school_report, evaluation_run, app_user…), `actor` by
 * username, `action` by action, `from`/`to` by Beijing day (YYYY-MM-DD, both included).
 */
export async function listAudit(query: {
  page: number;
  pageSize: number;
  entity?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}): Promise<Page<AuditItem>> {
  return asPage(await get<Page<AuditItem> | AuditItem[]>('/api/audit', query), query.page, query.pageSize);
}

/** `expectHead`: a hash written down earlier, which the chain must still contain. */
export const verifyAudit = (expectHead?: string) =>
  get<AuditVerify>('/api/audit/verify', expectHead ? { expectHead } : undefined);
