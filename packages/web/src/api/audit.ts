/** @module /api/audit: the audit log and its hash-chain check. */
import { api, data, type Json, type QueryOf } from './http';

export type AuditItem = Json<'/api/audit'>['items'][number];
export type AuditVerify = Json<'/api/audit/verify'>;

/**
 * `entity` filters by kind of thing changed (school_report, evaluation_run, app_user…), `actor` by
 * username, `action` by action, `from`/`to` by Beijing day (YYYY-MM-DD, both included).
 */
export const listAudit = (query: QueryOf<'/api/audit'>) => data(api.GET('/api/audit', { params: { query } }));

/** `expectHead`: a hash written down earlier, which the chain must still contain. */
export const verifyAudit = (expectHead?: string) =>
  data(api.GET('/api/audit/verify', { params: { query: { expectHead } } }));
