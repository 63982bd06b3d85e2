/**
 * @module One row of 学校基本情况 (one school, one stage) read into typed values, with every
 * cell checked by the shared rules of @junheng/core. Rows are merged into schools elsewhere.
 */
import {
  checkAmount,
  checkCount,
  checkNumber,
  checkRegionCode,
  checkSchoolId,
  checkSeniorStudentsType,
  checkStageOfType,
  checkTeacherSubset,
  type Facilities,
  type Locality,
  type Num,
  numberFieldInfo,
  type RuleResult,
  type SchoolType,
  type Stage,
  type StageNumberField,
  TEACHER_SUBSETS,
} from '@junheng/core';
import {
  type ColumnSpec,
  LOCALITY_BY_NAME,
  SCHOOL_COLUMNS,
  SCHOOL_TYPE_BY_NAME,
  SCOPE_SPLIT,
  SCOPE_WHOLE,
  STAGE_BY_NAME,
} from '../../platform/columns.js';
import { type CellValue, type Read, readChoice, readNumber, readText, readYesNo } from './cells.js';
import type { ErrorSink } from './errors.js';
import type { SheetRow } from './sheet.js';
import { scaleValue } from './units.js';

export type FacilityScope = 'split' | 'whole';

/** The values of one row; null = blank or unreadable (then `bad` is set and an error recorded). */
export interface ParsedRow {
  rowNo: number;
  /** Some cell of this row has an error. */
  bad: boolean;
  id: string | null;
  name: string | null;
  type: SchoolType | null;
  regionCode: string | null;
  locality: Locality | null;
  stage: Stage | null;
  scope: FacilityScope | null;
  seniorStudents: Num;
  meetsProvincialStandard: boolean | null;
  numbers: Record<StageNumberField, Num>;
  facilities: Facilities;
}

/** Keys of ParsedRow a column can fill, used to find a column's header for messages. */
export type RowKey =
  | Exclude<keyof ParsedRow, 'rowNo' | 'bad' | 'numbers' | 'facilities'>
  | StageNumberField
  | keyof Facilities;

/** Key of the ParsedRow value a column fills. */
export function rowKeyOf(spec: ColumnSpec): RowKey {
  return spec.target.on === 'scope' ? 'scope' : spec.target.field;
}

/** Header (with unit) of the column that fills a key. */
export const HEADER_OF = new Map<RowKey, string>(SCHOOL_COLUMNS.map((c) => [rowKeyOf(c), c.header]));

const STAGE_COLUMN = SCHOOL_COLUMNS.findIndex((c) => rowKeyOf(c) === 'stage');

const SCOPE_BY_NAME = new Map<string, FacilityScope>([
  [SCOPE_SPLIT, 'split'],
  [SCOPE_WHOLE, 'whole'],
  ['全校', 'whole'],
  ['合计', 'whole'],
]);

function readCell(spec: ColumnSpec, cell: CellValue): Read<unknown> {
  switch (spec.type) {
    case 'text':
      return readText(cell);
    case 'int':
    case 'number':
      return readNumber(cell);
    case 'yesno':
      return readYesNo(cell);
    case 'enum': {
      const options = spec.options ?? [];
      const t = spec.target;
      if (t.on === 'scope') return readChoice(cell, SCOPE_BY_NAME, options);
      if (t.on === 'stage') return readChoice(cell, STAGE_BY_NAME, options);
      if (t.field === 'type') return readChoice(cell, SCHOOL_TYPE_BY_NAME, options);
      return readChoice(cell, LOCALITY_BY_NAME, options);
    }
  }
}

/** The shared single-value rule for a column, applied after the cell was read. */
function ruleFor(spec: ColumnSpec, value: unknown): RuleResult {
  if (value === null) return undefined;
  // The field's plausible bound (core FieldInfo.max) as well as its kind.
  const info = 'field' in spec.target ? numberFieldInfo(spec.target.field) : undefined;
  if ((spec.type === 'int' || spec.type === 'number') && info) return checkNumber(value, info);
  if (spec.type === 'int') return checkCount(value);
  if (spec.type === 'number') return checkAmount(value);
  if (spec.target.on === 'school' && spec.target.field === 'id') return checkSchoolId(value);
  if (spec.target.on === 'school' && spec.target.field === 'regionCode') return checkRegionCode(value);
  return undefined;
}

function emptyRow(rowNo: number): ParsedRow {
  return {
    rowNo,
    bad: false,
    id: null,
    name: null,
    type: null,
    regionCode: null,
    locality: null,
    stage: null,
    scope: null,
    seniorStudents: null,
    meetsProvincialStandard: null,
    numbers: {
      students: null,
      classes: null,
      maxClassSize: null,
      fullTimeTeachers: null,
      aboveDegreeTeachers: null,
      midTitleTeachers: null,
      backboneTeachers: null,
      peArtsTeachers: null,
    },
    facilities: {
      teachingSpace: null,
      sportsSpace: null,
      equipmentValue: null,
      multimediaRooms: null,
      computers: null,
      books: null,
      musicRooms: null,
      artRooms: null,
    },
  };
}

/** Put a read value where its column says; the value's type follows from the column's type. */
function store(p: ParsedRow, spec: ColumnSpec, value: unknown): void {
  const t = spec.target;
  switch (t.on) {
    case 'scope':
      p.scope = value as FacilityScope;
      return;
    case 'facility':
      p.facilities[t.field] = value as number;
      return;
    case 'stage':
      if (t.field === 'stage') p.stage = value as Stage;
      else p.numbers[t.field] = value as number;
      return;
    case 'school':
      switch (t.field) {
        case 'type':
          p.type = value as SchoolType;
          return;
        case 'locality':
          p.locality = value as Locality;
          return;
        case 'seniorStudents':
          p.seniorStudents = value as number;
          return;
        case 'meetsProvincialStandard':
          p.meetsProvincialStandard = value as boolean;
          return;
        default:
          p[t.field] = value as string;
      }
  }
}

/**
 * Read one data row.
 * @param row the sheet row
 * @param columnIndex for each entry of SCHOOL_COLUMNS, its index in the sheet or -1 (column absent)
 * @param sink where cell errors go (with this row's number and the column header)
 * @param scale for each entry of SCHOOL_COLUMNS, the factor its numbers are multiplied by (万元 → 元)
 */
export function parseSchoolRow(
  row: SheetRow,
  columnIndex: readonly number[],
  sink: ErrorSink,
  scale?: readonly number[],
): ParsedRow {
  const p = emptyRow(row.rowNo);
  const fail = (message: string, column: string, value: unknown) => {
    p.bad = true;
    sink.add(message, { row: row.rowNo, column, value: value ?? undefined });
  };
  for (let k = 0; k < SCHOOL_COLUMNS.length; k++) {
    const col = columnIndex[k];
    if (col < 0) continue;
    const spec = SCHOOL_COLUMNS[k];
    const cell = row.cells[col] ?? null;
    const read = readCell(spec, cell);
    if (!read.ok) {
      fail(read.message, spec.header, cell);
      continue;
    }
    if (read.value === null) {
      if (spec.required) fail(`必填，不能为空：${spec.help}`, spec.header, undefined);
      continue;
    }
    const factor = scale?.[k] ?? 1;
    const value = typeof read.value === 'number' ? scaleValue(read.value, factor) : read.value;
    const why = ruleFor(spec, value);
    if (why) fail(why, spec.header, cell);
    else store(p, spec, value);
  }

  // Rules across cells of the same row.
  const fullTime = p.numbers.fullTimeTeachers;
  for (const field of TEACHER_SUBSETS) {
    const why = checkTeacherSubset(p.numbers[field], fullTime);
    if (why) fail(why, HEADER_OF.get(field)!, p.numbers[field]);
  }
  if (p.type !== null && p.stage !== null) {
    const why = checkStageOfType(p.type, p.stage);
    if (why) fail(why, HEADER_OF.get('stage')!, row.cells[columnIndex[STAGE_COLUMN]]);
  }
  if (p.type !== null) {
    const why = checkSeniorStudentsType(p.type, p.seniorStudents);
    if (why) fail(why, HEADER_OF.get('seniorStudents')!, p.seniorStudents);
  }
  return p;
}
