/**
 * @module How the web app shows numbers, dates, years and statuses (rounding happens only here).
 * Pure functions (format.test.ts).
 */
import {
  fmtBeside,
  fmtCv,
  fmtNumber,
  fmtPercent,
  REPORT_STATUS_NAMES,
  type ReportStatus,
  STAGE_NAMES,
  STATUS_NAMES,
  type Stage,
  type Status,
} from '@junheng/core';

export { fmtBeside, fmtCv, fmtNumber, fmtPercent };

/** 2025 → "2025—2026学年". */
export function yearLabel(year: number): string {
  return `${year}—${year + 1}学年`;
}

/**
 * The school year a date falls in: a 学年 starts on 1 September.
 * @param d the date (default now)
 */
export function schoolYearOf(d: Date = new Date()): number {
  return d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as "2025-09-30 14:05" in the browser's zone; "—" when absent or invalid. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whole numbers with thousands separators, other numbers with up to `decimals` decimals. */
export function fmtAmount(x: number | null | undefined, decimals = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  const fixed = Number.isInteger(x) ? String(x) : x.toFixed(decimals).replace(/\.?0+$/, '');
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

/** A value with its unit: "1,394 人", "9,250.5 m²"; "未填报" for null. */
export function fmtWithUnit(x: number | null | undefined, unit: string, decimals = 2): string {
  if (x === null || x === undefined) return '未填报';
  return unit ? `${fmtAmount(x, decimals)} ${unit}` : fmtAmount(x, decimals);
}

/** Money in 元 for a reader: under 1 万 as 元, else 万元 with 2 decimals. */
export function fmtYuan(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (Math.abs(x) < 10_000) return `${fmtAmount(Math.round(x), 0)} 元`;
  return `${fmtAmount(Math.round(x / 100) / 100, 2)} 万元`;
}

export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

/** Evaluation status → Chinese name and tag colour. */
export function statusName(s: Status | null | undefined): string {
  return s ? STATUS_NAMES[s] : '未评估';
}
export function statusTag(s: Status | null | undefined): TagType {
  switch (s) {
    case 'met':
      return 'success';
    case 'unmet':
      return 'danger';
    case 'incomplete':
      return 'warning';
    default:
      return 'info';
  }
}

/** Report status → Chinese name and tag colour; 'missing' is 未填报. */
export function reportStatusName(s: ReportStatus | 'missing' | null | undefined): string {
  if (!s || s === 'missing') return '未填报';
  return REPORT_STATUS_NAMES[s] ?? s;
}
export function reportStatusTag(s: ReportStatus | 'missing' | null | undefined): TagType {
  switch (s) {
    case 'draft':
      return 'info';
    case 'submitted':
      return 'primary';
    case 'returned':
      return 'danger';
    case 'approved':
      return 'success';
    case 'locked':
      return 'success';
    default:
      return 'warning';
  }
}

export function stageName(s: Stage | string | null | undefined): string {
  if (!s) return '';
  return STAGE_NAMES[s as Stage] ?? s;
}

/** 优质均衡 indicator status of one school. */
export const INDICATOR_STATUS_NAMES: Record<string, string> = {
  met: '达标',
  floor: '未达标（≥85%）',
  belowFloor: '未达标（<85%）',
  missing: '未填报',
};
export function indicatorStatusTag(s: string): TagType {
  if (s === 'met') return 'success';
  if (s === 'floor') return 'warning';
  if (s === 'belowFloor') return 'danger';
  return 'info';
}

/** A before/after change as text with its sign: +12, −3.5. */
export function fmtChange(before: number | null, after: number | null): string {
  if (before === null || after === null) return '';
  const d = after - before;
  if (d === 0) return '0';
  return `${d > 0 ? '+' : '−'}${fmtAmount(Math.abs(d))}`;
}

/** An indicator value: 2 decimals, 3 below 1 (师生比 0.053 would read 0.05). */
export function fmtIndicator(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  return Math.abs(x) < 1 && x !== 0 ? x.toFixed(3) : x.toFixed(2);
}
