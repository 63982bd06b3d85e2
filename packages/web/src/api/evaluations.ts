/** @module /api/evaluations: run, list, open, publish, export. */
import type { EvaluationResult } from '@junheng/core';
import { downloadFile } from './download';
import { api, data, type Json, type QueryOf } from './http';

/** A run as listed. `verdict` is the run's overall result. */
export type RunSummary = Json<'/api/evaluations'>['items'][number];
/** One run with its result (core's EvaluationResult, stored as computed). */
export type RunDetail = Omit<Json<'/api/evaluations/{id}'>, 'result'> & { result: EvaluationResult };

export const runEvaluation = (year: number, standard: 'basic' | 'quality' | 'both', countyCode?: string) =>
  data(api.POST('/api/evaluations', { body: { year, standard, ...(countyCode ? { countyCode } : {}) } }));

/** Runs, newest first (server pages). */
export const listRuns = (query: QueryOf<'/api/evaluations'>) =>
  data(api.GET('/api/evaluations', { params: { query } }));

export async function fetchRun(id: number): Promise<RunDetail> {
  const run = await data(api.GET('/api/evaluations/{id}', { params: { path: { id } } }));
  // The stored result is core's EvaluationResult as computed (the contract leaves it open).
  return run as unknown as RunDetail;
}

export const publishRun = (id: number) =>
  data(api.POST('/api/evaluations/{id}/publish', { params: { path: { id } } }));

export const downloadRunReport = (id: number, kind: 'xlsx' | 'docx') =>
  downloadFile(`/api/evaluations/${id}/report.${kind}`, undefined, `评估报告-${id}.${kind}`);
