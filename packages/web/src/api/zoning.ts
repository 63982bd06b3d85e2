/**
 * @module /api/zoning: 划片 — the page's data, the solver, plans, area import, downloads
 * (docs/api.md “划片”). The answers' types are the contract's (evaluations as core's
 * ZoningEvaluation, ZoningComparison).
 */
import type { Stage } from '@junheng/core';
import { api, data, type Json, type JsonBody } from './http';
import { type UploadOptions, uploadFile } from './upload';

export type ZoningData = Json<'/api/zoning'>;
export type ZoningSchoolRow = ZoningData['schools'][number];
export type ZoningAreaRow = ZoningData['areas'][number];
export type EntryClasses = NonNullable<ZoningSchoolRow['entry'][Stage]>;
export type ZoningPlanSummary = ZoningData['plans'][number];
export type PlanSource = ZoningPlanSummary['source'];
export type PlanStatus = ZoningPlanSummary['status'];
export type ZoningPlanView = Json<'/api/zoning/plans/{id}'>;
export type ZoningSolution = Json<'/api/zoning/solve', 'post'>;
export type SolverInfo = ZoningSolution['solver'];
export type ZoningImportSummary = Json<'/api/zoning/areas/import', 'post'>;
/** A plan as saved: title, source, assignment and the solver's info (null when not solved). */
export type PlanBody = Omit<JsonBody<'/api/zoning/plans/{id}', 'put'>, 'version'>;

export const fetchZoning = (year: number) => data(api.GET('/api/zoning', { params: { query: { year } } }));

export const solveZoning = (year: number, stage: Stage, timeLimitSeconds: number, signal?: AbortSignal) =>
  data(api.POST('/api/zoning/solve', { body: { year, stage, timeLimitSeconds }, signal }));

export const getZoningPlan = (id: number) =>
  data(api.GET('/api/zoning/plans/{id}', { params: { path: { id } } }));

export const createZoningPlan = (year: number, stage: Stage, body: PlanBody) =>
  data(api.POST('/api/zoning/plans', { body: { year, stage, ...body } }));

export const updateZoningPlan = (id: number, body: PlanBody & { version: number }) =>
  data(api.PUT('/api/zoning/plans/{id}', { params: { path: { id } }, body }));

export const publishZoningPlan = (id: number, version: number) =>
  data(api.POST('/api/zoning/plans/{id}/publish', { params: { path: { id } }, body: { version } }));

export const saveEntryClasses = (year: number, items: JsonBody<'/api/zoning/classes', 'put'>['items']) =>
  data(api.PUT('/api/zoning/classes', { body: { year, items } }));

export const importZoningAreas = (year: number, file: File, opts: UploadOptions = {}) =>
  uploadFile<ZoningImportSummary>(`/api/zoning/areas/import?year=${year}`, file, opts);
