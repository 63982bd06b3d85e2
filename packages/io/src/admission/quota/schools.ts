/**
 * @module 指标到校 input for the command line: the junior schools with their graduates, from .xlsx
 * (first sheet, or one named 初中学校) or .csv. Columns 学校代码 (optional), 学校名称*, 毕业生数*,
 * 乡村学校 (是/否, blank = 否). All or nothing, every error located.
 */
import type { QuotaSchool } from '@junheng/core';
import { readNumber, readText, readYesNo } from '../../reporting/import/cells.js';
import { decodeText, parseCsv } from '../../reporting/import/csv.js';
import { ErrorSink, type ImportError } from '../../reporting/import/errors.js';
import { csvRowCapError } from '../../reporting/import/limits.js';
import { findHeaderRow, isBlankRow, matchHeaders, type SheetData } from '../../reporting/import/sheet.js';
import { workbookFailure } from '../../reporting/import/workbookErrors.js';
import { findWorksheet, loadWorkbook, readWorksheet, type Workbook } from '../../reporting/import/xlsx.js';

export interface QuotaSchoolsImport {
  schools?: QuotaSchool[];
  errors: ImportError[];
  warnings: string[];
}

const COLUMNS = [
  { header: '学校代码', aliases: ['学校标识码', '代码'], required: false },
  { header: '学校名称', aliases: ['学校', '名称'], required: true },
  { header: '毕业生数', aliases: ['应届毕业生数', '初三学生数', '九年级学生数'], required: true },
  { header: '乡村学校', aliases: ['乡村', '农村学校'], required: false },
] as const;

export async function importQuotaSchoolsBuffer(bytes: Uint8Array, file: string): Promise<QuotaSchoolsImport> {
  let sheet: SheetData;
  let sheetName: string | undefined;
  if (/\.csv$/i.test(file)) {
    const { records } = parseCsv(decodeText(bytes).text);
    const tooMany = csvRowCapError(records, 'quotaSchools', file);
    if (tooMany) return { errors: [tooMany], warnings: [] };
    sheet = { rows: records.map((cells, k) => ({ rowNo: k + 1, cells })) };
  } else if (/\.xlsx$/i.test(file)) {
    let wb: Workbook;
    try {
      wb = await loadWorkbook(bytes, { file, kind: 'quotaSchools' });
    } catch (e) {
      return { errors: [workbookFailure(file, e)], warnings: [] };
    }
    const ws = findWorksheet(wb, '初中学校', '学校名称') ?? wb.worksheets[0];
    if (!ws) return { errors: [{ file, message: '文件中没有工作表' }], warnings: [] };
    sheet = readWorksheet(ws);
    sheetName = ws.name;
  } else {
    return {
      errors: [
        { file, message: '学校名单应为 .xlsx 或 .csv 文件（列：学校代码、学校名称、毕业生数、乡村学校）' },
      ],
      warnings: [],
    };
  }
  const sink = new ErrorSink(file, sheetName);
  const warnings: string[] = [];
  const h = findHeaderRow(sheet, '学校名称');
  if (h < 0) {
    sink.add('找不到表头“学校名称”：第一行应为 学校代码、学校名称、毕业生数、乡村学校');
    return { errors: sink.errors, warnings };
  }
  const header = sheet.rows[h]!;
  const m = matchHeaders(
    header.cells,
    COLUMNS.map((c) => [c.header, ...c.aliases]),
  );
  for (const u of m.unknown) warnings.push(`列“${u.text}”不是学校名单的列，已忽略`);
  COLUMNS.forEach((c, k) => {
    if (c.required && m.index[k]! < 0)
      sink.add(`缺少必填列“${c.header}”`, { row: header.rowNo, column: c.header });
  });
  if (sink.errors.length > 0) return { errors: sink.errors, warnings };
  const cell = (cells: SheetData['rows'][number]['cells'], k: number) => {
    const i = m.index[k]!;
    return i < 0 ? null : (cells[i] ?? null);
  };
  const schools: QuotaSchool[] = [];
  const ids = new Map<string, number>();
  const rows = sheet.rows.slice(h + 1).filter((r) => !isBlankRow(r));
  if (rows.length === 0) sink.add('名单中没有学校：请从第 2 行开始每所学校填一行');
  for (const r of rows) {
    const at = (k: number, value?: unknown) => ({
      row: r.rowNo,
      column: COLUMNS[k]!.header,
      ...(value === undefined || value === null ? {} : { value }),
    });
    const name = readText(cell(r.cells, 1));
    if (!name.ok || name.value === null) {
      sink.add('学校名称为空：请填写学校名称', at(1, cell(r.cells, 1)));
      continue;
    }
    const code = readText(cell(r.cells, 0));
    const id = code.ok && code.value !== null ? code.value : name.value;
    const first = ids.get(id);
    if (first !== undefined)
      sink.add(`与第 ${first} 行重复：每所学校只列一次`, at(code.ok && code.value ? 0 : 1, id));
    ids.set(id, r.rowNo);
    const g = readNumber(cell(r.cells, 2));
    if (!g.ok) sink.add(g.message, at(2, cell(r.cells, 2)));
    else if (g.value === null) sink.add('毕业生数为空：请填写应届毕业生人数（没有则填 0）', at(2));
    else if (!Number.isInteger(g.value) || g.value < 0)
      sink.add('毕业生数应为非负整数：请核对', at(2, g.value));
    const rural = readYesNo(cell(r.cells, 3));
    if (!rural.ok) sink.add(`${rural.message}（空白为否）`, at(3, cell(r.cells, 3)));
    if (g.ok && g.value !== null && Number.isInteger(g.value) && g.value >= 0)
      schools.push({ id, name: name.value, graduates: g.value, rural: rural.ok && rural.value === true });
  }
  if (sink.errors.length > 0) return { errors: sink.errors, warnings };
  return { schools, errors: [], warnings };
}
