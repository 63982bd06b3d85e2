/**
 * @module The county workbook: the blank template clerks fill in (`junheng template`), and the
 * same workbook filled with a dataset (demo data, round-trip tests, sending data back for review).
 */
import { type CountyDataset, countyItemSpecs, nationalStandards, type StandardSet } from '@junheng/core';
import type ExcelJS from 'exceljs';
import { SHEETS } from '../platform/columns.js';
import { loadExcel } from '../platform/excel.js';
import { addCountyItemsSheet, addCountySheet } from './template/county-sheets.js';
import { addInstructionsSheet } from './template/instructions-sheet.js';
import { addSchoolsSheet } from './template/schools-sheet.js';

export interface TemplateOptions {
  /** Tables whose county items are listed in 县级指标 (national by default). */
  standards?: StandardSet;
}

async function buildWorkbook(
  ds: CountyDataset | undefined,
  opts: TemplateOptions,
): Promise<ExcelJS.Workbook> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'junheng';
  addInstructionsSheet(wb);
  addCountySheet(wb, ds);
  addSchoolsSheet(wb, ds);
  addCountyItemsSheet(wb, countyItemSpecs(opts.standards ?? nationalStandards()), ds);
  // Printed for signing and filing: A4 landscape; the narrow sheets one page wide, the wide
  // schools sheet at natural size with its header row on every page.
  for (const ws of wb.worksheets) {
    const wide = ws.name === SHEETS.schools;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: 'landscape',
      ...(wide ? { printTitlesRow: '1:1' } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
    };
  }
  // Open on 学校基本情况, where most of the work is.
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: 'visible' },
  ];
  return wb;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The blank template: 填报说明, 县域信息, 学校基本情况 (with one example row whose
 * 学校标识码 is “示例”, skipped on import), 县级指标.
 * @returns the .xlsx file content
 */
export async function writeTemplate(opts: TemplateOptions = {}): Promise<Buffer> {
  return toBuffer(await buildWorkbook(undefined, opts));
}

/**
 * The template filled with a dataset: one row per school and stage, county information and
 * county items (ratios shown as percentages). Importing it gives the dataset back.
 * @param ds the dataset
 * @returns the .xlsx file content
 */
export async function writeDatasetWorkbook(ds: CountyDataset, opts: TemplateOptions = {}): Promise<Buffer> {
  return toBuffer(await buildWorkbook(ds, opts));
}
