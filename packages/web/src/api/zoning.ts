/**
 * @module /api/zoning: 划片 — the page's data, the solver, plans, area import, downloads
 * (docs/api.md “划片”). Evaluation shapes are core's (ZoningEvaluation, ZoningComparison).
 */
import type {
  AreaKind,
  Stage,
  ZoningComparison,
  ZoningEvaluation,
  ZoningProblem,
  ZoningTotals,
} from '@junheng/core';
import { get, post, put, request } from './client';
import { type UploadOptions, uploadFile } from './upload';

export interface EntryClasses {
  classes: number;
  classSizeLimit: number;
  classSizeOverride: number | null;
  capacity: number;
  /** From the report (班级数 ÷ 6 / ÷ 3), not yet set by the bureau. */
  estimated: boolean;
  reportClasses: number | null;
  reportYear: number | null;
}

export interface ZoningSchoolRow {
  schoolId: string;
  name: string;
  type: string;
  township: string | null;
  lon: number | null;
  lat: number | null;
  stages: Stage[];
  entry: Partial<Record<Stage, EntryClasses>>;
}

export interface ZoningAreaRow {
  id: string;
  name: string;
  kind: AreaKind;
  township: string | null;
  lon: number;
  lat: number;
  entrants: Record<Stage, number>;
  current: Record<Stage, string | null>;
}

export type PlanSource = 'solver' | 'hand' | 'current';
export type PlanStatus = 'draft' | 'published' | 'withdrawn';

export interface SolverInfo {
  status: string;
  statusName: string;
  optimal: boolean;
  objective: number;
  solverObjective: number;
  penaltyKm: number;
  candidates: number;
  binaries: number;
  rows: number;
  widened: boolean;
  solveMs: number;
  totalMs: number;
}

export interface ZoningPlanSummary {
  id: number;
  countyCode: string;
  year: number;
  stage: Stage;
  title: string;
  source: PlanSource;
  status: PlanStatus;
  totals: ZoningTotals;
  solver: SolverInfo | null;
  version: number;
  createdAt: string;
  createdByName: string | null;
  updatedAt: string;
  updatedByName: string | null;
  publishedAt: string | null;
}

export interface ZoningPlanView extends ZoningPlanSummary {
  assignment: Record<string, string>;
  problem: ZoningProblem;
  current: Record<string, string>;
  evaluation: ZoningEvaluation;
  comparison: ZoningComparison | null;
}

export interface ZoningData {
  county: { code: string; name: string };
  year: number;
  map: {
    name: string | null;
    regions: { type: 'FeatureCollection'; features: unknown[] };
    file: string | null;
    updatedAt: string | null;
  } | null;
  areas: ZoningAreaRow[];
  schools: ZoningSchoolRow[];
  plans: ZoningPlanSummary[];
  canEdit: boolean;
}

export interface ZoningSolution {
  stage: Stage;
  assignment: Record<string, string>;
  evaluation: ZoningEvaluation;
  solver: SolverInfo;
  greedyObjective: number;
  current: { evaluation: ZoningEvaluation; comparison: ZoningComparison } | null;
  unlocated: { schoolId: string; name: string }[];
  currentDropped: { areaId: string; schoolId: string }[];
}

export interface ZoningImportSummary {
  file: string;
  year: number;
  areas: number;
  replaced: number;
  entrants: Record<Stage, number>;
  currentZones: Record<Stage, number>;
  schoolsLocated: number;
  entryClasses: number;
  mapRegions: number;
}

export const fetchZoning = (year: number) => get<ZoningData>('/api/zoning', { year });

export const solveZoning = (year: number, stage: Stage, timeLimitSeconds: number, signal?: AbortSignal) =>
  request<ZoningSolution>('POST', '/api/zoning/solve', { body: { year, stage, timeLimitSeconds }, signal });

export const getZoningPlan = (id: number) => get<ZoningPlanView>(`/api/zoning/plans/${id}`);

export interface PlanBody {
  title: string;
  source: PlanSource;
  assignment: Record<string, string>;
  solver?: SolverInfo | null;
}

export const createZoningPlan = (year: number, stage: Stage, body: PlanBody) =>
  post<ZoningPlanView>('/api/zoning/plans', { year, stage, ...body });

export const updateZoningPlan = (id: number, body: PlanBody & { version: number }) =>
  put<ZoningPlanView>(`/api/zoning/plans/${id}`, body);

export const publishZoningPlan = (id: number, version: number) =>
  post<ZoningPlanView>(`/api/zoning/plans/${id}/publish`, { version });

export const saveEntryClasses = (
  year: number,
  items: { schoolId: string; stage: Stage; classes: number; classSizeLimit?: number | null }[],
) => put<ZoningSchoolRow[]>('/api/zoning/classes', { year, items });

export const importZoningAreas = (year: number, file: File, opts: UploadOptions = {}) =>
  uploadFile<ZoningImportSummary>(`/api/zoning/areas/import?year=${year}`, file, opts);
