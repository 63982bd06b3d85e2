/**
 * @module Tolerant readers for response parts whose exact form docs/api.md leaves open
 * (a list as an array or as a page, options as an array or an object, a verdict as a status or
 * an object). Pure functions: tested in normalize.test.ts.
 */
import type { Stage } from '@junheng/core';
import type { Option, Page, ReportBrief, SchoolDetail, Status, Verdict } from './types';

/** A list response as a page, whether the server sent `{items,total,…}` or a bare array. */
export function asPage<T>(data: Page<T> | T[] | null | undefined, page = 1, pageSize = 20): Page<T> {
  if (!data) return { items: [], total: 0, page, pageSize };
  if (Array.isArray(data))
    return { items: data, total: data.length, page: 1, pageSize: Math.max(data.length, 1) };
  return {
    items: data.items ?? [],
    total: data.total ?? data.items?.length ?? 0,
    page: data.page ?? page,
    pageSize: data.pageSize ?? pageSize,
  };
}

/** Options from `[{value,label}]`, `[{key|code|id, name}]`, `[string]` or `{value: label}`. */
export function asOptions<T extends string = string>(data: unknown): Option<T>[] {
  if (!data) return [];
  if (Array.isArray(data)) {
    return data.flatMap((x): Option<T>[] => {
      if (typeof x === 'string') return [{ value: x as T, label: x }];
      if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        const value = o.value ?? o.key ?? o.code ?? o.id;
        const label = o.label ?? o.name ?? value;
        if (typeof value === 'string') return [{ value: value as T, label: String(label) }];
      }
      return [];
    });
  }
  if (typeof data === 'object') {
    return Object.entries(data as Record<string, unknown>).map(([value, label]) => ({
      value: value as T,
      label: String(label),
    }));
  }
  return [];
}

const STATUSES: readonly Status[] = ['met', 'unmet', 'incomplete', 'notApplicable'];

/** A verdict from a bare Status or `{status, reasons}`; null when absent. */
export function asVerdict(v: Verdict | Status | null | undefined): Verdict | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return STATUSES.includes(v) ? { status: v, reasons: [] } : null;
  if (typeof v === 'object' && STATUSES.includes(v.status))
    return { status: v.status, reasons: v.reasons ?? [] };
  return null;
}

/** Years of the public county list as numbers, newest first. */
export function asYears(years: (number | { year: number })[] | undefined): number[] {
  return [...new Set((years ?? []).map((y) => (typeof y === 'number' ? y : y.year)))].sort((a, b) => b - a);
}

/**
 * A school as the detail page uses it: the server's `reports` array becomes a record by stage and
 * the whole-school figures of `info` move to the top.
 */
export function asSchoolDetail(raw: Record<string, unknown>): SchoolDetail {
  const s = raw as unknown as SchoolDetail & { info?: Record<string, unknown> | null; reports?: unknown };
  const reports: SchoolDetail['reports'] = {};
  if (Array.isArray(s.reports)) {
    for (const r of s.reports as (ReportBrief & { stage: Stage })[])
      reports[r.stage] = { status: r.status, version: r.version };
  } else if (s.reports && typeof s.reports === 'object') {
    Object.assign(reports, s.reports);
  }
  const info = s.info ?? null;
  const shared = (info?.sharedFacilities ?? s.sharedFacilities ?? null) as SchoolDetail['sharedFacilities'];
  return {
    ...s,
    stages: Array.isArray(s.stages) ? s.stages : [],
    reports,
    sharedFacilities: shared,
    facilityScope: s.facilityScope ?? (info ? (shared ? '全校合计' : '分学段') : undefined),
    seniorStudents: info ? ((info.seniorStudents ?? null) as number | null) : s.seniorStudents,
    meetsProvincialStandard: info
      ? ((info.meetsProvincialStandard ?? null) as boolean | null)
      : s.meetsProvincialStandard,
  };
}
