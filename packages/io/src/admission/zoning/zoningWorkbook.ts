/**
 * @module The Excel side of 划片: the workbook of residential areas (小区/村) the bureau fills in and
 * imports, read with a Chinese error per cell (sheet, row, column, value, how to fix); its blank
 * template (or the current areas written back); and a zoning plan as a workbook (per school, per
 * area, summary sentences). GeoJSON maps are read by ./zoning/geojson.ts.
 *
 * Columns (one row per area; headers matched without spaces, full-width or half-width brackets):
 * 编号 (optional: A0001… by row order when absent), 名称, 类型 (小区 / 村), 乡镇, 经度, 纬度,
 * 预计入学人数(小学), 预计入学人数(初中), 现划片学校(小学), 现划片学校(初中). A single column
 * 现划片学校 is accepted too: the school named there is the current zone of every stage it teaches
 * (the caller resolves names and 学校标识码 against the county's schools).
 */
import {
  AREA_KIND_NAMES,
  type AreaKind,
  formatKm,
  type Stage,
  ZONING_STAGE_NAMES,
  type ZoningComparison,
  type ZoningEvaluation,
  zoningComparisonLines,
  zoningSchoolTable,
  zoningTotalsLines,
} from '@junheng/core';
import { loadExcel } from '../../platform/excel.js';
import { type CellValue, isBlank, readNumber, readText } from '../../reporting/import/cells.js';
import type { ImportError } from '../../reporting/import/errors.js';
import type { SheetRow } from '../../reporting/import/sheet.js';
import { workbookFailure } from '../../reporting/import/workbookErrors.js';
import { loadWorkbook, readWorksheet } from '../../reporting/import/xlsx.js';
import { addValidation, listRule } from '../../reporting/template/style.js';

/** One area row as read from the workbook (not yet checked against the county's schools). */
export interface AreaWorkbookRow {
  /** Excel row number (header = 1). */
  row: number;
  id: string;
  name: string;
  kind: AreaKind;
  township: string | null;
  lon: number;
  lat: number;
  entrants: Record<Stage, number>;
  /** 现划片学校 as written (学校标识码 or name): per stage, or `any` from the single column. */
  current: { primary?: string; junior?: string; any?: string };
}

export interface AreaWorkbookResult {
  rows: AreaWorkbookRow[];
  errors: ImportError[];
  /** The worksheet read. */
  sheet: string;
}

/** The column headers, in template order. */
export const AREA_COLUMNS = [
  '编号',
  '名称',
  '类型',
  '乡镇',
  '经度',
  '纬度',
  '预计入学人数(小学)',
  '预计入学人数(初中)',
  '现划片学校(小学)',
  '现划片学校(初中)',
] as const;
type AreaColumn = (typeof AREA_COLUMNS)[number] | '现划片学校';

const REQUIRED: readonly AreaColumn[] = ['名称', '类型', '经度', '纬度'];
export const AREA_SHEET = '小区村';

/** Header text in a comparable form: NFKC (full-width brackets → half-width), no spaces or *. */
function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')');
}

const KIND_WORDS: Record<string, AreaKind> = {
  小区: 'estate',
  社区: 'estate',
  estate: 'estate',
  村: 'village',
  行政村: 'village',
  自然村: 'village',
  village: 'village',
};

const ID = /^[A-Za-z0-9_.-]{1,40}$/;

/** Records a problem at a row/column/value of the sheet being read. */
type Report = (message: string, where?: { row?: number; column?: string; value?: unknown }) => void;

/**
 * The columns of the header row, by name (ignoring spaces and full-width brackets); reports
 * duplicated and missing columns.
 */
function areaColumns(header: SheetRow, at: Report): Map<AreaColumn, number> {
  const known = new Map<string, AreaColumn>(
    [...AREA_COLUMNS, '现划片学校' as const].map((c) => [headerKey(c), c]),
  );
  const col = new Map<AreaColumn, number>();
  header.cells.forEach((cell, i) => {
    if (typeof cell !== 'string') return;
    const c = known.get(headerKey(cell));
    if (!c) return;
    if (col.has(c)) at(`列“${c}”出现了两次：请删除重复的列`, { row: header.rowNo, column: c });
    else col.set(c, i);
  });
  for (const c of REQUIRED) {
    if (!col.has(c))
      at(`缺少列“${c}”：第 1 行应有列名 ${AREA_COLUMNS.join('、')}（可下载模板对照）`, { row: header.rowNo });
  }
  if (!col.has('预计入学人数(小学)') && !col.has('预计入学人数(初中)')) {
    at('缺少预计入学人数：请至少填写“预计入学人数(小学)”或“预计入学人数(初中)”一列', { row: header.rowNo });
  }
  return col;
}

/**
 * Reads the cells of one row by column, each problem reported at its cell; `ok` turns false at
 * the first problem, so the row is left out.
 */
function rowCells(r: SheetRow, col: Map<AreaColumn, number>, at: Report) {
  const row = r.rowNo;
  const state = { ok: true };
  const fail = (message: string, column: AreaColumn, value?: unknown): null => {
    at(message, value === undefined ? { row, column } : { row, column, value });
    state.ok = false;
    return null;
  };
  const cell = (c: AreaColumn): CellValue => {
    const i = col.get(c);
    return i === undefined ? null : (r.cells[i] ?? null);
  };
  const text = (c: AreaColumn, required: boolean, max: number): string | null => {
    const v = cell(c);
    const t = readText(v);
    if (!t.ok) return fail(t.message, c, v);
    if (t.value === null) {
      if (required) fail(`“${c}”不能为空：请填写`, c);
      return null;
    }
    if ([...t.value].length > max) return fail(`“${c}”不能超过 ${max} 个字：请缩短`, c, t.value);
    return t.value;
  };
  const num = (c: AreaColumn, lo: number, hi: number, what: string): number => {
    const v = cell(c);
    const n = readNumber(v);
    if (!n.ok) return fail(n.message, c, v) ?? Number.NaN;
    if (n.value === null) return fail(`“${c}”不能为空：请填写${what}`, c) ?? Number.NaN;
    if (n.value < lo || n.value > hi) {
      const swapped = c === '经度' && Math.abs(n.value) <= 90 ? '；是否把经度和纬度填反了？' : '';
      return fail(`应在 ${lo} 到 ${hi} 之间（${what}）${swapped}`, c, n.value) ?? Number.NaN;
    }
    return n.value;
  };
  const count = (c: AreaColumn): number => {
    if (!col.has(c)) return 0;
    const v = cell(c);
    const n = readNumber(v);
    if (!n.ok) return fail(n.message, c, v) ?? 0;
    if (n.value === null) return 0;
    if (!Number.isInteger(n.value) || n.value < 0 || n.value > 100_000) {
      fail('应为 0 到 100000 之间的整数（人数）：请填写预计入学的儿童人数，没有则填 0', c, n.value);
      return 0;
    }
    return n.value;
  };
  /** An optional text column: null when the sheet has no such column. */
  const optional = (c: AreaColumn, max: number) => (col.has(c) ? text(c, false, max) : null);
  return { row, state, fail, text, num, count, optional };
}

/**
 * One area from its row, or null when the row has a problem (reported). `ids` holds the ids of
 * the rows before it (a row without 编号 gets A + its serial).
 */
function readAreaRow(
  cells: ReturnType<typeof rowCells>,
  serial: number,
  ids: Map<string, number>,
): AreaWorkbookRow | null {
  const { row, state, fail, text, num, count, optional } = cells;
  let id = optional('编号', 40);
  if (id !== null && !ID.test(id)) {
    fail('编号只能由字母、数字、下划线、点和短横线组成（最多 40 个字符），如 A001', '编号', id);
    id = null;
  }
  id ??= `A${String(serial).padStart(4, '0')}`;
  if (ids.has(id)) fail(`编号与第 ${ids.get(id)} 行重复：每个小区/村的编号应唯一`, '编号', id);
  else ids.set(id, row);
  const name = text('名称', true, 50);
  const kindText = text('类型', true, 10);
  let kind: AreaKind = 'estate';
  if (kindText !== null) {
    const k = KIND_WORDS[kindText];
    if (!k) fail('类型应为“小区”或“村”', '类型', kindText);
    else kind = k;
  }
  const township = optional('乡镇', 50);
  const lon = num('经度', -180, 180, '经度，如 115.49');
  const lat = num('纬度', -90, 90, '纬度，如 38.87');
  const entrants = { primary: count('预计入学人数(小学)'), junior: count('预计入学人数(初中)') };
  const current: AreaWorkbookRow['current'] = {};
  const cp = optional('现划片学校(小学)', 50);
  const cj = optional('现划片学校(初中)', 50);
  const ca = optional('现划片学校', 50);
  if (cp) current.primary = cp;
  if (cj) current.junior = cj;
  if (ca) current.any = ca;
  return state.ok && name !== null ? { row, id, name, kind, township, lon, lat, entrants, current } : null;
}

/**
 * Reads the area workbook. Every problem is listed (not just the first); rows are returned only
 * when there is none, so the caller writes all or nothing.
 */
export async function readAreaWorkbook(bytes: Uint8Array, file: string): Promise<AreaWorkbookResult> {
  const errors: ImportError[] = [];
  let wb: Awaited<ReturnType<typeof loadWorkbook>>;
  try {
    wb = await loadWorkbook(bytes, { file, kind: 'zoning' });
  } catch (e) {
    return { rows: [], errors: [workbookFailure(file, e)], sheet: '' };
  }
  const ws =
    wb.worksheets.find((w) => headerKey(w.name) === AREA_SHEET) ??
    wb.worksheets.find((w) => w.state !== 'hidden' && w.rowCount > 0);
  if (!ws) {
    return {
      rows: [],
      errors: [{ file, message: `工作簿中没有数据：请在工作表“${AREA_SHEET}”中每行填写一个小区或村` }],
      sheet: '',
    };
  }
  const sheet = ws.name;
  const data = readWorksheet(ws);
  const at: Report = (message, where = {}) => {
    const e: ImportError = { file, sheet, message };
    if (where.row !== undefined) e.row = where.row;
    if (where.column !== undefined) e.column = where.column;
    if (where.value !== undefined) e.value = where.value;
    errors.push(e);
  };
  const header = data.rows[0];
  if (!header) {
    at(`工作表是空的：第 1 行应为列名（${AREA_COLUMNS.join('、')}），从第 2 行起每行一个小区或村`);
    return { rows: [], errors, sheet };
  }
  const col = areaColumns(header, at);
  if (errors.length > 0) return { rows: [], errors, sheet };

  const rows: AreaWorkbookRow[] = [];
  const ids = new Map<string, number>();
  let serial = 0;
  for (const r of data.rows.slice(1)) {
    if (r.cells.every(isBlank)) continue;
    serial++;
    const area = readAreaRow(rowCells(r, col, at), serial, ids);
    if (area) rows.push(area);
  }
  if (errors.length === 0 && rows.length === 0) {
    at('工作表中没有小区或村：从第 2 行起每行填写一个');
  }
  return { rows: errors.length === 0 ? rows : [], errors, sheet };
}

/** An area as written to the template (the current areas, for editing and re-import). */
export interface AreaWorkbookEntry {
  id: string;
  name: string;
  kind: AreaKind;
  township: string | null;
  lon: number;
  lat: number;
  entrants: Record<Stage, number>;
  /** Current zone school names per stage (or ids), '' for none. */
  current: Partial<Record<Stage, string | null>>;
}

type Sheet = import('exceljs').Worksheet;

function styleHeader(ws: Sheet, widths: number[]): void {
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

/**
 * The area workbook: headers, the given areas (or two example rows when none), and a sheet of
 * instructions.
 */
export async function writeAreaWorkbook(areas: readonly AreaWorkbookEntry[] = []): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet(AREA_SHEET);
  ws.addRow([...AREA_COLUMNS]);
  const rows: AreaWorkbookEntry[] =
    areas.length > 0
      ? [...areas]
      : [
          {
            id: 'A0001',
            name: '示例花园小区',
            kind: 'estate',
            township: '城关镇',
            lon: 115.49,
            lat: 38.87,
            entrants: { primary: 86, junior: 70 },
            current: {},
          },
          {
            id: 'A0002',
            name: '示例村',
            kind: 'village',
            township: '东河乡',
            lon: 115.53,
            lat: 38.91,
            entrants: { primary: 12, junior: 9 },
            current: {},
          },
        ];
  for (const a of rows) {
    ws.addRow([
      a.id,
      a.name,
      AREA_KIND_NAMES[a.kind],
      a.township ?? '',
      a.lon,
      a.lat,
      a.entrants.primary,
      a.entrants.junior,
      a.current.primary ?? '',
      a.current.junior ?? '',
    ]);
  }
  styleHeader(ws, [10, 22, 8, 14, 12, 12, 16, 16, 24, 24]);
  ws.getColumn(5).numFmt = '0.000000';
  ws.getColumn(6).numFmt = '0.000000';
  addValidation(ws, 'C2:C5000', listRule(['小区', '村'], '请选择“小区”或“村”'));
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  for (const line of [
    '每行一个小区（城镇住宅小区）或村（行政村），导入时全部通过校验才会写入，有错误则一条也不写入。',
    '编号：小区/村的唯一编号（字母、数字、下划线、点、短横线，最多 40 个字符），不填则按行号生成 A0001、A0002……',
    '类型：小区 或 村。乡镇：所属乡镇/街道名称（仅用于显示）。',
    '经度、纬度：小区/村中心点的坐标（度，与学校坐标使用同一坐标系），如 115.490000、38.870000。',
    '预计入学人数(小学)：下一学年进入一年级的适龄儿童数；预计入学人数(初中)：进入初一的人数。没有填 0。',
    '现划片学校(小学)/(初中)：现行划片的学校名称或学校标识码，用于和优化方案对比；不清楚可留空。',
    '导入会替换该招生年份的全部小区/村。距离按直线距离计算，跨河、跨山的片区请在地图上人工核对。',
  ]) {
    help.addRow([line]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What a plan workbook shows. */
export interface PlanWorkbookInput {
  title: string;
  countyName: string;
  year: number;
  evaluation: ZoningEvaluation;
  /** Current → this plan, when current zones are known. */
  comparison?: ZoningComparison;
  /** Area details from the problem: township, by area id. */
  townships?: Readonly<Record<string, string | undefined>>;
  /** School names by id (for the area sheet). */
  schoolNames: Readonly<Record<string, string>>;
}

/**
 * A zoning plan as a workbook: 说明 (summary sentences), 学校 (per school: capacity, demand, fill
 * rate, distances), 小区村 (each area's school and distance, and its current school).
 */
export async function writePlanWorkbook(input: PlanWorkbookInput): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ev = input.evaluation;
  const stage = ZONING_STAGE_NAMES[ev.stage];
  const summary = wb.addWorksheet('说明');
  summary.getColumn(1).width = 120;
  summary.addRow([`${input.countyName}${input.year}年${stage}划片方案：${input.title}`]).font = {
    bold: true,
    size: 14,
  };
  for (const line of zoningTotalsLines(ev)) summary.addRow([line]);
  if (input.comparison) {
    summary.addRow([]);
    for (const line of zoningComparisonLines(input.comparison, undefined, 1000)) summary.addRow([line]);
  }
  summary.addRow([]);
  summary.addRow(['距离为小区/村中心到学校的直线距离；学位数 = 起始年级班数 × 班额上限。']);

  const schools = wb.addWorksheet('学校');
  const table = zoningSchoolTable(ev);
  const headers = Object.keys(table[0] ?? {});
  schools.addRow(headers);
  for (const r of table) schools.addRow(headers.map((h) => r[h]));
  styleHeader(
    schools,
    headers.map((h) => (h === '学校名称' ? 28 : 14)),
  );

  const areas = wb.addWorksheet('小区村');
  const changed = new Map((input.comparison?.changedAreas ?? []).map((c) => [c.areaId, c]));
  const name = (id: string | null) => (id === null ? '未划片' : (input.schoolNames[id] ?? id));
  const areaHeaders = [
    '编号',
    '名称',
    '类型',
    '乡镇',
    '预计入学人数',
    '划片学校',
    '距离',
    '最近学校',
    '是否超出学位',
  ];
  if (input.comparison) areaHeaders.push('现划片学校', '是否调整');
  areas.addRow(areaHeaders);
  for (const a of ev.areas) {
    const row: (string | number)[] = [
      a.areaId,
      a.name,
      AREA_KIND_NAMES[a.kind],
      input.townships?.[a.areaId] ?? '',
      a.demand,
      name(a.schoolId),
      formatKm(a.distanceKm),
      name(a.nearestSchoolId),
      a.overflowing ? '是' : '',
    ];
    if (input.comparison) {
      const c = changed.get(a.areaId);
      row.push(c ? name(c.from) : name(a.schoolId), c ? '调整' : '');
    }
    areas.addRow(row);
  }
  styleHeader(areas, [10, 22, 8, 14, 12, 26, 12, 26, 12, 26, 10]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
