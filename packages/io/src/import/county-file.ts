/**
 * @module Files that hold only county-level data: the `--county` file (县域信息, optionally with
 * 县级指标) and a separate county-items file (县级指标 alone).
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
import type ExcelJS from 'exceljs';
import { SHEETS } from '../columns.js';
import { type CountyHeader, readCountyInfoSheet } from './county-info.js';
import { readCountyItemsSheet } from './county-items.js';
import { csvToSheet, decodeText, parseCsv } from './csv.js';
import { ErrorSink, type ImportError } from './errors.js';
import { issuesToErrors, parseStructured } from './json.js';
import { readInputFile } from './read-file.js';
import type { SheetData } from './sheet.js';
import { findWorksheet, loadWorkbook, readWorksheet } from './xlsx.js';

export interface CountyFileResult {
  /** County and school year; undefined when missing or invalid. */
  header?: CountyHeader;
  /** County items, when the file has them. */
  countyInputs?: CountyInputs;
  errors: ImportError[];
  skipped: string[];
}

export interface CountyInputsResult {
  /** The items; undefined on errors unless allowIncomplete. */
  inputs?: CountyInputs;
  errors: ImportError[];
  skipped: string[];
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
    return await loadWorkbook(bytes);
  } catch (e) {
    errors.push({ file, message: (e as Error).message });
    return undefined;
  }
}

function csvSheet(bytes: Uint8Array): SheetData {
  return csvToSheet(parseCsv(decodeText(bytes).text).records);
}

/** The 县级指标 sheet of a workbook, if there is one. */
function itemsWorksheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
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
  if (checked.inputs) return { inputs: checked.inputs, errors, skipped: [] };
  const bad = new Set(checked.issues.map((i) => i.path.split('.')[0]));
  if (!opts.allowIncomplete || bad.has('') || source === null || typeof source !== 'object') {
    return { errors, skipped: [] };
  }
  const inputs = Object.fromEntries(Object.entries(source).filter(([id]) => !bad.has(id))) as CountyInputs;
  return { inputs, errors, skipped: [...bad].map((id) => `县级指标 ${id} 有错误，按未填报处理`) };
}

/**
 * Read a county file from bytes: .xlsx (县域信息, and 县级指标 if present), .json/.yaml
 * `{ "county": {"code", "name", "province"?, "city"?}, "year": 2025, "countyInputs"?: {…} }`,
 * or .csv rows of 项目,填报值 (as the 县域信息 sheet).
 */
export async function importCountyBuffer(
  bytes: Uint8Array,
  fileName: string,
  opts: CountyFileOptions = {},
): Promise<CountyFileResult> {
  const file = basename(fileName);
  const result: CountyFileResult = { errors: [], skipped: [] };
  const kind = kindOf(file);
  if (kind === 'xlsx') {
    const wb = await workbookOrError(bytes, file, result.errors);
    if (!wb) return result;
    const ws = findWorksheet(wb, SHEETS.county);
    if (ws) {
      result.header = readCountyInfoSheet(readWorksheet(ws), new ErrorSink(file, ws.name, result.errors));
    } else {
      result.errors.push({
        file,
        message: `找不到工作表“${SHEETS.county}”：请使用 junheng template 生成的模板`,
      });
    }
    const itemsWs = itemsWorksheet(wb);
    if (itemsWs) {
      const specs = countyItemSpecs(opts.standards ?? nationalStandards());
      const sink = new ErrorSink(file, itemsWs.name, result.errors);
      const items = readCountyItemsSheet(readWorksheet(itemsWs), specs, sink, opts.allowIncomplete ?? false);
      if (Object.keys(items.inputs).length > 0) result.countyInputs = items.inputs;
      result.skipped.push(...items.skipped);
    }
  } else if (kind === 'csv') {
    result.header = readCountyInfoSheet(csvSheet(bytes), new ErrorSink(file, undefined, result.errors));
  } else if (kind === 'structured') {
    const parsed = parseStructured(bytes, file);
    if (!parsed.ok) {
      result.errors.push(parsed.error);
      return result;
    }
    const checked = validateCountyHeader(parsed.value);
    result.errors.push(...issuesToErrors(file, checked.issues));
    result.header = checked.header;
    const source = (parsed.value as Record<string, unknown> | null)?.countyInputs;
    if (source !== undefined) {
      const items = structuredItems(source, file, 'countyInputs', opts);
      result.errors.push(...items.errors);
      result.skipped.push(...items.skipped);
      if (items.inputs) result.countyInputs = items.inputs;
    }
  } else {
    result.errors.push({
      file,
      message: '不支持的县域信息文件类型：请使用 .xlsx（模板）、.json、.yaml 或 .csv',
    });
  }
  return result;
}

/** importCountyBuffer for a file path. */
export async function importCountyFile(
  path: string,
  opts: CountyFileOptions = {},
): Promise<CountyFileResult> {
  const read = await readInputFile(path);
  if ('error' in read) return { errors: [read.error], skipped: [] };
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
    if (!parsed.ok) return { errors: [parsed.error], skipped: [] };
    const value = parsed.value as Record<string, unknown> | null;
    const wrapped = value !== null && typeof value === 'object' && 'countyInputs' in value;
    return structuredItems(wrapped ? value.countyInputs : value, file, wrapped ? 'countyInputs' : '', opts);
  }
  if (kind === undefined) {
    return {
      errors: [{ file, message: '不支持的县级指标文件类型：请使用 .xlsx（模板）、.csv 或 .json' }],
      skipped: [],
    };
  }
  let sheet: SheetData;
  if (kind === 'xlsx') {
    const wb = await workbookOrError(bytes, file, errors);
    if (!wb) return { errors, skipped: [] };
    const ws = itemsWorksheet(wb);
    if (!ws) {
      errors.push({
        file,
        message: `找不到工作表“${SHEETS.countyItems}”：请使用 junheng template 生成的模板`,
      });
      return { errors, skipped: [] };
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
    ? { inputs: items.inputs, errors, skipped: items.skipped }
    : { errors, skipped: items.skipped };
}

/** importCountyInputsBuffer for a file path. */
export async function importCountyInputsFile(
  path: string,
  opts: CountyFileOptions = {},
): Promise<CountyInputsResult> {
  const read = await readInputFile(path);
  if ('error' in read) return { errors: [read.error], skipped: [] };
  return importCountyInputsBuffer(read.bytes, path, opts);
}
