/**
 * @module 招生申请 Excel: the template a bureau fills in (申请人 sheet with Chinese columns, drop-down
 * lists from the round's schools and categories, 填报说明), and its import with every error located
 * (file, sheet, row, column, value) and explained with the fix. The checks are core's
 * checkApplicantFields (the same as the form), plus duplicate ID numbers and families within the
 * file. Nothing is returned as importable while any error remains.
 */
import {
  type AdmissionCategory,
  APPLICANT_COLUMNS,
  type ApplicantFields,
  checkApplicantFields,
  familyProblems,
  findCategory,
  GENDER_NAMES,
  type Gender,
  MAX_CHOICES,
  normalizeApplicant,
  SPECIAL_NEEDS,
  SPECIAL_NEEDS_NAMES,
  type SpecialNeeds,
} from '@junheng/core';
import { loadExcel } from '../../platform/excel.js';
import { type CellValue, readChoice, readText, readYesNo } from '../../reporting/import/cells.js';
import { ErrorSink, type ImportError } from '../../reporting/import/errors.js';
import { isBlankRow, normalizeHeader } from '../../reporting/import/sheet.js';
import { workbookFailure } from '../../reporting/import/workbookErrors.js';
import { findWorksheet, loadWorkbook, readWorksheet, type Workbook } from '../../reporting/import/xlsx.js';
import {
  addValidation,
  listRule,
  REQUIRED_FONT,
  styleHeaderRow,
  THIN_BORDER,
} from '../../reporting/template/style.js';

/** The data sheet's name. */
export const APPLICANT_SHEET = '申请人';
const SCHOOL_SHEET = '招生学校';
const INSTRUCTIONS_SHEET = '填报说明';

/** A school of the round, as the template lists it. */
export interface ApplicantSchoolOption {
  id: string;
  name: string;
  places?: number;
}

/** What the template and the import need to know about the round. */
export interface ApplicantWorkbookContext {
  title?: string;
  schools: readonly ApplicantSchoolOption[];
  categories: readonly AdmissionCategory[];
}

type ColumnKey =
  | Exclude<keyof ApplicantFields, 'choices' | 'specialNeedsNote'>
  | 'choice1'
  | 'choice2'
  | 'choice3';

interface Column {
  key: ColumnKey;
  header: string;
  required: boolean;
  width: number;
  note: string;
}

/** The columns of 申请人, in order. */
export const APPLICANT_TEMPLATE_COLUMNS: readonly Column[] = [
  { key: 'name', header: '姓名', required: true, width: 10, note: '儿童姓名，与户口簿一致' },
  {
    key: 'idNumber',
    header: '身份证号',
    required: true,
    width: 22,
    note: '18 位公民身份号码（末位 X 大写小写均可）；单元格已设为文本，请不要改成数值',
  },
  {
    key: 'gender',
    header: '性别',
    required: false,
    width: 6,
    note: '男/女；可不填，由身份证号判断；填写时须与身份证号一致',
  },
  { key: 'guardianName', header: '监护人', required: true, width: 10, note: '父母或其他法定监护人姓名' },
  {
    key: 'phone',
    header: '联系电话',
    required: true,
    width: 14,
    note: '监护人手机号码（11 位）或带区号的固定电话',
  },
  { key: 'address', header: '居住地址', required: false, width: 28, note: '实际居住地址（可不填）' },
  {
    key: 'areaName',
    header: '居住小区/村',
    required: false,
    width: 14,
    note: '居住的小区或村名，用于核对划片',
  },
  {
    key: 'zoneSchoolId',
    header: '划片学校（标识码或名称）',
    required: false,
    width: 24,
    note: '本轮招生学校的 10 位学校标识码或全称（下拉选择）；不在任何片区的留空，由教育局统筹安排',
  },
  {
    key: 'category',
    header: '类别',
    required: true,
    width: 16,
    note: '本轮的招生类别（下拉选择），决定本片区内的录取顺序',
  },
  {
    key: 'migrantEligible',
    header: '随迁子女条件是否满足',
    required: false,
    width: 12,
    note: '是/否；只有随迁子女类别可填“是”，满足条件的保障安排公办学位；空白按“否”',
  },
  {
    key: 'specialNeeds',
    header: '特殊需要',
    required: false,
    width: 12,
    note: `${SPECIAL_NEEDS.map((s) => SPECIAL_NEEDS_NAMES[s]).join('/')}；没有特殊需要的留空`,
  },
  {
    key: 'siblingAtSchool',
    header: '同校兄弟姐妹',
    required: false,
    width: 10,
    note: '是/否：哥哥姐姐正在划片学校就读；空白按“否”',
  },
  {
    key: 'familyKey',
    header: '多胞胎/同户编号',
    required: false,
    width: 12,
    note: '同一家庭一起报名的多胞胎、兄弟姐妹填同一个编号（如 T01），派位时作为一个整体，一起录取或一起不录取；其余留空',
  },
  {
    key: 'choice1',
    header: '志愿学校1',
    required: false,
    width: 20,
    note: '本片区学校录满时希望统筹安排的学校（标识码或名称），可不填',
  },
  { key: 'choice2', header: '志愿学校2', required: false, width: 20, note: '第二志愿，可不填' },
  { key: 'choice3', header: '志愿学校3', required: false, width: 20, note: '第三志愿，可不填' },
];

const YES_NO = ['是', '否'];

/**
 * Writes the template of a round: 申请人 (headers, text-formatted ID column, drop-downs), 招生学校
 * (the round's schools with places) and 填报说明.
 */
export async function writeApplicantTemplate(ctx: ApplicantWorkbookContext): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'junheng';
  const ws = wb.addWorksheet(APPLICANT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = APPLICANT_TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  styleHeaderRow(ws.getRow(1));
  APPLICANT_TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    if (c.required) cell.font = REQUIRED_FONT;
    cell.note = c.note;
  });
  const last = 2000;
  const col = (key: ColumnKey) => {
    const i = APPLICANT_TEMPLATE_COLUMNS.findIndex((c) => c.key === key);
    return String.fromCharCode(65 + i);
  };
  ws.getColumn(col('idNumber')).numFmt = '@';
  ws.getColumn(col('phone')).numFmt = '@';
  ws.getColumn(col('familyKey')).numFmt = '@';
  addValidation(ws, `${col('gender')}2:${col('gender')}${last}`, listRule(['男', '女'], '请选择“男”或“女”'));
  addValidation(
    ws,
    `${col('migrantEligible')}2:${col('migrantEligible')}${last}`,
    listRule(YES_NO, '请选择“是”或“否”'),
  );
  addValidation(
    ws,
    `${col('siblingAtSchool')}2:${col('siblingAtSchool')}${last}`,
    listRule(YES_NO, '请选择“是”或“否”'),
  );
  addValidation(
    ws,
    `${col('specialNeeds')}2:${col('specialNeeds')}${last}`,
    listRule(
      SPECIAL_NEEDS.map((s) => SPECIAL_NEEDS_NAMES[s]),
      '请从下拉列表选择，没有特殊需要的留空',
    ),
  );
  addValidation(
    ws,
    `${col('category')}2:${col('category')}${last}`,
    listRule(
      ctx.categories.map((c) => c.name),
      '请从下拉列表选择本轮的招生类别',
    ),
  );
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
      addValidation(ws, `${col(key)}2:${col(key)}${last}`, {
        type: 'list',
        formulae: [names],
        error: '请从下拉列表选择本轮招生学校（也可填 10 位学校标识码）',
        showErrorMessage: false,
      });
    }
  }
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A row read from the file, ready for the database layer's import. */
export interface ApplicantFileRow {
  rowNo: number;
  fields: ApplicantFields;
}

export interface ApplicantFileResult {
  /** Every data row; empty when there are errors. */
  rows: ApplicantFileRow[];
  errors: ImportError[];
}

function schoolLookup(schools: readonly ApplicantSchoolOption[]) {
  const byKey = new Map<string, string>();
  for (const s of schools) {
    byKey.set(s.id, s.id);
    byKey.set(s.name.normalize('NFKC').replace(/\s+/g, ''), s.id);
  }
  return (text: string) => byKey.get(text.normalize('NFKC').replace(/\s+/g, ''));
}

const GENDERS = new Map<string, Gender>(
  (Object.entries(GENDER_NAMES) as [Gender, string][]).flatMap(([g, n]) => [
    [n, g],
    [`${n}性`, g],
  ]),
);
const NEEDS = new Map<string, SpecialNeeds>(
  (Object.entries(SPECIAL_NEEDS_NAMES) as [SpecialNeeds, string][]).map(([k, n]) => [n, k]),
);

/**
 * Reads a filled-in template.
 * @param bytes the .xlsx file
 * @param file the file name as the user knows it (for the messages)
 * @param ctx the round's schools and categories
 */
export async function readApplicantWorkbook(
  bytes: Uint8Array,
  file: string,
  ctx: ApplicantWorkbookContext,
): Promise<ApplicantFileResult> {
  const errors: ImportError[] = [];
  let wb: Workbook;
  try {
    wb = await loadWorkbook(bytes, { file, kind: 'applicants' });
  } catch (e) {
    return { rows: [], errors: [workbookFailure(file, e)] };
  }
  const ws = findWorksheet(wb, APPLICANT_SHEET, '身份证号');
  if (!ws) {
    return {
      rows: [],
      errors: [{ file, message: `找不到“${APPLICANT_SHEET}”工作表：请使用下载的招生申请模板填写` }],
    };
  }
  const sheet = readWorksheet(ws);
  const sink = new ErrorSink(file, ws.name, errors);
  const headerIndex = sheet.rows.findIndex((r) =>
    r.cells.some((c) => typeof c === 'string' && normalizeHeader(c) === '身份证号'),
  );
  if (headerIndex < 0) {
    sink.add('找不到列名行（含“身份证号”的行）：请不要删除模板第 1 行的列名');
    return { rows: [], errors };
  }
  const header = sheet.rows[headerIndex]!;
  const colOf = new Map<ColumnKey, number>();
  header.cells.forEach((c, i) => {
    if (typeof c !== 'string') return;
    const h = normalizeHeader(c);
    const spec = APPLICANT_TEMPLATE_COLUMNS.find((x) => normalizeHeader(x.header) === h);
    if (spec && !colOf.has(spec.key)) colOf.set(spec.key, i);
  });
  for (const c of APPLICANT_TEMPLATE_COLUMNS) {
    if (c.required && !colOf.has(c.key)) {
      sink.add(`缺少必填列“${c.header}”：请使用下载的模板，不要删除或改名列`, { row: header.rowNo });
    }
  }
  if (errors.length > 0) return { rows: [], errors };

  const school = schoolLookup(ctx.schools);
  const config = { categories: ctx.categories, siblingPriority: false };
  const checkCtx = { schoolIds: new Set(ctx.schools.map((s) => s.id)), categories: ctx.categories };
  const out: ApplicantFileRow[] = [];
  const firstRowOfId = new Map<string, number>();
  const familyRows = new Map<string, number[]>();

  for (const row of sheet.rows.slice(headerIndex + 1)) {
    if (isBlankRow(row)) continue;
    const rowNo = row.rowNo;
    const cell = (key: ColumnKey): CellValue => {
      const i = colOf.get(key);
      return i === undefined ? null : (row.cells[i] ?? null);
    };
    const headerOf = (key: ColumnKey) => APPLICANT_TEMPLATE_COLUMNS.find((c) => c.key === key)!.header;
    const bad = new Set<keyof ApplicantFields>();
    const fail = (key: ColumnKey, field: keyof ApplicantFields, message: string) => {
      const v = cell(key);
      sink.add(message, { row: rowNo, column: headerOf(key), ...(v === null ? {} : { value: v }) });
      bad.add(field);
    };
    const text = (key: ColumnKey, field: keyof ApplicantFields): string | null => {
      const r = readText(cell(key));
      if (!r.ok) {
        fail(key, field, r.message);
        return null;
      }
      return r.value;
    };
    const yesNo = (key: ColumnKey, field: keyof ApplicantFields): boolean => {
      const r = readYesNo(cell(key));
      if (!r.ok) {
        fail(key, field, `${r.message}（空白按“否”）`);
        return false;
      }
      return r.value ?? false;
    };
    const schoolOf = (key: ColumnKey, field: keyof ApplicantFields): string | null => {
      const t = text(key, field);
      if (t === null) return null;
      const id = school(t);
      if (!id) {
        fail(key, field, '不是本轮招生的学校：请从下拉列表选择，或填写“招生学校”工作表中的学校标识码或名称');
        return null;
      }
      return id;
    };

    const rawId = cell('idNumber');
    let idNumber = '';
    if (typeof rawId === 'number') {
      fail(
        'idNumber',
        'idNumber',
        '单元格是数值格式，18 位号码的末几位已丢失：请把该列设为“文本”格式后重新录入',
      );
    } else idNumber = text('idNumber', 'idNumber') ?? '';

    let gender: Gender | null = null;
    const g = readChoice(cell('gender'), GENDERS, ['男', '女']);
    if (!g.ok) fail('gender', 'gender', g.message);
    else gender = g.value;

    let category = '';
    const catText = text('category', 'category');
    if (catText === null) {
      if (!bad.has('category'))
        fail('category', 'category', `不能为空：请选择 ${ctx.categories.map((c) => c.name).join('、')} 之一`);
    } else {
      const c = findCategory(config, catText);
      if (!c)
        fail(
          'category',
          'category',
          `不是本轮的招生类别：应为 ${ctx.categories.map((x) => x.name).join('、')} 之一`,
        );
      else category = c.id;
    }

    let specialNeeds: SpecialNeeds | null = null;
    const n = readChoice(
      cell('specialNeeds'),
      NEEDS,
      SPECIAL_NEEDS.map((s) => SPECIAL_NEEDS_NAMES[s]),
    );
    if (!n.ok) fail('specialNeeds', 'specialNeeds', `${n.message}；没有特殊需要的留空`);
    else specialNeeds = n.value;

    const choices: string[] = [];
    for (const key of ['choice1', 'choice2', 'choice3'] as const) {
      const id = schoolOf(key, 'choices');
      if (id) choices.push(id);
    }
    const fields: ApplicantFields = normalizeApplicant({
      name: text('name', 'name') ?? '',
      idNumber,
      gender,
      guardianName: text('guardianName', 'guardianName') ?? '',
      phone: text('phone', 'phone') ?? '',
      address: text('address', 'address'),
      areaName: text('areaName', 'areaName'),
      zoneSchoolId: schoolOf('zoneSchoolId', 'zoneSchoolId'),
      category,
      migrantEligible: yesNo('migrantEligible', 'migrantEligible'),
      specialNeeds,
      siblingAtSchool: yesNo('siblingAtSchool', 'siblingAtSchool'),
      familyKey: text('familyKey', 'familyKey'),
      choices,
    });
    for (const issue of checkApplicantFields(fields, checkCtx)) {
      if (bad.has(issue.field)) continue;
      const key: ColumnKey =
        issue.field === 'choices'
          ? 'choice1'
          : (issue.field as Exclude<keyof ApplicantFields, 'choices' | 'specialNeedsNote'>);
      const v = issue.field === 'choices' ? cell('choice1') : cell(key);
      sink.add(issue.message, {
        row: rowNo,
        column:
          issue.field === 'choices'
            ? '志愿学校'
            : (APPLICANT_TEMPLATE_COLUMNS.find((c) => c.key === key)?.header ??
              APPLICANT_COLUMNS[issue.field]),
        ...(v === null ? {} : { value: v }),
      });
    }
    if (fields.idNumber) {
      const first = firstRowOfId.get(fields.idNumber);
      if (first !== undefined) {
        sink.add(`与第 ${first} 行的身份证号相同：同一儿童只能填一行，请删除重复的行`, {
          row: rowNo,
          column: '身份证号',
          value: fields.idNumber,
        });
      } else firstRowOfId.set(fields.idNumber, rowNo);
    }
    if (fields.familyKey)
      familyRows.set(fields.familyKey, [...(familyRows.get(fields.familyKey) ?? []), out.length]);
    out.push({ rowNo, fields });
  }
  // A family is one lottery entry: its children must agree on zone, category, conditions, choices.
  for (const [key, idx] of familyRows) {
    const members = idx.map((i) => out[i]!);
    const problems = familyProblems(
      members.map((m, k) => ({
        id: String(k),
        zoneSchoolId: m.fields.zoneSchoolId,
        categoryId: m.fields.category,
        migrantEligible: m.fields.migrantEligible,
        siblingAtSchool: m.fields.siblingAtSchool,
        familyKey: key,
        choices: m.fields.choices,
      })),
    );
    if (problems.length > 0) {
      sink.add(`${problems[0]}（第 ${members.map((m) => m.rowNo).join('、')} 行）`, {
        row: members[1]!.rowNo,
        column: '多胞胎/同户编号',
        value: key,
      });
    }
  }
  if (out.length === 0 && errors.length === 0) {
    sink.add(`“${APPLICANT_SHEET}”工作表中没有申请人：请从第 2 行起每名儿童填一行`);
  }
  if (errors.length > 0) {
    const order = (c: string | undefined) => {
      const i = APPLICANT_TEMPLATE_COLUMNS.findIndex((x) => x.header === c);
      return i < 0 ? APPLICANT_TEMPLATE_COLUMNS.length : i;
    };
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || order(a.column) - order(b.column));
    return { rows: [], errors };
  }
  return { rows: out, errors };
}

/** One exported child (full record): what the export workbook needs. */
export interface ApplicantExportRow {
  ticket: string;
  lotteryTicket: string;
  /** 核验码 (null when the reader may not have it: a school's export). */
  secret: string | null;
  name: string;
  idNumber: string;
  gender: Gender;
  guardianName: string;
  phone: string;
  address: string | null;
  areaName: string | null;
  zoneSchoolName: string | null;
  categoryName: string;
  migrantEligible: boolean;
  specialNeeds: SpecialNeeds | null;
  siblingAtSchool: boolean;
  familyKey: string | null;
  choices: string[];
  lotteryRank: number | null;
  placementSchoolName: string | null;
  placementLabel: string | null;
}

/** The personal columns of an export and their headers in a masked one (no address at all). */
const MASKED_HEADERS: Readonly<Record<string, string | null>> = {
  姓名: '姓名（脱敏）',
  身份证号: '身份证号（脱敏）',
  监护人: '监护人（脱敏）',
  联系电话: '联系电话（脱敏）',
  居住地址: null,
};

/**
 * Writes an export of a round's applicants (the caller audits it).
 * @param opts.secrets whether the 核验码 column is written (the county's bureau, printing the
 *   families' notices); a school's export has no such column
 * @param opts.personal whether the rows carry personal data (default true); false: the rows hold
 *   the masked name, ID number, guardian and phone, the headers say so and there is no address
 *   column (a principal's export of the school's admitted list)
 */
export async function writeApplicantExport(
  title: string,
  rows: readonly ApplicantExportRow[],
  schoolNames: ReadonlyMap<string, string>,
  opts: { secrets: boolean; personal?: boolean },
): Promise<Buffer> {
  const withSecret = opts.secrets;
  const personal = opts.personal ?? true;
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'junheng';
  const ws = wb.addWorksheet(APPLICANT_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([
    personal
      ? `${title}（含学生个人信息，请妥善保管，不得外传）`
      : `${title}（脱敏名单：姓名、身份证号、监护人、电话已脱敏，不含地址）`,
  ]);
  ws.getRow(1).font = { bold: true, color: { argb: 'FFC00000' } };
  // Which of the template's columns are written, under which header (masked: see MASKED_HEADERS).
  const fieldColumns = APPLICANT_TEMPLATE_COLUMNS.filter((c) => !c.key.startsWith('choice'))
    .map((c) => ({
      key: c.key,
      header: personal || !(c.header in MASKED_HEADERS) ? c.header : MASKED_HEADERS[c.header]!,
    }))
    .filter((c): c is { key: ColumnKey; header: string } => c.header !== null);
  const headers = [
    '申请编号',
    '派位编号',
    ...(withSecret ? ['核验码'] : []),
    ...fieldColumns.map((c) => c.header),
    ...Array.from({ length: MAX_CHOICES }, (_, i) => `志愿学校${i + 1}`),
    '派位序号',
    '录取学校',
    '录取方式',
  ];
  ws.addRow(headers);
  styleHeaderRow(ws.getRow(2));
  for (const r of rows) {
    const field: Record<string, unknown> = {
      name: r.name,
      idNumber: r.idNumber,
      gender: GENDER_NAMES[r.gender],
      guardianName: r.guardianName,
      phone: r.phone,
      address: r.address,
      areaName: r.areaName,
      zoneSchoolId: r.zoneSchoolName,
      category: r.categoryName,
      migrantEligible: r.migrantEligible ? '是' : '否',
      specialNeeds: r.specialNeeds ? SPECIAL_NEEDS_NAMES[r.specialNeeds] : null,
      siblingAtSchool: r.siblingAtSchool ? '是' : '否',
      familyKey: r.familyKey,
    };
    ws.addRow([
      r.ticket,
      r.lotteryTicket,
      ...(withSecret ? [r.secret] : []),
      ...fieldColumns.map((c) => field[c.key] ?? null),
      ...Array.from({ length: MAX_CHOICES }, (_, i) =>
        r.choices[i] ? (schoolNames.get(r.choices[i]!) ?? r.choices[i]) : null,
      ),
      r.lotteryRank,
      r.placementSchoolName,
      r.placementLabel,
    ]);
  }
  const idColumn = headers.findIndex((h) => h.startsWith('身份证号')) + 1;
  ws.getColumn(idColumn).numFmt = '@';
  headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(8, Math.min(30, [...h].length * 2 + 2));
  });
  if (withSecret) ws.getColumn(headers.indexOf('核验码') + 1).width = 34;
  ws.getColumn(idColumn).width = 22;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
