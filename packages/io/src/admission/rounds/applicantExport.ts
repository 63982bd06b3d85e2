/**
 * @module The export of a round's applicants as a workbook: the template's columns plus 申请编号,
 * 派位编号, 核验码 (the county's export only), choices and placement; masked for a principal's
 * export of the school's admitted list.
 */
import {
  GENDER_NAMES,
  type Gender,
  MAX_CHOICES,
  SPECIAL_NEEDS_NAMES,
  type SpecialNeeds,
} from '@junheng/core';
import { loadExcel } from '../../platform/excel.js';
import { styleHeaderRow } from '../../reporting/template/style.js';
import { APPLICANT_SHEET, APPLICANT_TEMPLATE_COLUMNS, type ColumnKey } from './applicantColumns.js';

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
