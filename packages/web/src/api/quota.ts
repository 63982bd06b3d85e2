/** @module /api/quota: 指标到校 — junior schools with graduates, preview, saved allocations. */
import { get, post, put } from './client';

export interface QuotaRule {
  minShare: number;
  /** The document the least share comes from (a title, never a research tag). */
  document: string;
}

export interface QuotaSchoolRow {
  schoolId: string;
  name: string;
  /** 乡村学校: the register's 城乡类型 (read-only here). */
  rural: boolean;
  juniorStudents: number | null;
  reportYear: number | null;
  graduates: number;
  estimated: boolean;
}

/** A school of a saved allocation: name and 乡村 as the register had them. */
export interface QuotaInputSchool {
  schoolId: string;
  name: string;
  graduates: number;
  rural: boolean;
}

/** A school as submitted: 乡村 is not sent, the server takes it from the register. */
export interface QuotaSchoolInput {
  schoolId: string;
  name: string;
  graduates: number;
}

export interface QuotaRow {
  schoolId: string;
  name?: string;
  graduates: number;
  rural: boolean;
  weight: number;
  weightedGraduates: number;
  guaranteed: number;
  heldAtGuarantee: boolean;
  /** The school's share exceeded its graduates: held at them. */
  heldAtCap: boolean;
  exactQuota: number;
  floor: number;
  remainder: number;
  extraSeat: number;
  final: number;
}

export interface QuotaAllocation {
  plan: number;
  share: number;
  places: number;
  unallocated: number;
  /** Places no school can take: the graduates of all schools together are fewer. */
  unplaced: number;
  ruralWeight: number;
  minimum: number;
  proportionalPlaces: number;
  leftoverSeats: number;
  rows: QuotaRow[];
}

export interface QuotaParams {
  highSchoolName: string;
  places: number;
  share: number;
  ruralTilt: number;
  minimum: number;
  schools: QuotaSchoolInput[];
}

export interface QuotaSummary {
  id: number;
  countyCode: string;
  year: number;
  highSchoolName: string;
  places: number;
  share: number;
  ruralTilt: number;
  minimum: number;
  allocated: number;
  schools: number;
  version: number;
  createdAt: string;
  createdByName: string | null;
  updatedAt: string;
  updatedByName: string | null;
}

export interface QuotaView extends QuotaSummary {
  inputs: QuotaInputSchool[];
  result: QuotaAllocation;
}

export const quotaSchools = (year: number) =>
  get<{ countyCode: string; countyName: string; rule: QuotaRule; schools: QuotaSchoolRow[] }>(
    '/api/quota/schools',
    {
      year,
    },
  );
export const previewQuota = (year: number, p: QuotaParams) =>
  post<QuotaAllocation>('/api/quota/preview', { year, ...p });
export const listQuotas = (year: number) => get<QuotaSummary[]>('/api/quota', { year });
export const getQuota = (id: number) => get<QuotaView>(`/api/quota/${id}`);
export const createQuota = (year: number, p: QuotaParams) => post<QuotaView>('/api/quota', { year, ...p });
export const updateQuota = (id: number, version: number, p: QuotaParams) =>
  put<QuotaView>(`/api/quota/${id}`, { version, ...p });
