/** @module /api/schools: list, one school, its evaluation and its plan (一校一策). */
import type { PlanStep, SchoolCompliance, Stage } from '@junheng/core';
import { api, data, type Json, type JsonBody, type QueryOf } from './http';

export type SchoolQuery = QueryOf<'/api/schools'>;
export type SchoolListItem = Json<'/api/schools'>['items'][number];
type SchoolAnswer = Json<'/api/schools/{id}'>;
export type SchoolStatusChange = SchoolAnswer['statusHistory'][number];
export type ReportBrief = Pick<SchoolAnswer['reports'][number], 'status' | 'version'>;

/**
 * A school as the detail page shows it: the answer's `reports` by stage, and the whole-school
 * figures of `info` at the top (设施口径 '全校合计' when the school reports shared facilities).
 */
export type SchoolDetail = Omit<SchoolAnswer, 'reports' | 'info'> & {
  reports: Partial<Record<Stage, ReportBrief>>;
  sharedFacilities: Record<string, number | null> | null;
  facilityScope: '全校合计' | '分学段' | undefined;
  seniorStudents: number | null | undefined;
  meetsProvincialStandard: boolean | null | undefined;
};

/** The school's evaluation: `quality` are core's SchoolCompliance records, one per stage. */
export type SchoolEvaluation = Omit<Json<'/api/schools/{id}/evaluation'>, 'quality'> & {
  quality: SchoolCompliance[];
};
export type SchoolCoefficientLine = SchoolEvaluation['coefficients'][number];

type PlanAnswer = Json<'/api/schools/{id}/plan'>;
/** One stage of 一校一策: what it lacks (core IndicatorResult) and the minimum plan (core PlanStep). */
export type PlanStage = Omit<PlanAnswer['stages'][number], 'indicators' | 'plan'> & {
  indicators: IndicatorResult[];
  plan: PlanStep[];
};
/** One indicator of a school stage: value, requirement, shortfall (core). */
export type IndicatorResult = SchoolCompliance['indicators'][number];
export type SchoolPlan = Omit<PlanAnswer, 'stages'> & { stages: PlanStage[] };

export const listSchools = (query: SchoolQuery) => data(api.GET('/api/schools', { params: { query } }));

/** Reshapes the answer for the page (see {@link SchoolDetail}). */
export function schoolView(s: SchoolAnswer): SchoolDetail {
  const { info, reports, ...rest } = s;
  const shared = info?.sharedFacilities ?? null;
  return {
    ...rest,
    reports: Object.fromEntries(reports.map((r) => [r.stage, { status: r.status, version: r.version }])),
    sharedFacilities: shared,
    facilityScope: info ? (shared ? '全校合计' : '分学段') : undefined,
    seniorStudents: info ? info.seniorStudents : undefined,
    meetsProvincialStandard: info ? info.meetsProvincialStandard : undefined,
  };
}

export async function fetchSchool(id: string, year: number): Promise<SchoolDetail> {
  return schoolView(await data(api.GET('/api/schools/{id}', { params: { path: { id }, query: { year } } })));
}

export async function fetchSchoolEvaluation(id: string, year: number): Promise<SchoolEvaluation> {
  const answer = await data(
    api.GET('/api/schools/{id}/evaluation', { params: { path: { id }, query: { year } } }),
  );
  return answer as SchoolEvaluation;
}

export async function fetchSchoolPlan(id: string, year: number): Promise<SchoolPlan> {
  const answer = await data(api.GET('/api/schools/{id}/plan', { params: { path: { id }, query: { year } } }));
  return answer as SchoolPlan;
}

/** PATCH /api/schools/:id — the bureau corrects the register or records a status change. */
export const updateSchool = (id: string, change: JsonBody<'/api/schools/{id}', 'patch'>) =>
  data(api.PATCH('/api/schools/{id}', { params: { path: { id } }, body: change }));
