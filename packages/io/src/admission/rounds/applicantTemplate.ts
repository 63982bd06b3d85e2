/**
 * @module The 招生申请 template a bureau fills in: the 申请人 sheet with Chinese columns and
 * drop-down lists from the round's schools and categories, the 招生学校 sheet the school lists
 * read from, and 填报说明. Each sheet is written by its own function, in the order they appear.
 */
import { SPECIAL_NEEDS, SPECIAL_NEEDS_NAMES } from '@junheng/core';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/excel.js';
import {
  addValidation,
  listRule,
  REQUIRED_FONT,
  styleHeaderRow,
  THIN_BORDER,
} from '../../reporting/template/style.js';
import {
  APPLICANT_SHEET,
  APPLICANT_TEMPLATE_COLUMNS,
  type ApplicantWorkbookContext,
  type ColumnKey,
} from './applicantColumns.js';

const SCHOOL_SHEET = '招生学校';
const INSTRUCTIONS_SHEET = '填报说明';

const YES_NO = ['是', '否'];

/** The last row the drop-down lists of 申请人 cover. */
const LAST_ROW = 2000;

/** The letter of a column of 申请人. */
function col(key: ColumnKey): string {
  const i = APPLICANT_TEMPLATE_COLUMNS.findIndex((c) => c.key === key);
  return String.fromCharCode(65 + i);
}

/**
 * Writes the template of a round: 申请人 (headers, text-formatted ID column, drop-downs), 招生学校
 * (the round's schools with places) and 填报说明.
 */
export async function writeApplicantTemplate(ctx: ApplicantWorkbookContext): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'junheng';
  const ws = addApplicantSheet(wb, ctx);
  addSchoolSheet(wb, ws, ctx);
  addInstructionsSheet(wb, ctx);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 申请人: headers with their notes, text-formatted number columns, drop-downs of fixed choices. */
function addApplicantSheet(wb: ExcelJS.Workbook, ctx: ApplicantWorkbookContext): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(APPLICANT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = APPLICANT_TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeaderRow(ws.getRow(1));
  APPLICANT_TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    if (c.required) cell.font = REQUIRED_FONT;
    cell.note = c.note;
  });
  ws.getColumn(col('idNumber')).numFmt = '@';
  ws.getColumn(col('phone')).numFmt = '@';
  ws.getColumn(col('familyKey')).numFmt = '@';
  addValidation(
    ws,
    `${col('gender')}2:${col('gender')}${LAST_ROW}`,
    listRule(['男', '女'], '请选择“男”或“女”'),
  );
  addValidation(
    ws,
    `${col('migrantEligible')}2:${col('migrantEligible')}${LAST_ROW}`,
    listRule(YES_NO, '请选择“是”或“否”'),
  );
  addValidation(
    ws,
    `${col('siblingAtSchool')}2:${col('siblingAtSchool')}${LAST_ROW}`,
    listRule(YES_NO, '请选择“是”或“否”'),
  );
  addValidation(
    ws,
    `${col('specialNeeds')}2:${col('specialNeeds')}${LAST_ROW}`,
    listRule(
      SPECIAL_NEEDS.map((s) => SPECIAL_NEEDS_NAMES[s]),
      '请从下拉列表选择，没有特殊需要的留空',
    ),
  );
  addValidation(
    ws,
    `${col('category')}2:${col('category')}${LAST_ROW}`,
    listRule(
      ctx.categories.map((c) => c.name),
      '请从下拉列表选择本轮的招生类别',
    ),
  );
  return ws;
}

/** 招生学校 (the round's schools with places), and the school drop-downs of 申请人 that read it. */
function addSchoolSheet(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, ctx: ApplicantWorkbookContext): void {
  const schoolSheet = wb.addWorksheet(SCHOOL_SHEET);
  schoolSheet.columns = [
    { header: '学校标识码', key: 'id', width: 14 },
    { header: '学校名称', key: 'name', width: 28 },
    { header: '计划招生数', key: 'places', width: 12 },
  ];
  styleHeaderRow(schoolSheet.getRow(1));
  for (const s of ctx.schools) {
    const row = schoolSheet.addRow({ id: s.id, name: s.name, places: s.places ?? null });
    row.getCell(1).numFmt = '@';
    row.eachCell((c) => {
      c.border = THIN_BORDER;
    });
  }
  if (ctx.schools.length > 0) {
    const names = `'${SCHOOL_SHEET}'!$B$2:$B$${ctx.schools.length + 1}`;
    for (const key of ['zoneSchoolId', 'choice1', 'choice2', 'choice3'] as const) {
      addValidation(ws, `${col(key)}2:${col(key)}${LAST_ROW}`, {
        type: 'list',
        formulae: [names],
        error: '请从下拉列表选择本轮招生学校（也可填 10 位学校标识码）',
        showErrorMessage: false,
      });
    }
  }
}

/** 填报说明: how to fill in the sheet, the round's categories, then every column's note. */
function addInstructionsSheet(wb: ExcelJS.Workbook, ctx: ApplicantWorkbookContext): void {
  const info = wb.addWorksheet(INSTRUCTIONS_SHEET);
  info.columns = [
    { header: '列名', key: 'h', width: 24 },
    { header: '必填', key: 'r', width: 6 },
    { header: '填写说明', key: 'n', width: 90 },
  ];
  styleHeaderRow(info.getRow(1));
  const intro = [
    `${ctx.title ?? '招生申请'}：每名儿童在“${APPLICANT_SHEET}”工作表中填一行，从第 2 行起填写；不要修改列名和工作表名称。`,
    `招生类别（按录取优先顺序）：${ctx.categories.map((c, i) => `${i + 1}. ${c.name}`).join('；')}。`,
    '导入时全部检查：只要有一处错误，就不导入任何一行，并逐条列出行号、列名、填写的值和修改方法。',
    '身份证号按国家标准校验（出生日期、校验位）；同一儿童只能填一行，本轮已有的儿童不能重复导入。',
  ];
  for (const line of intro) info.addRow({ h: '', r: '', n: line });
  info.addRow({});
  for (const c of APPLICANT_TEMPLATE_COLUMNS) {
    const row = info.addRow({ h: c.header, r: c.required ? '是' : '', n: c.note });
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    if (c.required) row.getCell(1).font = REQUIRED_FONT;
  }
}
