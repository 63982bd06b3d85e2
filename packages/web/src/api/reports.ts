/** @module /api/reports: the review queue, one report, its versions and diffs, saving and actions. */
import type { ReportAction, Stage } from '@junheng/core';
import { api, data, type Json, type JsonBody, type QueryOf } from './http';

export type ReportQuery = QueryOf<'/api/reports'>;
/** A row of the review list; status 'missing' = 未填报 (the school has not started it, version 0). */
export type ReportListItem = Json<'/api/reports'>['items'][number];
type ReportPath = '/api/reports/{schoolId}/{year}/{stage}';
/** One report; one not started yet comes back at version 0, status draft, all data null. */
export type Report = Json<ReportPath>;
/** One 催报 of a report, as the school sees it. */
export type ReportReminder = Report['reminders'][number];
export type ReportVersion = Json<`${ReportPath}/versions`>[number];
export type DiffRow = Json<`${ReportPath}/diff`>[number];
/** POST /api/reports/batch: every report's result (or, for a dry run, what would happen). */
export type BatchAnswer = Json<'/api/reports/batch', 'post'>;
export type BatchResultRow = BatchAnswer['results'][number];
/** What a batch does to each report: approve, return (reason = overall comment) or 催报. */
export type BatchAction = JsonBody<'/api/reports/batch', 'post'>['action'];
export type ActionBody = JsonBody<`${ReportPath}/{action}`, 'post'>;

export const listReports = (query: ReportQuery) => data(api.GET('/api/reports', { params: { query } }));

const key = (schoolId: string, year: number, stage: Stage) => ({ path: { schoolId, year, stage } });

export const fetchReport = (schoolId: string, year: number, stage: Stage) =>
  data(api.GET('/api/reports/{schoolId}/{year}/{stage}', { params: key(schoolId, year, stage) }));

export const saveReport = (
  schoolId: string,
  year: number,
  stage: Stage,
  values: Record<string, number | null>,
  version: number,
  /** 代为填报 (bureau): the reason, kept in the audit log. */
  proxyReason?: string,
) =>
  data(
    api.PUT('/api/reports/{schoolId}/{year}/{stage}', {
      params: key(schoolId, year, stage),
      body: { data: values, version, ...(proxyReason === undefined ? {} : { proxyReason }) },
    }),
  );

export const batchReports = (body: JsonBody<'/api/reports/batch', 'post'>) =>
  data(api.POST('/api/reports/batch', { body }));

export const reportAction = (
  schoolId: string,
  year: number,
  stage: Stage,
  action: Exclude<ReportAction, 'save' | 'proxySave'>,
  body: ActionBody,
) =>
  data(
    api.POST('/api/reports/{schoolId}/{year}/{stage}/{action}', {
      params: { path: { schoolId, year, stage, action } },
      body,
    }),
  );

export const fetchVersions = (schoolId: string, year: number, stage: Stage) =>
  data(api.GET('/api/reports/{schoolId}/{year}/{stage}/versions', { params: key(schoolId, year, stage) }));

export const fetchDiff = (schoolId: string, year: number, stage: Stage, from: number, to: number) =>
  data(
    api.GET('/api/reports/{schoolId}/{year}/{stage}/diff', {
      params: { ...key(schoolId, year, stage), query: { from, to } },
    }),
  );
