/**
 * @module 招生 for the command line (`junheng admission commit|admit`): the schools' plan file
 * (学校计划: 标识码, 名称, 计划招生数 as .csv or .xlsx, all or nothing with every error located), the
 * school values typed in an applicants workbook (when no plan file is given they are taken as
 * given), and the placement list as .xlsx with masked names only (the file that may be passed on).
 */

import { loadExcel } from '../../platform/excel.js';
import { readNumber, readText } from '../../reporting/import/cells.js';
import { decodeText, parseCsv } from '../../reporting/import/csv.js';
import { ErrorSink, type ImportError } from '../../reporting/import/errors.js';
import { csvRowCapError } from '../../reporting/import/limits.js';
import {
  findHeaderRow,
  isBlankRow,
  matchHeaders,
  normalizeHeader,
  type SheetData,
} from '../../reporting/import/sheet.js';
import { workbookFailure } from '../../reporting/import/workbookErrors.js';
import { findWorksheet, loadWorkbook, readWorksheet, type Workbook } from '../../reporting/import/xlsx.js';
import { styleHeaderRow, THIN_BORDER } from '../../reporting/template/style.js';
import { APPLICANT_SHEET, APPLICANT_TEMPLATE_COLUMNS } from './applicants.js';

/** One school of the plan file. */
export interface AdmissionPlanSchool {
  id: string;
  name: string;
  places: number;
}

export interface AdmissionPlanImport {
  schools?: AdmissionPlanSchool[];
  errors: ImportError[];
  warnings: string[];
}

const PLAN_COLUMNS = [
  { header: '标识码', aliases: ['学校标识码', '学校代码', '代码'], required: true },
  { header: '名称', aliases: ['学校名称', '学校'], required: true },
  { header: '计划招生数', aliases: ['计划', '招生计划', '学位数', '计划数'], required: true },
] as const;

/** Reads 学校计划 (.csv or .xlsx: first sheet, or one named 学校计划/招生学校). */
export async function readAdmissionPlanBuffer(bytes: Uint8Array, file: string): Promise<AdmissionPlanImport> {
  let sheet: SheetData;
  let sheetName: string | undefined;
  if (/\.csv$/i.test(file)) {
    const { records } = parseCsv(decodeText(bytes).text);
    const tooMany = csvRowCapError(records, 'admissionPlan', file);
    if (tooMany) return { errors: [tooMany], warnings: [] };
    sheet = { rows: records.map((cells, k) => ({ rowNo: k + 1, cells })) };
  } else if (/\.xlsx$/i.test(file)) {
    let wb: Workbook;
    try {
      wb = await loadWorkbook(bytes, { file, kind: 'admissionPlan' });
    } catch (e) {
      return { errors: [workbookFailure(file, e)], warnings: [] };
    }
    const ws =
      findWorksheet(wb, '学校计划', '标识码') ?? findWorksheet(wb, '招生学校', '标识码') ?? wb.worksheets[0];
    if (!ws) return { errors: [{ file, message: '文件中没有工作表' }], warnings: [] };
    sheet = readWorksheet(ws);
    sheetName = ws.name;
  } else {
    return {
      errors: [{ file, message: '学校计划应为 .csv 或 .xlsx 文件（列：标识码、名称、计划招生数）' }],
      warnings: [],
    };
  }
  const sink = new ErrorSink(file, sheetName);
  const warnings: string[] = [];
  let h = findHeaderRow(sheet, '标识码');
  if (h < 0) h = findHeaderRow(sheet, '学校标识码');
  if (h < 0) {
    sink.add('找不到表头“标识码”：第一行应为 标识码、名称、计划招生数');
    return { errors: sink.errors, warnings };
  }
  const header = sheet.rows[h]!;
  const m = matchHeaders(
    header.cells,
    PLAN_COLUMNS.map((c) => [c.header, ...c.aliases]),
  );
  for (const u of m.unknown) warnings.push(`列“${u.text}”不是学校计划的列，已忽略`);
  PLAN_COLUMNS.forEach((c, k) => {
    if (c.required && m.index[k]! < 0)
      sink.add(`缺少必填列“${c.header}”：列应为 标识码、名称、计划招生数`, { row: header.rowNo });
  });
  if (sink.errors.length > 0) return { errors: sink.errors, warnings };
  const cell = (cells: SheetData['rows'][number]['cells'], k: number) => {
    const i = m.index[k]!;
    return i < 0 ? null : (cells[i] ?? null);
  };
  const schools: AdmissionPlanSchool[] = [];
  const ids = new Map<string, number>();
  const rows = sheet.rows.slice(h + 1).filter((r) => !isBlankRow(r));
  if (rows.length === 0) sink.add('学校计划中没有学校：请从第 2 行起每所学校填一行');
  for (const r of rows) {
    const at = (k: number, value?: unknown) => ({
      row: r.rowNo,
      column: PLAN_COLUMNS[k]!.header,
      ...(value === undefined || value === null ? {} : { value }),
    });
    const id = readText(cell(r.cells, 0));
    const name = readText(cell(r.cells, 1));
    const places = readNumber(cell(r.cells, 2));
    let ok = true;
    if (!id.ok || id.value === null) {
      sink.add('标识码为空：请填写学校标识码（10 位）', at(0, cell(r.cells, 0)));
      ok = false;
    } else if (ids.has(id.value)) {
      sink.add(`与第 ${ids.get(id.value)} 行的标识码相同：每所学校只列一次`, at(0, id.value));
      ok = false;
    } else ids.set(id.value, r.rowNo);
    if (!name.ok || name.value === null) {
      sink.add('名称为空：请填写学校名称', at(1, cell(r.cells, 1)));
      ok = false;
    }
    if (!places.ok) {
      sink.add(places.message, at(2, cell(r.cells, 2)));
      ok = false;
    } else if (places.value === null) {
      sink.add('计划招生数为空：请填写本轮计划招生人数（不招生填 0）', at(2));
      ok = false;
    } else if (!Number.isSafeInteger(places.value) || places.value < 0 || places.value > 100000) {
      sink.add('计划招生数应为 0—100000 的整数', at(2, places.value));
      ok = false;
    }
    if (ok && id.ok && name.ok && places.ok)
      schools.push({ id: id.value!, name: name.value!, places: places.value! });
  }
  if (sink.errors.length > 0) return { errors: sink.errors, warnings };
  return { schools, errors: [], warnings };
}

const SCHOOL_COLUMN_KEYS = new Set(['zoneSchoolId', 'choice1', 'choice2', 'choice3']);

/**
 * The school values typed in an applicants workbook (划片学校, 志愿学校1–3), distinct, in order of
 * appearance; [] when the file cannot be read (readApplicantWorkbook then says why).
 */
export async function applicantWorkbookSchoolValues(bytes: Uint8Array): Promise<string[]> {
  let wb: Workbook;
  try {
    wb = await loadWorkbook(bytes, { kind: 'applicants' });
  } catch {
    return [];
  }
  const ws = findWorksheet(wb, APPLICANT_SHEET, '身份证号');
  if (!ws) return [];
  const sheet = readWorksheet(ws);
  const h = sheet.rows.findIndex((r) =>
    r.cells.some((c) => typeof c === 'string' && normalizeHeader(c) === '身份证号'),
  );
  if (h < 0) return [];
  const cols: number[] = [];
  sheet.rows[h]!.cells.forEach((c, i) => {
    if (typeof c !== 'string') return;
    const spec = APPLICANT_TEMPLATE_COLUMNS.find((x) => normalizeHeader(x.header) === normalizeHeader(c));
    if (spec && SCHOOL_COLUMN_KEYS.has(spec.key)) cols.push(i);
  });
  const out = new Set<string>();
  for (const r of sheet.rows.slice(h + 1)) {
    for (const i of cols) {
      const t = readText(r.cells[i] ?? null);
      if (t.ok && t.value !== null) out.add(t.value);
    }
  }
  return [...out];
}

/** One child of the placement list (masked). */
export interface PlacementListRow {
  ticket: string;
  lotteryTicket: string;
  rowNo: number;
  nameMasked: string;
  idNumberMasked: string;
  categoryName: string;
  zoneSchoolName: string | null;
  rank: number;
  placementSchoolName: string | null;
  placementLabel: string;
}

/** One school's figures for the second sheet. */
export interface PlacementSchoolRow {
  schoolId: string;
  schoolName: string;
  capacity: number;
  zoneApplicants: number;
  admittedByCategory: readonly number[];
  assigned: number;
  refused: number;
  seatsLeft: number;
  cutOff: string;
  lotteryUsed: boolean;
}

/** Writes 录取名单 (masked) and 各校录取 sheets. */
export async function writePlacementWorkbook(input: {
  title: string;
  categories: readonly string[];
  rows: readonly PlacementListRow[];
  schools: readonly PlacementSchoolRow[];
}): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'junheng';
  const list = wb.addWorksheet('录取名单');
  const headers = [
    '申请编号',
    '派位编号',
    '申请名单行号',
    '姓名',
    '身份证号',
    '类别',
    '划片学校',
    '派位序号',
    '录取学校',
    '录取方式',
  ];
  list.addRow([`${input.title}（姓名、身份证号已脱敏）`]);
  list.mergeCells(1, 1, 1, headers.length);
  list.getRow(1).font = { bold: true, size: 13 };
  styleHeaderRow(list.addRow(headers));
  for (const r of input.rows) {
    list.addRow([
      r.ticket,
      r.lotteryTicket,
      r.rowNo,
      r.nameMasked,
      r.idNumberMasked,
      r.categoryName,
      r.zoneSchoolName ?? '（无片区）',
      r.rank,
      r.placementSchoolName ?? '待统筹安排',
      r.placementLabel,
    ]);
  }
  [14, 14, 8, 10, 22, 16, 24, 8, 24, 30].forEach((w, i) => {
    list.getColumn(i + 1).width = w;
  });
  list.views = [{ state: 'frozen', ySplit: 2 }];
  const per = wb.addWorksheet('各校录取');
  const h2 = [
    '标识码',
    '学校',
    '计划',
    '片区申请',
    ...input.categories,
    '统筹',
    '片区未录',
    '剩余',
    '截止类别',
    '派位',
  ];
  styleHeaderRow(per.addRow(h2));
  for (const s of input.schools) {
    const row = per.addRow([
      s.schoolId,
      s.schoolName,
      s.capacity,
      s.zoneApplicants,
      ...s.admittedByCategory,
      s.assigned,
      s.refused,
      s.seatsLeft,
      s.cutOff,
      s.lotteryUsed ? '是' : '否',
    ]);
    row.eachCell((c) => {
      c.border = THIN_BORDER;
    });
  }
  per.getColumn(2).width = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
