/**
 * @module The import of a filled-in 招生申请 template, with every error located (file, sheet, row,
 * column, value) and explained with the fix. The checks are core's checkApplicantFields (the same
 * as the form), plus duplicate ID numbers and families within the file. Nothing is returned as
 * importable while any error remains.
 */
import {
  APPLICANT_COLUMNS,
  type ApplicantFields,
  checkApplicantFields,
  familyProblems,
  findCategory,
  GENDER_NAMES,
  type Gender,
  normalizeApplicant,
  SPECIAL_NEEDS,
  SPECIAL_NEEDS_NAMES,
  type SpecialNeeds,
} from '@junheng/core';
import { type CellValue, readChoice, readText, readYesNo } from '../../reporting/import/cells.js';
import { ErrorSink, type ImportError } from '../../reporting/import/errors.js';
import { isBlankRow, normalizeHeader, type SheetData, type SheetRow } from '../../reporting/import/sheet.js';
import { workbookFailure } from '../../reporting/import/workbookErrors.js';
import { findWorksheet, loadWorkbook, readWorksheet, type Workbook } from '../../reporting/import/xlsx.js';
import {
  APPLICANT_SHEET,
  APPLICANT_TEMPLATE_COLUMNS,
  type ApplicantSchoolOption,
  type ApplicantWorkbookContext,
  type ColumnKey,
} from './applicantColumns.js';

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

/** The round's schools and categories, as the reading of each row needs them. */
function roundLookups(ctx: ApplicantWorkbookContext) {
  return {
    categories: ctx.categories,
    school: schoolLookup(ctx.schools),
    config: { categories: ctx.categories, siblingPriority: false },
    checkCtx: { schoolIds: new Set(ctx.schools.map((s) => s.id)), categories: ctx.categories },
  };
}

type RoundLookups = ReturnType<typeof roundLookups>;

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
  const columns = locateColumns(sheet, sink);
  if (!columns || errors.length > 0) return { rows: [], errors };

  const out = readRows(sheet, columns, sink, roundLookups(ctx));
  if (out.length === 0 && errors.length === 0) {
    sink.add(`“${APPLICANT_SHEET}”工作表中没有申请人：请从第 2 行起每名儿童填一行`);
  }
  if (errors.length > 0) {
    sortErrors(errors);
    return { rows: [], errors };
  }
  return { rows: out, errors };
}

/** Where the template's columns are in the sheet. */
interface Columns {
  /** Index of the row of column names in the sheet's rows. */
  headerIndex: number;
  colOf: Map<ColumnKey, number>;
}

/** The row of column names and where each column is; null, with an error, when there is none. */
function locateColumns(sheet: SheetData, sink: ErrorSink): Columns | null {
  const headerIndex = sheet.rows.findIndex((r) =>
    r.cells.some((c) => typeof c === 'string' && normalizeHeader(c) === '身份证号'),
  );
  if (headerIndex < 0) {
    sink.add('找不到列名行（含“身份证号”的行）：请不要删除模板第 1 行的列名');
    return null;
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
  return { headerIndex, colOf };
}

/** Every data row below the column names, then the checks across rows (same ID, families). */
function readRows(
  sheet: SheetData,
  { headerIndex, colOf }: Columns,
  sink: ErrorSink,
  lookups: RoundLookups,
): ApplicantFileRow[] {
  const out: ApplicantFileRow[] = [];
  const firstRowOfId = new Map<string, number>();
  const familyRows = new Map<string, number[]>();

  for (const row of sheet.rows.slice(headerIndex + 1)) {
    if (isBlankRow(row)) continue;
    const rowNo = row.rowNo;
    const reader = new RowReader(row, colOf, sink, lookups.school);
    const fields = readFields(reader, lookups);
    reportFieldIssues(reader, fields, sink, lookups.checkCtx);
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
  checkFamilies(out, familyRows, sink);
  return out;
}

const headerOf = (key: ColumnKey) => APPLICANT_TEMPLATE_COLUMNS.find((c) => c.key === key)!.header;

/**
 * Reads the cells of one row. Each error is recorded at its cell, and its field is remembered so
 * that core's checks of the same field do not report it a second time.
 */
class RowReader {
  readonly bad = new Set<keyof ApplicantFields>();

  constructor(
    private readonly row: SheetRow,
    private readonly colOf: ReadonlyMap<ColumnKey, number>,
    private readonly sink: ErrorSink,
    private readonly school: (text: string) => string | undefined,
  ) {}

  get rowNo(): number {
    return this.row.rowNo;
  }

  cell(key: ColumnKey): CellValue {
    const i = this.colOf.get(key);
    return i === undefined ? null : (this.row.cells[i] ?? null);
  }

  fail(key: ColumnKey, field: keyof ApplicantFields, message: string): void {
    const v = this.cell(key);
    this.sink.add(message, { row: this.rowNo, column: headerOf(key), ...(v === null ? {} : { value: v }) });
    this.bad.add(field);
  }

  text(key: ColumnKey, field: keyof ApplicantFields): string | null {
    const r = readText(this.cell(key));
    if (!r.ok) {
      this.fail(key, field, r.message);
      return null;
    }
    return r.value;
  }

  yesNo(key: ColumnKey, field: keyof ApplicantFields): boolean {
    const r = readYesNo(this.cell(key));
    if (!r.ok) {
      this.fail(key, field, `${r.message}（空白按“否”）`);
      return false;
    }
    return r.value ?? false;
  }

  schoolOf(key: ColumnKey, field: keyof ApplicantFields): string | null {
    const t = this.text(key, field);
    if (t === null) return null;
    const id = this.school(t);
    if (!id) {
      this.fail(
        key,
        field,
        '不是本轮招生的学校：请从下拉列表选择，或填写“招生学校”工作表中的学校标识码或名称',
      );
      return null;
    }
    return id;
  }
}

/** The fields of one row, each read and checked on its own (errors recorded by the reader). */
function readFields(r: RowReader, lookups: RoundLookups): ApplicantFields {
  const idNumber = readIdNumber(r);
  const gender = readGender(r);
  const category = readCategory(r, lookups);
  const specialNeeds = readSpecialNeeds(r);
  const choices: string[] = [];
  for (const key of ['choice1', 'choice2', 'choice3'] as const) {
    const id = r.schoolOf(key, 'choices');
    if (id) choices.push(id);
  }
  return normalizeApplicant({
    name: r.text('name', 'name') ?? '',
    idNumber,
    gender,
    guardianName: r.text('guardianName', 'guardianName') ?? '',
    phone: r.text('phone', 'phone') ?? '',
    address: r.text('address', 'address'),
    areaName: r.text('areaName', 'areaName'),
    zoneSchoolId: r.schoolOf('zoneSchoolId', 'zoneSchoolId'),
    category,
    migrantEligible: r.yesNo('migrantEligible', 'migrantEligible'),
    specialNeeds,
    siblingAtSchool: r.yesNo('siblingAtSchool', 'siblingAtSchool'),
    familyKey: r.text('familyKey', 'familyKey'),
    choices,
  });
}

function readIdNumber(r: RowReader): string {
  const rawId = r.cell('idNumber');
  let idNumber = '';
  if (typeof rawId === 'number') {
    r.fail(
      'idNumber',
      'idNumber',
      '单元格是数值格式，18 位号码的末几位已丢失：请把该列设为“文本”格式后重新录入',
    );
  } else idNumber = r.text('idNumber', 'idNumber') ?? '';
  return idNumber;
}

function readGender(r: RowReader): Gender | null {
  let gender: Gender | null = null;
  const g = readChoice(r.cell('gender'), GENDERS, ['男', '女']);
  if (!g.ok) r.fail('gender', 'gender', g.message);
  else gender = g.value;
  return gender;
}

/** The id of the round's category named in the row; empty when it is not one. */
function readCategory(r: RowReader, lookups: RoundLookups): string {
  let category = '';
  const catText = r.text('category', 'category');
  if (catText === null) {
    if (!r.bad.has('category'))
      r.fail(
        'category',
        'category',
        `不能为空：请选择 ${lookups.categories.map((c) => c.name).join('、')} 之一`,
      );
  } else {
    const c = findCategory(lookups.config, catText);
    if (!c)
      r.fail(
        'category',
        'category',
        `不是本轮的招生类别：应为 ${lookups.categories.map((x) => x.name).join('、')} 之一`,
      );
    else category = c.id;
  }
  return category;
}

function readSpecialNeeds(r: RowReader): SpecialNeeds | null {
  let specialNeeds: SpecialNeeds | null = null;
  const n = readChoice(
    r.cell('specialNeeds'),
    NEEDS,
    SPECIAL_NEEDS.map((s) => SPECIAL_NEEDS_NAMES[s]),
  );
  if (!n.ok) r.fail('specialNeeds', 'specialNeeds', `${n.message}；没有特殊需要的留空`);
  else specialNeeds = n.value;
  return specialNeeds;
}

/** Core's checks of the whole row (the form's), at their columns, skipping fields already wrong. */
function reportFieldIssues(
  r: RowReader,
  fields: ApplicantFields,
  sink: ErrorSink,
  checkCtx: RoundLookups['checkCtx'],
): void {
  for (const issue of checkApplicantFields(fields, checkCtx)) {
    if (r.bad.has(issue.field)) continue;
    const key: ColumnKey =
      issue.field === 'choices'
        ? 'choice1'
        : (issue.field as Exclude<keyof ApplicantFields, 'choices' | 'specialNeedsNote'>);
    const v = issue.field === 'choices' ? r.cell('choice1') : r.cell(key);
    sink.add(issue.message, {
      row: r.rowNo,
      column:
        issue.field === 'choices'
          ? '志愿学校'
          : (APPLICANT_TEMPLATE_COLUMNS.find((c) => c.key === key)?.header ?? APPLICANT_COLUMNS[issue.field]),
      ...(v === null ? {} : { value: v }),
    });
  }
}

/** A family is one lottery entry: its children must agree on zone, category, conditions, choices. */
function checkFamilies(
  out: readonly ApplicantFileRow[],
  familyRows: ReadonlyMap<string, number[]>,
  sink: ErrorSink,
): void {
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
}

/** Errors by row, and within a row in the order of the template's columns. */
function sortErrors(errors: ImportError[]): void {
  const order = (c: string | undefined) => {
    const i = APPLICANT_TEMPLATE_COLUMNS.findIndex((x) => x.header === c);
    return i < 0 ? APPLICANT_TEMPLATE_COLUMNS.length : i;
  };
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || order(a.column) - order(b.column));
}
