/** @module /api/reports: the review queue, one report, its versions and diffs, saving and actions. */
import type { Stage } from '@junheng/core';
import { get, post, put, type Query } from './client';
import { asPage } from './normalize';
import type {
  BatchAnswer,
  DiffRow,
  Page,
  Report,
  ReportAction,
  ReportListItem,
  ReportVersion,
} from './types';

export interface ReportQuery {
  year: number;
  status?: string;
  stage?: string;
  schoolId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export async function listReports(query: ReportQuery): Promise<Page<ReportListItem>> {
  const data = await get<Page<ReportListItem> | ReportListItem[]>('/api/reports', query as unknown as Query);
  return asPage(data, query.page, query.pageSize);
}

const base = (schoolId: string, year: number, stage: Stage) =>
  `/api/reports/${encodeURIComponent(schoolId)}/${year}/${stage}`;

export const fetchReport = (schoolId: string, year: number, stage: Stage) =>
  get<Report>(base(schoolId, year, stage));

export const saveReport = (
  schoolId: string,
  year: number,
  stage: Stage,
  data: Record<string, number | null>,
  version: number,
  /** 代为填报 (bureau): the reason, kept in the audit log. */
  proxyReason?: string,
) =>
  put<Report>(base(schoolId, year, stage), {
    data,
    version,
    ...(proxyReason === undefined ? {} : { proxyReason }),
  });

/** What a batch does to each report: approve, return (reason = overall comment) or 催报. */
export type BatchAction = 'approve' | 'return' | 'remind';

export const batchReports = (body: {
  year: number;
  action: BatchAction;
  reports: { schoolId: string; stage: Stage; version: number }[];
  reason?: string;
  dryRun?: boolean;
}) => post<BatchAnswer>('/api/reports/batch', body);

export interface ActionBody {
  version: number;
  reason?: string;
  comments?: { field: string; text: string }[];
}

export const reportAction = (
  schoolId: string,
  year: number,
  stage: Stage,
  action: Exclude<ReportAction, 'save' | 'proxySave'>,
  body: ActionBody,
) => post<Report>(`${base(schoolId, year, stage)}/${action}`, body);

export const fetchVersions = (schoolId: string, year: number, stage: Stage) =>
  get<ReportVersion[]>(`${base(schoolId, year, stage)}/versions`);

export const fetchDiff = (schoolId: string, year: number, stage: Stage, from: number, to: number) =>
  get<DiffRow[]>(`${base(schoolId, year, stage)}/diff`, { from, to });
