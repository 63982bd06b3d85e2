/**
 * @module Shared look of the workbook sheets, and the data-validation helper exceljs' types lack.
 */
import type ExcelJS from 'exceljs';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
export const COMPUTED_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF2F2F2' },
};
export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
/** Required columns and rows are shown in dark red (the 填报说明 sheet says so). */
export const REQUIRED_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC00000' } };
export const EXAMPLE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF808080' } };
export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/** Style a header row: bold, filled, wrapped, centred. */
export function styleHeaderRow(row: ExcelJS.Row, height = 32): void {
  row.height = height;
  row.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

/**
 * Add one data validation to a whole range. exceljs 4.4 has `worksheet.dataValidations.add`
 * (one rule per range, written as one sqref) but its typings omit it; per-cell validations
 * would write one rule per cell.
 */
export function addValidation(ws: ExcelJS.Worksheet, range: string, rule: ExcelJS.DataValidation): void {
  (
    ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations.add(range, {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '输入有误',
    ...rule,
  });
}

/** A list validation from choices (Excel limits the list text to 255 characters). */
export function listRule(choices: readonly string[], error: string): ExcelJS.DataValidation {
  return { type: 'list', formulae: [`"${choices.join(',')}"`], error };
}
