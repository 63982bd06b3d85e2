/** @module /api/quota: 指标到校 — junior schools with graduates, preview, saved allocations. */
import { api, data, type Json, type JsonBody } from './http';

export type QuotaSchools = Json<'/api/quota/schools'>;
/** The least share and the document it comes from (a title, never a research tag). */
export type QuotaRule = QuotaSchools['rule'];
export type QuotaSchoolRow = QuotaSchools['schools'][number];
export type QuotaAllocation = Json<'/api/quota/preview', 'post'>;
export type QuotaRow = QuotaAllocation['rows'][number];
export type QuotaSummary = Json<'/api/quota'>[number];
export type QuotaView = Json<'/api/quota/{id}'>;
/** A school of a saved allocation: name and 乡村 as the register had them. */
export type QuotaInputSchool = QuotaView['inputs'][number];
/** The parameters of an allocation (preview, save, change). */
export type QuotaParams = Omit<JsonBody<'/api/quota/{id}', 'put'>, 'version'>;
/** A school as submitted: 乡村 is not sent, the server takes it from the register. */
export type QuotaSchoolInput = QuotaParams['schools'][number];

export const quotaSchools = (year: number) =>
  data(api.GET('/api/quota/schools', { params: { query: { year } } }));
export const previewQuota = (year: number, p: QuotaParams) =>
  data(api.POST('/api/quota/preview', { body: { year, ...p } }));
export const listQuotas = (year: number) => data(api.GET('/api/quota', { params: { query: { year } } }));
export const getQuota = (id: number) => data(api.GET('/api/quota/{id}', { params: { path: { id } } }));
export const createQuota = (year: number, p: QuotaParams) =>
  data(api.POST('/api/quota', { body: { year, ...p } }));
export const updateQuota = (id: number, version: number, p: QuotaParams) =>
  data(api.PUT('/api/quota/{id}', { params: { path: { id } }, body: { version, ...p } }));
