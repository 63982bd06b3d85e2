/** @module /api/evaluations: run, list, open, publish, export. */
import { get, post } from './client';
import { downloadFile } from './download';
import { asPage } from './normalize';
import type { Page, RunDetail, RunSummary } from './types';

export const runEvaluation = (year: number, standard: 'basic' | 'quality' | 'both', countyCode?: string) =>
  post<{ runs: RunSummary[] }>('/api/evaluations', { year, standard, ...(countyCode ? { countyCode } : {}) });

/** Runs, newest first (server pages). */
export async function listRuns(query: {
  year?: number;
  page?: number;
  pageSize?: number;
}): Promise<Page<RunSummary>> {
  const data = await get<Page<RunSummary> | RunSummary[]>('/api/evaluations', query);
  return asPage(data, query.page, query.pageSize);
}

export const fetchRun = (id: number) => get<RunDetail>(`/api/evaluations/${id}`);

export const publishRun = (id: number) => post<unknown>(`/api/evaluations/${id}/publish`);

export const downloadRunReport = (id: number, kind: 'xlsx' | 'docx') =>
  downloadFile(`/api/evaluations/${id}/report.${kind}`, undefined, `评估报告-${id}.${kind}`);
