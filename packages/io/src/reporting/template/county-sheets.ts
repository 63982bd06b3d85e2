/**
 * @module The county sheets: 县域信息 (which county and year) and 县级指标 (one row per
 * county-level item of both standards, generated from the standard tables).
 */
import type { CountyDataset, CountyItemSpec } from '@junheng/core';
import type ExcelJS from 'exceljs';
import {
  COMPUTED_TEXT,
  COUNTY_INFO_FIELDS,
  COUNTY_ITEM_COLUMNS,
  NO,
  SHEETS,
  YES,
} from '../../platform/columns.js';
import { fractionToPercent } from '../../platform/percent.js';
import {
  addValidation,
  COMPUTED_FILL,
  listRule,
  REQUIRED_FONT,
  styleHeaderRow,
  THIN_BORDER,
} from './style.js';

/**
 * Add 县域信息: label in column A, value in column B, help in column C.
 * @param ds values to fill in (template: blank)
 */
export function addCountySheet(wb: ExcelJS.Workbook, ds?: CountyDataset): void {
  const ws = wb.addWorksheet(SHEETS.county);
  ws.columns = [
    { header: '项目', width: 20 },
    // Text, so 2025-2026 is not taken for a date and 130123 keeps its digits.
    { header: '填报值', width: 26, style: { numFmt: '@' } },
    { header: '说明', width: 50 },
  ];
  styleHeaderRow(ws.getRow(1), 24);
  for (const field of COUNTY_INFO_FIELDS) {
    let value: string | null = null;
    if (ds) {
      if (field.key === 'year') value = `${ds.year}-${ds.year + 1}`;
      else value = ds.county[field.key] ?? null;
    }
    const row = ws.addRow([field.label, value, `${field.help}${field.required ? '（必填）' : ''}`]);
    if (field.required) row.getCell(1).font = REQUIRED_FONT;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
    });
  }
}

/** The 填报方式 text of an item. */
export function howToFill(spec: CountyItemSpec): string {
  const what = spec.prompt ? `${spec.prompt}：` : '';
  switch (spec.input) {
    case 'percent':
      return `${what}填百分数，如 96.5`;
    case 'number':
      return `${what}填数值${spec.unit ? `（${spec.unit}）` : ''}`;
    case 'yesno':
      return '填 是 或 否';
    case 'veto':
      return '填 是 或 否（是=存在该情形）';
    case 'computed':
      return '无需填写';
    case 'schoolsOrYesno':
      return '可填 是/否；学校表已填“达到省定办学基本标准”时以学校数据为准';
  }
}

function validationOf(spec: CountyItemSpec): ExcelJS.DataValidation | undefined {
  switch (spec.input) {
    case 'percent':
      return {
        type: 'decimal',
        operator: 'between',
        formulae: [0, 100],
        error: '请填 0 到 100 之间的百分数，如 96.5',
      };
    case 'number':
      return spec.max !== undefined
        ? {
            type: 'decimal',
            operator: 'between',
            formulae: [spec.min ?? 0, spec.max],
            error: `请填 ${spec.min ?? 0} 到 ${spec.max} 之间的数`,
          }
        : {
            type: 'decimal',
            operator: 'greaterThanOrEqual',
            formulae: [spec.min ?? 0],
            error: '请填不小于 0 的数',
          };
    case 'yesno':
    case 'veto':
    case 'schoolsOrYesno':
      return listRule([YES, NO], '请从下拉列表选择 是 或 否');
    case 'computed':
      return undefined;
  }
}

/** A reported value as the sheet shows it: percentages for ratios, 是/否 for judgments. */
function shownValue(
  spec: CountyItemSpec,
  value: number | boolean | null | undefined,
): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? YES : NO;
  return spec.input === 'percent' ? fractionToPercent(value) : value;
}

/**
 * Add 县级指标.
 * @param specs the items (countyItemSpecs of the standards in force)
 * @param ds values and notes to fill in (template: blank)
 */
export function addCountyItemsSheet(
  wb: ExcelJS.Workbook,
  specs: readonly CountyItemSpec[],
  ds?: CountyDataset,
): void {
  const ws = wb.addWorksheet(SHEETS.countyItems, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const c = COUNTY_ITEM_COLUMNS;
  ws.columns = [c.id, c.aspect, c.no, c.name, c.howTo, c.value, c.note].map((col) => ({
    header: col.header,
    width: col.width,
  }));
  styleHeaderRow(ws.getRow(1), 24);
  ws.getRow(1).getCell(6).font = REQUIRED_FONT;
  const inputs = ds?.countyInputs ?? {};
  specs.forEach((spec, k) => {
    const given = inputs[spec.id];
    const value = spec.input === 'computed' ? COMPUTED_TEXT : shownValue(spec, given?.value);
    const row = ws.addRow([
      spec.id,
      spec.aspect,
      spec.no,
      spec.name,
      howToFill(spec),
      value,
      given?.note ?? null,
    ]);
    row.alignment = { vertical: 'middle', wrapText: true };
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
    });
    if (spec.input === 'computed') row.getCell(6).fill = COMPUTED_FILL;
    const rule = validationOf(spec);
    if (rule) addValidation(ws, `F${k + 2}`, rule);
  });
}
