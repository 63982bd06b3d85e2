/**
 * @module The 学校基本情况 sheet: headers from the column table, validations, the example row
 * (template) or a dataset's rows (one per school and stage).
 */
import {
  type CountyDataset,
  LOCALITY_NAMES,
  SCHOOL_TYPE_NAMES,
  type School,
  STAGE_NAMES,
  type StageReport,
  TYPES_WITH_SENIOR,
} from '@junheng/core';
import type ExcelJS from 'exceljs';
import {
  type ColumnSpec,
  EXAMPLE_MARKER,
  NO,
  SCHOOL_COLUMNS,
  SCOPE_SPLIT,
  SCOPE_WHOLE,
  SHEETS,
  YES,
} from '../../platform/columns.js';
import { columnLetter } from '../import/sheet.js';
import { addValidation, EXAMPLE_FONT, listRule, REQUIRED_FONT, styleHeaderRow } from './style.js';

type Cell = string | number | null;

/** A 乡镇中心小学 much like the one in design.md (1394 students, 37 classes, 47,800 books). */
const EXAMPLE: Record<string, Cell> = {
  学校标识码: EXAMPLE_MARKER,
  学校名称: '某某镇中心小学',
  学校类型: SCHOOL_TYPE_NAMES.primary,
  学段: STAGE_NAMES.primary,
  行政区划代码: '130123',
  城乡类型: LOCALITY_NAMES.town,
  在校生数: 1394,
  班级数: 37,
  最大班额: 45,
  专任教师数: 96,
  高于规定学历教师数: 90,
  中级及以上职称教师数: 58,
  县级以上骨干教师数: 12,
  体育艺术专任教师数: 11,
  设施口径: SCOPE_SPLIT,
  教学及辅助用房面积: 6420.5,
  体育运动场馆面积: 10800,
  教学仪器设备值: 2868000,
  网络多媒体教室数: 37,
  计算机台数: 120,
  图书册数: 47800,
  音乐专用教室数: 2,
  美术专用教室数: 2,
  高中部在校生数: null,
  达到省定办学基本标准: YES,
};

function cellOf(spec: ColumnSpec, school: School, report: StageReport): Cell {
  const t = spec.target;
  switch (t.on) {
    case 'scope':
      return school.sharedFacilities ? SCOPE_WHOLE : SCOPE_SPLIT;
    case 'facility':
      return school.sharedFacilities ? school.sharedFacilities[t.field] : (report[t.field] ?? null);
    case 'stage':
      return t.field === 'stage' ? STAGE_NAMES[report.stage] : report[t.field];
    case 'school':
      switch (t.field) {
        case 'type':
          return SCHOOL_TYPE_NAMES[school.type];
        case 'locality':
          return LOCALITY_NAMES[school.locality];
        case 'meetsProvincialStandard':
          return school.meetsProvincialStandard == null ? null : school.meetsProvincialStandard ? YES : NO;
        case 'seniorStudents':
          return TYPES_WITH_SENIOR.includes(school.type) ? (school.seniorStudents ?? null) : null;
        default:
          return school[t.field];
      }
  }
}

/**
 * The sheet's rows for a dataset: one per school and stage. Whole-school (全校合计) facilities
 * are written on every row of the school, which the importer accepts as equal values.
 */
export function datasetRows(ds: CountyDataset): Cell[][] {
  const rows: Cell[][] = [];
  for (const school of ds.schools) {
    for (const report of school.stages) rows.push(SCHOOL_COLUMNS.map((spec) => cellOf(spec, school, report)));
  }
  return rows;
}

/** Text columns stay text so a typed 学校标识码 keeps its digits; numbers show separators. */
const NUMBER_FORMAT: Record<ColumnSpec['type'], string> = {
  text: '@',
  int: '#,##0',
  number: '#,##0.00',
  enum: 'General',
  yesno: 'General',
};

function validationFor(spec: ColumnSpec): ExcelJS.DataValidation | undefined {
  if (spec.options) return listRule(spec.options, `${spec.name}：请从下拉列表选择`);
  if (spec.type === 'int') {
    return {
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      error: `${spec.name}：请填写不小于 0 的整数`,
    };
  }
  if (spec.type === 'number') {
    return {
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      error: `${spec.name}：请填写不小于 0 的数`,
    };
  }
  if (spec.target.on === 'school' && spec.target.field === 'id') {
    return { type: 'textLength', operator: 'equal', formulae: [10], error: '学校标识码应为 10 位数字' };
  }
  if (spec.target.on === 'school' && spec.target.field === 'regionCode') {
    return { type: 'textLength', operator: 'equal', formulae: [6], error: '行政区划代码应为 6 位数字' };
  }
  return undefined;
}

/**
 * Add the schools sheet.
 * @param wb the workbook
 * @param ds the dataset to fill in, or undefined for the blank template with its example row
 */
export function addSchoolsSheet(wb: ExcelJS.Workbook, ds?: CountyDataset): void {
  const ws = wb.addWorksheet(SHEETS.schools, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.columns = SCHOOL_COLUMNS.map((spec) => ({
    header: spec.header,
    width: spec.width,
    style: { numFmt: NUMBER_FORMAT[spec.type] },
  }));
  const header = ws.getRow(1);
  styleHeaderRow(header, 36);
  SCHOOL_COLUMNS.forEach((spec, k) => {
    const cell = header.getCell(k + 1);
    if (spec.required) cell.font = REQUIRED_FONT;
    cell.note = `${spec.help}${spec.required ? '（必填）' : ''}`;
  });

  const rows = ds ? datasetRows(ds) : [SCHOOL_COLUMNS.map((spec) => EXAMPLE[spec.name] ?? null)];
  ws.addRows(rows);
  if (!ds) {
    const example = ws.getRow(2);
    example.font = EXAMPLE_FONT;
    example.getCell(1).note =
      `示例行：学校标识码以“${EXAMPLE_MARKER}”开头的行导入时自动跳过，可直接覆盖或删除`;
  }

  const lastRow = Math.max(1000, rows.length + 500) + 1;
  SCHOOL_COLUMNS.forEach((spec, k) => {
    const rule = validationFor(spec);
    const letter = columnLetter(k);
    if (rule) addValidation(ws, `${letter}2:${letter}${lastRow}`, rule);
  });
}
