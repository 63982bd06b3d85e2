/**
 * @module 均衡分班 input: the Excel template of a grade's entrants (新生名单) and its import (.xlsx or
 * .csv). All or nothing: every error is returned with file, sheet, row, column, value and how to
 * fix it, and no entrant is returned when there is one.
 *
 * Columns: 姓名*, 性别* (男/女), 入学成绩 (optional, 初中), 随班就读 (是/否, blank = 否),
 * 留守儿童 (是/否), 同班组 (same code = same class, e.g. twins), 分开组 (same code = different
 * classes). A column 序号 or 备注 is ignored.
 */
import { loadExcel } from '../../platform/excel.js';
import { type CellValue, isBlank, readNumber, readText, readYesNo } from '../../reporting/import/cells.js';
import { decodeText, parseCsv } from '../../reporting/import/csv.js';
import { ErrorSink, type ImportError } from '../../reporting/import/errors.js';
import { csvRowCapError } from '../../reporting/import/limits.js';
import {
  findHeaderRow,
  isBlankRow,
  matchHeaders,
  type SheetData,
  type SheetRow,
} from '../../reporting/import/sheet.js';
import { workbookFailure } from '../../reporting/import/workbookErrors.js';
import { findWorksheet, loadWorkbook, readWorksheet, type Workbook } from '../../reporting/import/xlsx.js';
import {
  addValidation,
  EXAMPLE_FONT,
  HEADER_FONT,
  listRule,
  REQUIRED_FONT,
  styleHeaderRow,
} from '../../reporting/template/style.js';

/** One entrant read from the file (the shape of @junheng/db EntrantInput). */
export interface EntrantRow {
  name: string;
  gender: 'male' | 'female';
  score: number | null;
  specialNeeds: boolean;
  leftBehind: boolean;
  togetherCode: string | null;
  apartCode: string | null;
}

export interface EntrantImport {
  /** The entrants; undefined when there are errors. */
  entrants?: EntrantRow[];
  errors: ImportError[];
  warnings: string[];
}

export const ENTRANT_SHEET = '新生名单';

/** The columns, in template order. */
export const ENTRANT_COLUMNS = [
  {
    key: 'name',
    header: '姓名',
    required: true,
    width: 14,
    help: '学生姓名（导入后加密保存，列表只显示“张*明”）',
  },
  { key: 'gender', header: '性别', required: true, width: 8, help: '男 或 女' },
  { key: 'score', header: '入学成绩', required: false, width: 12, help: '初中入学成绩（可不填；小学不填）' },
  { key: 'specialNeeds', header: '随班就读', required: false, width: 10, help: '是 / 否（空白为否）' },
  { key: 'leftBehind', header: '留守儿童', required: false, width: 10, help: '是 / 否（空白为否）' },
  {
    key: 'together',
    header: '同班组',
    required: false,
    width: 10,
    help: '需要同班的学生填同一代码（如双胞胎要求同班填 A1），其余留空',
  },
  {
    key: 'apart',
    header: '分开组',
    required: false,
    width: 10,
    help: '必须分开的学生填同一代码（如双胞胎要求分开填 B1），其余留空',
  },
] as const;

const CODE = /^[0-9A-Za-z\u4e00-\u9fff_-]{1,20}$/;
const MAX_ROWS = 3000;
const GENDER = new Map([
  ['男', 'male'],
  ['女', 'female'],
  ['m', 'male'],
  ['f', 'female'],
  ['male', 'male'],
  ['female', 'female'],
] as const);

/** The blank template: 新生名单 (header, one grey example row) and 填写说明. */
export async function writeEntrantTemplate(): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'junheng';
  const ws = wb.addWorksheet(ENTRANT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ENTRANT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  styleHeaderRow(ws.getRow(1), 24);
  ENTRANT_COLUMNS.forEach((c, k) => {
    const cell = ws.getRow(1).getCell(k + 1);
    cell.font = c.required ? REQUIRED_FONT : HEADER_FONT;
    cell.note = `${c.help}${c.required ? '（必填）' : ''}`;
  });
  addValidation(ws, 'B2:B3001', listRule(['男', '女'], '请选择 男 或 女'));
  addValidation(ws, 'C2:C3001', {
    type: 'decimal',
    operator: 'between',
    formulae: [0, 1000],
    error: '入学成绩应为 0～1000 的数',
  });
  addValidation(ws, 'D2:E3001', listRule(['是', '否'], '请选择 是 或 否'));
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 14 }, { width: 80 }];
  help.addRow(['列', '说明']);
  styleHeaderRow(help.getRow(1), 20);
  for (const c of ENTRANT_COLUMNS) help.addRow([c.header + (c.required ? '（必填）' : ''), c.help]);
  help.addRow([]);
  help.addRow(['示例', '王大明 男 86.5 否 否 A1 / 王小明 男 88 否 否 A1：双胞胎要求同班']);
  help.addRow(['', '赵甲 女 79 否 是 空 B1 / 赵乙 男 81 否 否 空 B1：要求分开']);
  help.getRow(help.rowCount).font = EXAMPLE_FONT;
  help.getRow(help.rowCount - 1).font = EXAMPLE_FONT;
  help.addRow([
    '注意',
    '每名学生一行；从第 2 行开始填写。有任何错误时整份名单不导入，并逐条列出错误所在的行和列。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function sheetOf(
  bytes: Uint8Array,
  file: string,
): Promise<{ sheet: SheetData; sheetName?: string } | { error: ImportError }> {
  if (/\.csv$/i.test(file)) {
    const { text } = decodeText(bytes);
    const { records, unclosedQuoteAt } = parseCsv(text);
    if (unclosedQuoteAt !== undefined)
      return { error: { file, row: unclosedQuoteAt, message: '引号没有配对：请检查该行的双引号' } };
    const tooMany = csvRowCapError(records, 'entrants', file);
    if (tooMany) return { error: tooMany };
    return { sheet: { rows: records.map((cells, k) => ({ rowNo: k + 1, cells })) } };
  }
  if (!/\.xlsx$/i.test(file))
    return { error: { file, message: '新生名单应为 .xlsx 或 .csv 文件：请使用“下载模板”得到的文件填写' } };
  let wb: Workbook;
  try {
    wb = await loadWorkbook(bytes, { file, kind: 'entrants' });
  } catch (e) {
    return { error: workbookFailure(file, e) };
  }
  const ws = findWorksheet(wb, ENTRANT_SHEET, '姓名') ?? wb.worksheets[0];
  if (!ws) return { error: { file, message: '文件中没有工作表' } };
  return { sheet: readWorksheet(ws), sheetName: ws.name };
}

type NumberedEntrant = EntrantRow & { rowNo: number };

/** The header's columns; unknown ones are warned about, duplicated and missing ones reported. */
function entrantColumns(header: SheetRow, sink: ErrorSink, warnings: string[]) {
  const match = matchHeaders(
    header.cells,
    ENTRANT_COLUMNS.map((c) => [c.header]),
  );
  for (const u of match.unknown) {
    if (u.text !== '序号') warnings.push(`列“${u.text}”不是新生名单的列，已忽略`);
  }
  for (const d of match.duplicates)
    sink.add(`列“${d.text}”出现了两次：请删除多余的一列`, { row: header.rowNo, column: d.text });
  ENTRANT_COLUMNS.forEach((c, k) => {
    if (c.required && match.index[k]! < 0)
      sink.add(`缺少必填列“${c.header}”：请使用模板的表头`, { row: header.rowNo, column: c.header });
  });
  return match;
}

/** One student from a row (every problem reported at its cell; the row is still returned). */
function readEntrantRow(r: SheetRow, index: readonly number[], sink: ErrorSink): NumberedEntrant {
  const cell = (k: number): CellValue => {
    const i = index[k]!;
    return i < 0 ? null : (r.cells[i] ?? null);
  };
  const at = (k: number, value?: unknown) => ({
    row: r.rowNo,
    column: ENTRANT_COLUMNS[k]!.header,
    ...(value === undefined || value === null ? {} : { value }),
  });
  const name = readText(cell(0));
  if (!name.ok) sink.add(`${name.message}：请填写学生姓名`, at(0, cell(0)));
  else if (name.value === null) sink.add('姓名为空：请填写学生姓名，或删除该行', at(0));
  else if ([...name.value].length > 30) sink.add('姓名超过 30 个字：请核对', at(0, name.value));
  const g = cell(1);
  const gender = isBlank(g) ? undefined : GENDER.get(String(g).trim().toLowerCase() as '男');
  if (gender === undefined)
    sink.add(isBlank(g) ? '性别为空：请填写 男 或 女' : '性别应为 男 或 女：请从下拉列表选择', at(1, g));
  const sc = readNumber(cell(2));
  if (!sc.ok) sink.add(sc.message, at(2, cell(2)));
  else if (sc.value !== null && (sc.value < 0 || sc.value > 1000))
    sink.add('入学成绩应在 0～1000 之间：请核对（没有成绩请留空）', at(2, sc.value));
  const yes = (k: number) => {
    const v = readYesNo(cell(k));
    if (!v.ok) {
      sink.add(`${v.message}（空白为否）`, at(k, cell(k)));
      return false;
    }
    return v.value === true;
  };
  const code = (k: number) => {
    const v = readText(cell(k));
    if (!v.ok) {
      sink.add(`${v.message}：代码用字母、数字或汉字，如 A1`, at(k, cell(k)));
      return null;
    }
    if (v.value !== null && !CODE.test(v.value)) {
      sink.add('代码只能用不超过 20 位的字母、数字或汉字（如 A1），不含空格和标点', at(k, v.value));
      return null;
    }
    return v.value;
  };
  return {
    rowNo: r.rowNo,
    name: name.ok ? (name.value ?? '') : '',
    gender: gender ?? 'male',
    score: sc.ok ? sc.value : null,
    specialNeeds: yes(3),
    leftBehind: yes(4),
    togetherCode: code(5),
    apartCode: code(6),
  };
}

/** Groups: at least two members; no two members of a 分开组 in the same 同班组. */
function checkGroups(out: NumberedEntrant[], sink: ErrorSink): void {
  for (const [k, key] of [
    [5, 'togetherCode'],
    [6, 'apartCode'],
  ] as const) {
    const by = new Map<string, NumberedEntrant[]>();
    for (const e of out) if (e[key]) by.set(e[key]!, [...(by.get(e[key]!) ?? []), e]);
    for (const [c, members] of by) {
      if (members.length === 1)
        sink.add(`${ENTRANT_COLUMNS[k]!.header}“${c}”只有这一名学生：同一代码至少填两名学生，或清空该格`, {
          row: members[0]!.rowNo,
          column: ENTRANT_COLUMNS[k]!.header,
          value: c,
        });
    }
  }
  const apart = new Map<string, NumberedEntrant[]>();
  for (const e of out) if (e.apartCode) apart.set(e.apartCode, [...(apart.get(e.apartCode) ?? []), e]);
  for (const [c, members] of apart) {
    const seen = new Map<string, number>();
    for (const m of members) {
      if (!m.togetherCode) continue;
      const first = seen.get(m.togetherCode);
      if (first !== undefined)
        sink.add(`与第 ${first} 行的学生既在同班组“${m.togetherCode}”又在分开组“${c}”：请删去其中一个要求`, {
          row: m.rowNo,
          column: '分开组',
          value: c,
        });
      else seen.set(m.togetherCode, m.rowNo);
    }
  }
}

/**
 * Reads a grade's entrants.
 * @param bytes the file content
 * @param file the file name as the user knows it (.xlsx or .csv decides the format)
 */
export async function importEntrantsBuffer(bytes: Uint8Array, file: string): Promise<EntrantImport> {
  const read = await sheetOf(bytes, file);
  if ('error' in read) return { errors: [read.error], warnings: [] };
  const sink = new ErrorSink(file, read.sheetName);
  const warnings: string[] = [];
  const { sheet } = read;
  const h = findHeaderRow(sheet, '姓名');
  if (h < 0) {
    sink.add('找不到表头“姓名”：第一行应为 姓名、性别、入学成绩、随班就读、留守儿童、同班组、分开组');
    return { errors: sink.errors, warnings };
  }
  const match = entrantColumns(sheet.rows[h]!, sink, warnings);
  if (sink.errors.length > 0) return { errors: sink.errors, warnings };

  const data = sheet.rows.slice(h + 1).filter((r) => !isBlankRow(r));
  if (data.length === 0) sink.add('名单中没有学生：请从第 2 行开始每名学生填一行');
  if (data.length > MAX_ROWS) sink.add(`共 ${data.length} 名学生，超过上限 ${MAX_ROWS}：请按年级分开导入`);
  const out = data.map((r) => readEntrantRow(r, match.index, sink));
  checkGroups(out, sink);
  if (sink.errors.length > 0) return { errors: sink.errors, warnings };
  const scored = out.filter((e) => e.score !== null).length;
  if (scored > 0 && scored < out.length)
    warnings.push(`${out.length - scored} 名学生没有入学成绩：均衡成绩时只计有成绩的学生`);
  return { entrants: out.map(({ rowNo: _r, ...e }) => e), errors: [], warnings };
}
