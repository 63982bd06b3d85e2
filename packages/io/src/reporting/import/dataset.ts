/**
 * @module Import of a county dataset from .xlsx (the template), .csv (the schools sheet only) or
 * .json/.yaml (the machine format), collecting every error before giving up.
 */
import { basename, extname } from 'node:path';
import {
  type CountyDataset,
  type CountyInputs,
  countyItemSpecs,
  nationalStandards,
  type StandardSet,
} from '@junheng/core';
import { SCHOOL_COLUMNS, SHEETS } from '../../platform/columns.js';
import { type CountyFileResult, importCountyFile } from './county-file.js';
import { type CountyHeader, defaultCountyHeader, readCountyInfoSheet } from './county-info.js';
import { readCountyItemsSheet } from './county-items.js';
import { csvToSheet, decodeText, parseCsv } from './csv.js';
import { ErrorSink, type ImportError, type ImportResult } from './errors.js';
import { importStructuredDataset } from './json.js';
import { csvRowCapError } from './limits.js';
import { readInputFile } from './read-file.js';
import { readSchoolsSheet, type SchoolsRead } from './schools.js';
import { workbookFailure } from './workbookErrors.js';
import { findWorksheet, loadWorkbook, readWorksheet } from './xlsx.js';

export interface ImportOptions {
  /** Keep going past row errors: rows with errors are dropped and listed in `skipped`. */
  allowIncomplete?: boolean;
  /** County and school year to use; they take precedence over the file's own 县域信息. */
  county?: CountyHeader;
  /** County items to use in place of the file's own 县级指标. */
  countyInputs?: CountyInputs;
  /** Tables whose county items are read (national by default). */
  standards?: StandardSet;
  /** Clock for the default school year of a CSV without county information. */
  now?: Date;
}

export interface ImportFileOptions extends Omit<ImportOptions, 'county' | 'countyInputs'> {
  /**
   * County file (the `--county` option) with 县域信息 and/or 县级指标: .xlsx (the template's sheets),
   * .json/.yaml `{ "county": {…}, "year": 2025, "countyInputs"?: {…} }` (either part may be left
   * out), or .csv (项目,填报值 rows and/or the 县级指标 columns). Its 县域信息 takes the place of the
   * data file's; its items are added to the data file's, replacing those with the same 指标编号.
   */
  countyFile?: string;
}

/** What a reader found besides the schools, before the dataset is put together. */
interface Parts {
  header?: CountyHeader;
  countyInputs?: CountyInputs;
  errors: ImportError[];
  skipped: string[];
  warnings: string[];
  /** Nothing usable even with allowIncomplete (unreadable file, no county, no schools sheet). */
  fatal: boolean;
}

function assemble(schools: SchoolsRead | undefined, parts: Parts, allowIncomplete: boolean): ImportResult {
  const result: ImportResult = {
    errors: [...parts.errors, ...(schools?.errors ?? [])],
    skipped: [...(schools?.skipped ?? []), ...parts.skipped],
    warnings: [...(schools?.warnings ?? []), ...parts.warnings],
  };
  const usable = schools && !schools.fatal && !parts.fatal && parts.header && schools.schools.length > 0;
  if (!usable || (result.errors.length > 0 && !allowIncomplete)) {
    if (!allowIncomplete) result.skipped = [];
    return result;
  }
  const dataset: CountyDataset = {
    county: parts.header!.county,
    year: parts.header!.year,
    schools: schools.schools,
  };
  if (parts.countyInputs && Object.keys(parts.countyInputs).length > 0)
    dataset.countyInputs = parts.countyInputs;
  result.dataset = dataset;
  return result;
}

async function importXlsx(bytes: Uint8Array, file: string, opts: ImportOptions): Promise<ImportResult> {
  const allow = opts.allowIncomplete ?? false;
  const parts: Parts = { errors: [], skipped: [], warnings: [], fatal: false };
  let wb: Awaited<ReturnType<typeof loadWorkbook>>;
  try {
    wb = await loadWorkbook(bytes, { file, kind: 'dataset' });
  } catch (e) {
    return { errors: [workbookFailure(file, e)], skipped: [], warnings: [] };
  }
  const fileSink = new ErrorSink(file);

  const schoolsWs = findWorksheet(wb, SHEETS.schools, SCHOOL_COLUMNS[0].name);
  let schools: SchoolsRead | undefined;
  if (schoolsWs) {
    schools = readSchoolsSheet(readWorksheet(schoolsWs), file, allow);
  } else {
    fileSink.add(`找不到工作表“${SHEETS.schools}”：请使用 junheng template 生成的模板，不要修改工作表名称`);
  }

  if (opts.county) {
    parts.header = opts.county;
  } else {
    const countyWs = findWorksheet(wb, SHEETS.county);
    if (countyWs) {
      parts.header = readCountyInfoSheet(
        readWorksheet(countyWs),
        new ErrorSink(file, countyWs.name, parts.errors),
      );
    } else {
      fileSink.add(
        `找不到工作表“${SHEETS.county}”：请从模板复制该表填写县名称、县级行政区划代码和学年，或用 --county 指定县域信息文件`,
      );
    }
  }

  if (opts.countyInputs) {
    parts.countyInputs = opts.countyInputs;
  } else {
    const itemsWs = findWorksheet(wb, SHEETS.countyItems, '指标编号');
    if (itemsWs) {
      const specs = countyItemSpecs(opts.standards ?? nationalStandards());
      const items = readCountyItemsSheet(
        readWorksheet(itemsWs),
        specs,
        new ErrorSink(file, itemsWs.name, parts.errors),
        allow,
      );
      parts.countyInputs = items.inputs;
      parts.skipped.push(...items.skipped);
      parts.warnings.push(...items.warnings);
      if (items.fatal && allow)
        parts.skipped.push(`工作表“${itemsWs.name}”无法读取，县级指标全部按未填报处理`);
    } else {
      parts.warnings.push(`没有工作表“${SHEETS.countyItems}”：县级指标全部按未填报处理`);
    }
  }
  parts.errors.unshift(...fileSink.errors);
  return assemble(schools, parts, allow);
}

function importCsv(bytes: Uint8Array, file: string, opts: ImportOptions): ImportResult {
  const allow = opts.allowIncomplete ?? false;
  const parts: Parts = { errors: [], skipped: [], warnings: [], fatal: false };
  const { records, unclosedQuoteAt } = parseCsv(decodeText(bytes).text);
  const tooMany = csvRowCapError(records, 'dataset', file);
  if (tooMany) return { errors: [tooMany], skipped: [], warnings: [] };
  if (unclosedQuoteAt !== undefined) {
    parts.errors.push({
      file,
      row: unclosedQuoteAt,
      message:
        '引号没有闭合：该行某个以双引号开头的单元格缺少结尾的双引号，请在 Excel 中打开后重新另存为 CSV',
    });
    parts.fatal = true;
  }
  const schools = readSchoolsSheet(csvToSheet(records), file, allow);
  parts.header =
    opts.county ??
    defaultCountyHeader(
      schools.schools.map((s) => s.regionCode),
      opts.now ?? new Date(),
      parts.warnings,
    );
  if (opts.countyInputs) parts.countyInputs = opts.countyInputs;
  return assemble(schools, parts, allow);
}

/**
 * Import a dataset from file bytes, by the file name's extension.
 * @param bytes the file content
 * @param fileName name shown in messages; its extension picks the format (.xlsx, .csv, .json, .yaml)
 * @param opts allowIncomplete, county header / items from elsewhere, standards, clock
 * @returns the dataset (undefined on errors unless allowIncomplete), every error, skipped rows, warnings
 */
export async function importDatasetBuffer(
  bytes: Uint8Array,
  fileName: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const file = basename(fileName);
  switch (extname(file).toLowerCase()) {
    case '.xlsx':
    // An .xls or .et may be an .xlsx renamed; loadWorkbook tells a real one by its bytes.
    case '.xls':
    case '.et':
      return importXlsx(bytes, file, opts);
    case '.csv':
    case '.txt':
      return importCsv(bytes, file, opts);
    case '.json':
    case '.yaml':
    case '.yml': {
      const override: Partial<CountyDataset> = {};
      if (opts.county) Object.assign(override, opts.county);
      if (opts.countyInputs) override.countyInputs = opts.countyInputs;
      return importStructuredDataset(bytes, file, { ...opts, override });
    }
    default:
      return fail(file, '不支持的文件类型：请使用 .xlsx（模板）、.csv（学校基本情况）或 .json 文件');
  }
}

function fail(file: string, message: string): ImportResult {
  return { errors: [{ file, message }], skipped: [], warnings: [] };
}

/**
 * Import a dataset file (.xlsx, .csv, .json, .yaml).
 * @param path file path
 * @param opts allowIncomplete; countyFile for the county header and/or items (see ImportFileOptions)
 * @returns the dataset (undefined on errors unless allowIncomplete), every error, skipped rows, warnings
 */
export async function importDatasetFile(path: string, opts: ImportFileOptions = {}): Promise<ImportResult> {
  const { countyFile, ...rest } = opts;
  const options: ImportOptions = { ...rest };
  let county: CountyFileResult | undefined;
  if (countyFile) {
    county = await importCountyFile(countyFile, {
      standards: opts.standards,
      allowIncomplete: opts.allowIncomplete,
    });
    if (county.header) options.county = county.header;
  }
  const read = await readInputFile(path);
  if ('error' in read) return { errors: [...(county?.errors ?? []), read.error], skipped: [], warnings: [] };
  const result = await importDatasetBuffer(read.bytes, path, options);
  if (!county) return result;
  const errors = [...county.errors, ...result.errors];
  if (county.fatal || (county.errors.length > 0 && !opts.allowIncomplete)) {
    // The main file was still read so that every error is reported at once. Without a valid
    // county file there is no dataset, and warnings about defaults would only mislead.
    return { errors, skipped: [], warnings: [] };
  }
  const merged: ImportResult = {
    ...result,
    errors,
    skipped: [...county.skipped, ...result.skipped],
    warnings: [...county.warnings, ...result.warnings],
  };
  if (merged.dataset && county.countyInputs) {
    merged.dataset = {
      ...merged.dataset,
      countyInputs: { ...merged.dataset.countyInputs, ...county.countyInputs },
    };
  }
  return merged;
}
