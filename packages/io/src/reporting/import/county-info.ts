/**
 * @module 县域信息: which county and school year the data are for. Read from the sheet of the
 * workbook (label in column A, value in column B), a `--county` file, or defaults.
 */
import { type County, checkCountyCode, checkName, checkYear } from '@junheng/core';
import { COUNTY_INFO_FIELDS, type CountyInfoField } from '../../platform/columns.js';
import { type CellValue, isBlank, type Read, readText } from './cells.js';
import type { ErrorSink } from './errors.js';
import { headerText, normalizeHeader, type SheetData } from './sheet.js';

/** County and school year: everything of a dataset but the schools and county items. */
export interface CountyHeader {
  county: County;
  /** 学年 start year (2025 = 2025—2026学年). */
  year: number;
}

/** Other labels clerks use for the rows of 县域信息. */
const LABEL_ALIASES: Record<CountyInfoField['key'], readonly string[]> = {
  province: ['省份', '省名称', '省（自治区、直辖市）'],
  city: ['地市', '市名称', '地级市', '市（州）'],
  name: ['县名', '县区名称', '县（市、区）名称', '县（市、区）'],
  code: ['行政区划代码', '县级代码', '区划代码', '县代码'],
  year: ['学年度', '年度'],
};

const FIELD_BY_LABEL = new Map<string, CountyInfoField>();
for (const f of COUNTY_INFO_FIELDS) {
  for (const label of [f.label, ...LABEL_ALIASES[f.key]]) FIELD_BY_LABEL.set(normalizeHeader(label), f);
}

const SCHOOL_YEAR = /^(\d{4})年?(?:[-–—~至到/](\d{4})年?)?(?:学年度?|年度)?$/;

/**
 * 学年 as typed: 2025, "2025", "2025-2026", "2025—2026学年" → 2025.
 */
export function readSchoolYear(cell: CellValue): Read<number | null> {
  if (cell === null) return { ok: true, value: null };
  if (cell instanceof Date) {
    return { ok: false, message: '单元格被识别为日期：请把单元格格式改为“文本”后填写，如 2025-2026' };
  }
  const text = String(cell).normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return { ok: true, value: null };
  const m = SCHOOL_YEAR.exec(text);
  if (!m) return { ok: false, message: '应填写学年，如 2025-2026 或 2025（表示 2025—2026 学年）' };
  const start = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) !== start + 1) {
    return { ok: false, message: `学年的两个年份应相邻：如 ${start}-${start + 1}` };
  }
  const why = checkYear(start);
  return why ? { ok: false, message: why } : { ok: true, value: start };
}

/** One value of 县域信息, checked by the shared rules; a required blank is an error. */
function readInfoValue(field: CountyInfoField, cell: CellValue): Read<string | number | null> {
  const read = field.key === 'year' ? readSchoolYear(cell) : readText(cell);
  if (!read.ok) return read;
  if (read.value === null) {
    return field.required ? { ok: false, message: `不能为空：请填写${field.help}` } : read;
  }
  const why =
    field.key === 'code'
      ? checkCountyCode(read.value)
      : field.key === 'name'
        ? checkName(read.value)
        : undefined;
  return why ? { ok: false, message: why } : read;
}

/**
 * True if some 县域信息 row (label in column A) has a value: a sheet left blank, as in a county
 * file that only carries 县级指标, is not county information.
 */
export function hasCountyInfo(sheet: SheetData): boolean {
  return sheet.rows.some(
    (row) =>
      FIELD_BY_LABEL.has(normalizeHeader(headerText(row.cells[0] ?? null))) && !isBlank(row.cells[1] ?? null),
  );
}

/**
 * Read 县域信息 rows (any order; unknown labels such as the header row are ignored).
 * @returns the header when every required row is present and valid
 */
export function readCountyInfoSheet(sheet: SheetData, sink: ErrorSink): CountyHeader | undefined {
  const values: Partial<Record<CountyInfoField['key'], string | number>> = {};
  const failed = new Set<CountyInfoField['key']>();
  for (const row of sheet.rows) {
    const field = FIELD_BY_LABEL.get(normalizeHeader(headerText(row.cells[0] ?? null)));
    if (!field) continue;
    const cell = row.cells[1] ?? null;
    const at = { row: row.rowNo, column: field.label, value: cell ?? undefined };
    const read = readInfoValue(field, cell);
    if (!read.ok) {
      sink.add(read.message, at);
      failed.add(field.key);
    } else if (read.value !== null) {
      values[field.key] = read.value;
    }
  }
  for (const f of COUNTY_INFO_FIELDS) {
    if (f.required && values[f.key] === undefined && !failed.has(f.key)) {
      sink.add(`缺少“${f.label}”一行：请在 A 列写“${f.label}”，B 列填写${f.help}`);
      failed.add(f.key);
    }
  }
  if (failed.size > 0) return undefined;
  const county: County = { code: values.code as string, name: values.name as string };
  if (values.province !== undefined) county.province = values.province as string;
  if (values.city !== undefined) county.city = values.city as string;
  return { county, year: values.year as number };
}

/**
 * The school year running on a date: from September it is the year's own, before that the
 * previous one (2026-03 → 2025, i.e. 2025—2026学年).
 */
export function currentSchoolYear(now: Date): number {
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
}

/**
 * County header when none was given (a CSV without `--county`): the region code most schools
 * share, a placeholder name and the current school year, with warnings saying so.
 */
export function defaultCountyHeader(
  regionCodes: readonly string[],
  now: Date,
  warnings: string[],
): CountyHeader {
  const counts = new Map<string, number>();
  for (const code of regionCodes) counts.set(code, (counts.get(code) ?? 0) + 1);
  let code = '000000';
  let best = 0;
  for (const [c, n] of counts) {
    if (n > best) {
      code = c;
      best = n;
    }
  }
  const year = currentSchoolYear(now);
  warnings.push(
    `未提供县域信息（可用 --county 指定县域信息文件）：县级行政区划代码取学校最多的 ${code}，` +
      `县名称记为“未命名县”，学年取当前学年 ${year}-${year + 1}`,
  );
  return { county: { code, name: '未命名县' }, year };
}
