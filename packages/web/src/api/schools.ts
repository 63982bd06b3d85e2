/** @module /api/schools: list, one school, its evaluation and its plan (一校一策). */
import { get, patch, type Query } from './client';
import { asPage, asSchoolDetail } from './normalize';
import type { Page, SchoolDetail, SchoolEvaluation, SchoolListItem, SchoolPlan } from './types';

export interface SchoolQuery {
  year: number;
  q?: string;
  type?: string;
  locality?: string;
  /** the school's own status: open / merged / closed */
  status?: string;
  page?: number;
  pageSize?: number;
  /** id | name | type | locality | students */
  sort?: string;
  order?: 'asc' | 'desc';
}

export async function listSchools(query: SchoolQuery): Promise<Page<SchoolListItem>> {
  const data = await get<Page<SchoolListItem> | SchoolListItem[]>('/api/schools', query as unknown as Query);
  return asPage(data, query.page, query.pageSize);
}

export async function fetchSchool(id: string, year: number): Promise<SchoolDetail> {
  return asSchoolDetail(
    await get<Record<string, unknown>>(`/api/schools/${encodeURIComponent(id)}`, { year }),
  );
}

export async function fetchSchoolEvaluation(id: string, year: number): Promise<SchoolEvaluation> {
  const raw = await get<Partial<SchoolEvaluation> & Record<string, unknown>>(
    `/api/schools/${encodeURIComponent(id)}/evaluation`,
    { year, standard: 'quality' },
  );
  const stages = (raw.stages ?? raw.quality ?? raw.schools ?? []) as SchoolEvaluation['stages'];
  return {
    source: raw.source ?? 'live',
    runId: raw.runId ?? null,
    year: raw.year ?? year,
    stages,
    coefficients: Array.isArray(raw.coefficients) ? raw.coefficients : [],
    excluded: Array.isArray(raw.excluded) ? raw.excluded : [],
    issues: Array.isArray(raw.issues) ? raw.issues : [],
  };
}

export async function fetchSchoolPlan(id: string, year: number): Promise<SchoolPlan> {
  const raw = await get<Partial<SchoolPlan> & Record<string, unknown>>(
    `/api/schools/${encodeURIComponent(id)}/plan`,
    { year },
  );
  const stages = (raw.stages ?? raw.schools ?? []) as SchoolPlan['stages'];
  return {
    schoolId: raw.schoolId ?? id,
    name: raw.name ?? '',
    year: raw.year ?? year,
    source: raw.source,
    stages,
  };
}

/** PATCH /api/schools/:id — the bureau corrects the register or records a status change. */
export function updateSchool(
  id: string,
  change: {
    name?: string;
    address?: string | null;
    locality?: string;
    status?: string;
    mergedInto?: string | null;
    effectiveOn?: string;
    reason?: string;
    firstYear?: number | null;
  },
): Promise<Record<string, unknown>> {
  return patch(`/api/schools/${encodeURIComponent(id)}`, change);
}
