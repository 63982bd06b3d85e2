/**
 * @module exceljs, loaded on first use: it takes ~0.3 s to import, which a JSON evaluation printed
 * to the terminal should not pay.
 */
import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

/** The exceljs module (imported once). */
export function loadExcel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => m.default);
  return loaded;
}
