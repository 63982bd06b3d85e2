/**
 * @module Files that hold only county-level data: the `--county` file (县域信息 and/or 县级指标)
 * and a separate county-items file (县级指标 alone).
 */
import { basename, extname } from 'node:path';
import {
  type CountyInputs,
  countyItemSpecs,
  nationalStandards,
  type StandardSet,
  validateCountyHeader,
  validateCountyInputs,
} from '@junheng/core';
import { COUNTY_ITEM_COLUMNS, SHEETS } from '../../platform/columns.js';
import { type CountyHeader, hasCountyInfo, readCountyInfoSheet } from './county-info.js';
import { readCountyItemsSheet } from './county-items.js';
import { csvToSheet, decodeText, parseCsv } from './csv.js';
import { ErrorSink, type ImportError } from './errors.js';
import { issuesToErrors, parseStructured } from './json.js';
import { readInputFile } from './read-file.js';
import { findHeaderRow, type SheetData } from './sheet.js';
import { workbookFailure } from './workbookErrors.js';
import { findWorksheet, loadWorkbook, type RawSheet, readWorksheet, type Workbook } from './xlsx.js';

export interface CountyFileResult {
  /** County and school year; undefined when the file has none, or they are invalid. */
  header?: CountyHeader;
  /** County items, when the file has them. */
  countyInputs?: CountyInputs;
  errors: ImportError[];
  skipped: string[];
  /** Values read but worth a second look (a fraction typed in a percentage cell). */
  warnings: string[];
  /**
   * Nothing of the file can be used, even with allowIncomplete: it cannot be read, holds neither
   * 县域信息 nor 县级指标, or its 县域信息 is wrong (the county would be unknown).
   */
  fatal: boolean;
}

export interface CountyInputsResult {
  /** The items; undefined on errors unless allowIncomplete. */
  inputs?: CountyInputs;
  errors: ImportError[];
  skipped: string[];
  /** Values read but worth a second look (a fraction typed in a percentage cell). */
  warnings: string[];
}

export interface CountyFileOptions {
  /** A wrong item value is dropped (treated as 未填报) and listed in `skipped`. */
  allowIncomplete?: boolean;
  /** Tables whose county items are read (national by default). */
  standards?: StandardSet;
}

type Kind = 'xlsx' | 'csv' | 'structured' | undefined;

function kindOf(file: string): Kind {
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') return 'structured';
  return undefined;
}

/** Load a workbook, or record why it cannot be read. */
async function workbookOrError(bytes: Uint8Array, file: string, errors: ImportError[]) {
  try {
    return await loadWorkbook(bytes, { file, kind: 'countyFile' });
  } catch (e) {
    errors.push(workbookFailure(file, e));
    return undefined;
  }
}

function csvSheet(bytes: Uint8Array): SheetData {
  return csvToSheet(parseCsv(decodeText(bytes).text).records);
}

/** The 县级指标 sheet of a workbook, if there is one. */
function itemsWorksheet(wb: Workbook): RawSheet | undefined {
  return findWorksheet(wb, SHEETS.countyItems, '指标编号');
}

/**
 * County items given as JSON/YAML (fractions for ratios). With allowIncomplete the items with
 * issues are dropped and the rest kept.
 * @param prefix JSON path of the object in its file ('' or 'countyInputs')
 */
function structuredItems(
  source: unknown,
  file: string,
  prefix: string,
  opts: CountyFileOptions,
): CountyInputsResult {
  const checked = validateCountyInputs(source, opts.standards);
  const errors = issuesToErrors(file, checked.issues).map((e) =>
    prefix && e.path !== undefined ? { ...e, path: `${prefix}.${e.path}` } : e,
  );
  if (checked.inputs) return { inputs: checked.inputs, errors, skipped: [], warnings: [] };
  const bad = new Set(checked.issues.map((i) => i.path.split('.')[0]));
  if (!opts.allowIncomplete || bad.has('') || source === null || typeof source !== 'object') {
    return { errors, skipped: [], warnings: [] };
  }
  const inputs = Object.fromEntries(Object.entries(source).filter(([id]) => !bad.has(id))) as CountyInputs;
  return {
    inputs,
    errors,
    skipped: [...bad].map((id) => `县级指标 ${id} 有错误，按未填报处理`),
    warnings: [],
  };
}

/** Top-level keys of the JSON/YAML county file; any other key makes it a bare CountyInputs object. */
const COUNTY_FILE_KEYS = ['county', 'year', 'countyInputs'];

/** What to write in a county file, by kind, for the message when it holds nothing usable. */
const WHAT_TO_WRITE: Record<Exclude<Kind, undefined>, string> = {
  xlsx: `请在工作表“${SHEETS.county}”填写县名称、县级行政区划代码和学年，和/或在工作表“${SHEETS.countyItems}”填写县级指标`,
  csv: '县域信息按“项目,填报值”两列逐行填写县名称、县级行政区划代码、学年；县级指标按“指标编号,填报值,佐证说明”列填写',
  structured:
    '应写成 {"county": {"code": "130123", "name": "某某县"}, "year": 2025, "countyInputs": {…}}，县域信息和县级指标至少有其一',
};

/** The 县级指标 of a sheet, with what it found added to the result. */
function addSheetItems(
  sheet: SheetData,
  file: string,
  opts: CountyFileOptions,
  result: CountyFileResult,
): void {
  const allow = opts.allowIncomplete ?? false;
  const specs = countyItemSpecs(opts.standards ?? nationalStandards());
  const sink = new ErrorSink(file, sheet.name, result.errors);
  const items = readCountyItemsSheet(sheet, specs, sink, allow);
  if (Object.keys(items.inputs).length > 0) result.countyInputs = items.inputs;
  result.skipped.push(...items.skipped);
  result.warnings.push(...items.warnings);
  if (items.fatal && allow) result.skipped.push(`${file} 的县级指标无法读取，县级指标全部按未填报处理`);
}

/**
 * Read a county file (the `--county` option) from bytes. It carries 县域信息 (county and school
 * year), 县级指标, or both:
 * - .xlsx: sheets 县域信息 and/or 县级指标 of the template (a 县域信息 left blank counts as absent);
 * - .json/.yaml: `{ "county": {"code", "name", "province"?, "city"?}, "year": 2025, "countyInputs"?: {…} }`,
 *   `{ "countyInputs": {…} }`, or a bare county-items object `{ "rotation": {"value": 0.12} }`;
 * - .csv: rows of 项目,填报值 (as the 县域信息 sheet) and/or the columns of 县级指标 (指标编号,填报值,佐证说明).
 */
export async function importCountyBuffer(
  bytes: Uint8Array,
  fileName: string,
  opts: CountyFileOptions = {},
): Promise<CountyFileResult> {
  const file = basename(fileName);
  const result: CountyFileResult = { errors: [], skipped: [], warnings: [], fatal: false };
  const kind = kindOf(file);
  /** 县域信息 was given: if it is wrong, the county is unknown and nothing can be evaluated. */
  let headerGiven = false;
  if (kind === 'xlsx') {
    const wb = await workbookOrError(bytes, file, result.errors);
    if (!wb) return { ...result, fatal: true };
    const ws = findWorksheet(wb, SHEETS.county);
    const info = ws ? readWorksheet(ws) : undefined;
    if (info && hasCountyInfo(info)) {
      headerGiven = true;
      result.header = readCountyInfoSheet(info, new ErrorSink(file, info.name, result.errors));
    }
    const itemsWs = itemsWorksheet(wb);
    if (itemsWs) addSheetItems(readWorksheet(itemsWs), file, opts, result);
  } else if (kind === 'csv') {
    const sheet = csvSheet(bytes);
    if (hasCountyInfo(sheet)) {
      headerGiven = true;
      result.header = readCountyInfoSheet(sheet, new ErrorSink(file, undefined, result.errors));
    }
    if (findHeaderRow(sheet, COUNTY_ITEM_COLUMNS.id.header) >= 0) addSheetItems(sheet, file, opts, result);
  } else if (kind === 'structured') {
    const parsed = parseStructured(bytes, file);
    if (!parsed.ok) {
      result.errors.push(parsed.error);
      return { ...result, fatal: true };
    }
    const value = parsed.value;
    const object = value !== null && typeof value === 'object' && !Array.isArray(value);
    const keys = object ? Object.keys(value) : [];
    if (!object || keys.some((k) => COUNTY_FILE_KEYS.includes(k))) {
      if (!object || 'county' in value || 'year' in value) {
        headerGiven = true;
        const checked = validateCountyHeader(value);
        result.errors.push(...issuesToErrors(file, checked.issues));
        result.header = checked.header;
      }
      const source = object ? (value as Record<string, unknown>).countyInputs : undefined;
      if (source !== undefined)
        addStructuredItems(structuredItems(source, file, 'countyInputs', opts), result);
    } else {
      const ids = new Set(countyItemSpecs(opts.standards ?? nationalStandards()).map((s) => s.id));
      if (keys.some((k) => ids.has(k))) addStructuredItems(structuredItems(value, file, '', opts), result);
    }
  } else {
    result.errors.push({
      file,
      message: '不支持的县域信息文件类型：请使用 .xlsx（模板）、.json、.yaml 或 .csv',
    });
    return { ...result, fatal: true };
  }
  if (headerGiven && !result.header) result.fatal = true;
  if (!headerGiven && !result.countyInputs && result.errors.length === 0) {
    result.errors.push({
      file,
      message: `没有找到县域信息或县级指标：${WHAT_TO_WRITE[kind]}`,
    });
    result.fatal = true;
  }
  return result;
}

function addStructuredItems(items: CountyInputsResult, result: CountyFileResult): void {
  result.errors.push(...items.errors);
  result.skipped.push(...items.skipped);
  if (items.inputs && Object.keys(items.inputs).length > 0) result.countyInputs = items.inputs;
}

/** importCountyBuffer for a file path. */
export async function importCountyFile(
  path: string,
  opts: CountyFileOptions = {},
): Promise<CountyFileResult> {
  const read = await readInputFile(path);
  if ('error' in read) return { errors: [read.error], skipped: [], warnings: [], fatal: true };
  return importCountyBuffer(read.bytes, path, opts);
}

/**
 * Read a county-items file from bytes: .xlsx (sheet 县级指标), .csv (the same columns: 指标编号,
 * 填报值, 佐证说明; others ignored) or .json/.yaml (a CountyInputs object, or `{ "countyInputs": {…} }`).
 * Ratios are typed as percentages in xlsx/csv (96.5) and as fractions in JSON (0.965).
 */
export async function importCountyInputsBuffer(
  bytes: Uint8Array,
  fileName: string,
  opts: CountyFileOptions = {},
): Promise<CountyInputsResult> {
  const file = basename(fileName);
  const kind = kindOf(file);
  const errors: ImportError[] = [];
  if (kind === 'structured') {
    const parsed = parseStructured(bytes, file);
    if (!parsed.ok) return { errors: [parsed.error], skipped: [], warnings: [] };
    const value = parsed.value as Record<string, unknown> | null;
    const wrapped = value !== null && typeof value === 'object' && 'countyInputs' in value;
    return structuredItems(wrapped ? value.countyInputs : value, file, wrapped ? 'countyInputs' : '', opts);
  }
  if (kind === undefined) {
    return {
      errors: [{ file, message: '不支持的县级指标文件类型：请使用 .xlsx（模板）、.csv 或 .json' }],
      skipped: [],
      warnings: [],
    };
  }
  let sheet: SheetData;
  if (kind === 'xlsx') {
    const wb = await workbookOrError(bytes, file, errors);
    if (!wb) return { errors, skipped: [], warnings: [] };
    const ws = itemsWorksheet(wb);
    if (!ws) {
      errors.push({
        file,
        message: `找不到工作表“${SHEETS.countyItems}”：请使用 junheng template 生成的模板`,
      });
      return { errors, skipped: [], warnings: [] };
    }
    sheet = readWorksheet(ws);
  } else {
    sheet = csvSheet(bytes);
  }
  const allow = opts.allowIncomplete ?? false;
  const specs = countyItemSpecs(opts.standards ?? nationalStandards());
  const items = readCountyItemsSheet(sheet, specs, new ErrorSink(file, sheet.name, errors), allow);
  const usable = !items.fatal && (errors.length === 0 || allow);
  return usable
    ? { inputs: items.inputs, errors, skipped: items.skipped, warnings: items.warnings }
    : { errors, skipped: items.skipped, warnings: items.warnings };
}

/** importCountyInputsBuffer for a file path. */
export async function importCountyInputsFile(
  path: string,
  opts: CountyFileOptions = {},
): Promise<CountyInputsResult> {
  const read = await readInputFile(path);
  if ('error' in read) return { errors: [read.error], skipped: [], warnings: [] };
  return importCountyInputsBuffer(read.bytes, path, opts);
}
