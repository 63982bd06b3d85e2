/**
 * @module The annual report form's fields and checks. Field definitions come from GET /api/meta
 * (`reportFields`, built from core's field table); until it answers, the same list from core.
 * The checks use core's single-value rules, so the form shows the server's wording
 * (“在校生数不能为负数：请填写实际数量…”). Pure (reportForm.test.ts).
 */
import { REPORT_SECTIONS as CORE_SECTIONS, checkReportData, REPORT_FIELDS } from '@junheng/core';
import type { ReportFieldDef, ReportSection } from '../../api/meta';
import { t } from '../../shared/messages';

export const REPORT_SECTIONS: readonly ReportSection[] = CORE_SECTIONS;

/** A line of help under a field (the form's own wording; labels and units come from core). */
const HELP: Record<string, string> = {
  students: '本学段学籍在校生人数（学年初）',
  maxClassSize: '本学段人数最多的一个班的人数',
  aboveDegreeTeachers: '小学：专科及以上学历；初中：本科及以上学历',
  backboneTeachers: '县级及以上认定的骨干教师',
  peArtsTeachers: '体育、音乐、美术专任教师',
  equipmentValue: '教学仪器设备资产原值',
};

/** A field of the form: the server's definition and a line of help under it. */
export type FormField = ReportFieldDef & { help?: string };

/** The form's fields from core's table (before /api/meta has answered). */
export function fallbackReportFields(): FormField[] {
  return REPORT_FIELDS.map((f) => ({
    key: f.key,
    label: f.label,
    unit: f.unit,
    section: f.section,
    integer: f.kind === 'count',
    min: 0,
    max: f.max,
    help: HELP[f.key],
    requiredOnSubmit: f.requiredOnSubmit,
  }));
}

/**
 * The fields to show: the server's (from core's table there too) with their help lines, else core's.
 * @param fromMeta `reportFields` of /api/meta
 */
export function reportFields(fromMeta: readonly ReportFieldDef[] | undefined): FormField[] {
  if (!fromMeta || fromMeta.length === 0) return fallbackReportFields();
  return fromMeta.map((f) => ({ ...f, help: HELP[f.key] }));
}

/** Fields grouped by section, in section order; empty sections left out. */
export function groupBySection<F extends ReportFieldDef>(
  fields: readonly F[],
): { section: ReportSection; fields: F[] }[] {
  const known = REPORT_SECTIONS.map((section) => ({
    section,
    fields: fields.filter((f) => f.section === section),
  }));
  const others = fields.filter((f) => !REPORT_SECTIONS.includes(f.section));
  if (others.length > 0) known.push({ section: '装备与图书', fields: others });
  return known.filter((g) => g.fields.length > 0);
}

export type ReportData = Record<string, number | null>;

/** A report's data with every field present (null = 未填报). */
export function completeData(
  fields: readonly ReportFieldDef[],
  data: Record<string, unknown> | null | undefined,
): ReportData {
  const out: ReportData = {};
  for (const f of fields) {
    const v = data?.[f.key];
    out[f.key] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
}

export interface FormCheck {
  /** field → what is wrong and how to fix it; blocks saving (and submitting). */
  errors: Record<string, string>;
  /** field → what looks unlikely; shown, does not block. */
  warnings: Record<string, string>;
}

const num = (data: ReportData, key: string): number | null => {
  const v = data[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Largest class size before a class counts as 大班额 (56 人及以上). */
export const LARGE_CLASS = 55;

/**
 * Checks the form.
 * @param data field → value (null = 未填报)
 * @param fields the form's fields
 * @param forSubmit also require what a submission needs
 * @param typed field → why what was typed is not a number in range ('' = fine)
 */
export function checkReportForm(
  data: ReportData,
  fields: readonly ReportFieldDef[],
  forSubmit: boolean,
  typed: Record<string, string> = {},
): FormCheck {
  // What could not be read as a number (NumberField) comes first: the value behind it is stale.
  const errors: Record<string, string> = Object.fromEntries(
    Object.entries(typed).filter(([, m]) => m !== ''),
  );
  const warnings: Record<string, string> = {};
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const label = (key: string) => byKey.get(key)?.label ?? key;
  // The server's own checks (core), so the form and the server say the same thing; first one per field.
  const shown = Object.fromEntries(fields.map((f) => [f.key, data[f.key] ?? null]));
  for (const issue of checkReportData(shown, forSubmit)) errors[issue.field] ??= issue.message;
  const students = errors.students ? null : num(data, 'students');
  const fullTime = num(data, 'fullTimeTeachers');
  const classes = num(data, 'classes');
  const maxSize = num(data, 'maxClassSize');
  if (!errors.maxClassSize && maxSize !== null && students !== null && classes !== null && classes > 0) {
    const mean = students / classes;
    if (maxSize < Math.ceil(mean - 1e-9)) {
      warnings.maxClassSize = t('web.reporting.maxClassBelowMean', {
        label: label('maxClassSize'),
        maxSize,
        students,
        classes,
        mean: mean.toFixed(1),
      });
    } else if (maxSize > LARGE_CLASS) {
      warnings.maxClassSize = t('web.reporting.maxClassLarge', {
        label: label('maxClassSize'),
        maxSize,
        large: LARGE_CLASS,
      });
    }
  }
  if (!errors.fullTimeTeachers && students !== null && students > 0 && fullTime === 0) {
    warnings.fullTimeTeachers = t('web.reporting.noTeachers', { label: label('fullTimeTeachers') });
  }
  return { errors, warnings };
}

/** The errors in form order, with the field's label, for a summary list. */
export function errorList(
  check: FormCheck,
  fields: readonly ReportFieldDef[],
): { field: string; message: string }[] {
  return fields
    .filter((f) => check.errors[f.key])
    .map((f) => ({ field: f.key, message: check.errors[f.key] }));
}

/**
 * Field errors of a refused save (400 invalidRequest `details: [{path, message}]`, paths like
 * `body.data.students` or `data.students`).
 */
export function serverFieldErrors(
  details: unknown,
  fields: readonly ReportFieldDef[],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  const keys = new Set(fields.map((f) => f.key));
  for (const d of details) {
    const o = (d ?? {}) as { path?: unknown; field?: unknown; message?: unknown };
    const path = typeof o.path === 'string' ? o.path : typeof o.field === 'string' ? o.field : '';
    const key = path.split('.').filter(Boolean).pop() ?? '';
    if (keys.has(key) && typeof o.message === 'string') out[key] = o.message;
  }
  return out;
}
