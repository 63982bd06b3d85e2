/**
 * @module 学校基本情况 (xlsx sheet or CSV) → School[]: header matching, row reading, and merging
 * the rows of one school (one per stage) with the checks that need several rows — same name,
 * no repeated stage, and equal whole-school (全校合计) facility values.
 */
import {
  duplicateStageMessage,
  FACILITY_FIELDS,
  type Facilities,
  LOCALITY_NAMES,
  SCHOOL_TYPE_NAMES,
  type School,
  STAGE_NAMES,
  type StageReport,
  schoolNameConflictMessage,
  TYPES_WITH_SENIOR,
} from '@junheng/core';
import {
  type ColumnSpec,
  EXAMPLE_MARKER,
  SCHOOL_COLUMNS,
  SCOPE_SPLIT,
  SCOPE_WHOLE,
} from '../../platform/columns.js';
import { isBlank } from './cells.js';
import { ErrorSink, type ImportError } from './errors.js';
import { HEADER_OF, type ParsedRow, parseSchoolRow, type RowKey } from './school-rows.js';
import {
  columnLetter,
  findHeaderRow,
  headerText,
  headerUnit,
  isBlankRow,
  matchHeaders,
  normalizeHeader,
  type SheetData,
} from './sheet.js';
import { unitFactor } from './units.js';

export interface SchoolsRead {
  /** Schools built from the rows without errors (all rows when there is no error). */
  schools: School[];
  errors: ImportError[];
  /** Rows and schools left out (only filled when allowIncomplete). */
  skipped: string[];
  warnings: string[];
  /** The sheet cannot be read at all (no header, missing or repeated columns). */
  fatal: boolean;
}

/** The header of the template most like an unknown one, to suggest a fix. */
function closestHeader(text: string): string {
  const key = normalizeHeader(text);
  let best = SCHOOL_COLUMNS[0].header;
  let bestScore = 0;
  for (const c of SCHOOL_COLUMNS) {
    let score = 0;
    for (const ch of new Set(c.name)) if (key.includes(ch)) score++;
    if (score > bestScore) {
      best = c.header;
      bestScore = score;
    }
  }
  return best;
}

function display(key: RowKey, value: unknown): string {
  if (key === 'type') return SCHOOL_TYPE_NAMES[value as keyof typeof SCHOOL_TYPE_NAMES];
  if (key === 'locality') return LOCALITY_NAMES[value as keyof typeof LOCALITY_NAMES];
  if (key === 'scope') return value === 'whole' ? SCOPE_WHOLE : SCOPE_SPLIT;
  if (key === 'meetsProvincialStandard') return value ? '是' : '否';
  return String(value);
}

type Same =
  | 'name'
  | 'type'
  | 'regionCode'
  | 'locality'
  | 'scope'
  | 'seniorStudents'
  | 'meetsProvincialStandard';
const SAME_ON_EVERY_ROW: readonly Same[] = ['name', 'type', 'regionCode', 'locality'];
const ONE_ROW_ENOUGH: readonly Same[] = ['scope', 'seniorStudents', 'meetsProvincialStandard'];

interface Group {
  id: string;
  rows: ParsedRow[];
  /** Rows contradict each other: which one is right is unknown, so the school is dropped. */
  conflict: boolean;
}

/** Checks of a new row against the rows already seen for the same 学校标识码. */
function checkAgainstGroup(g: Group, p: ParsedRow, sink: ErrorSink): void {
  const conflict = (key: RowKey, message: string, value: unknown) => {
    g.conflict = true;
    sink.add(message, { row: p.rowNo, column: HEADER_OF.get(key), value });
  };
  for (const key of [...SAME_ON_EVERY_ROW, ...ONE_ROW_ENOUGH]) {
    const mine = p[key];
    if (mine === null) continue;
    const first = g.rows.find((r) => r[key] !== null);
    if (!first || first[key] === mine) continue;
    const firstWhere = `第 ${first.rowNo} 行`;
    if (key === 'name') {
      conflict(key, schoolNameConflictMessage(first.name!, firstWhere), mine);
    } else if (SAME_ON_EVERY_ROW.includes(key)) {
      conflict(
        key,
        `与${firstWhere}的“${display(key, first[key])}”不一致：同一学校各行的此项应相同，请统一`,
        display(key, mine),
      );
    } else {
      conflict(
        key,
        `与${firstWhere}的“${display(key, first[key])}”不一致：同一学校的此项只需在一行填写，或各行填写相同的值`,
        display(key, mine),
      );
    }
  }
  if (p.stage !== null) {
    const dup = g.rows.find((r) => r.stage === p.stage);
    if (dup) conflict('stage', duplicateStageMessage(p.stage, `第 ${dup.rowNo} 行`), STAGE_NAMES[p.stage]);
  }
}

/**
 * With 全校合计 each facility cell holds the whole-school total: equal on every row, or filled on
 * one row only. Returns the merged totals (null where no row has a value); with a sink, unequal
 * values are reported and mark the group as conflicting.
 */
function mergeWholeSchool(g: Group, rows: readonly ParsedRow[], sink: ErrorSink | null): Facilities {
  const merged = {} as Facilities;
  for (const field of FACILITY_FIELDS) {
    let filledAt: ParsedRow | undefined;
    merged[field] = null;
    for (const r of rows) {
      const v = r.facilities[field];
      if (v === null) continue;
      if (!filledAt) {
        filledAt = r;
        merged[field] = v;
      } else if (v !== merged[field] && sink) {
        g.conflict = true;
        sink.add(
          `与第 ${filledAt.rowNo} 行的 ${merged[field]} 不一致：设施口径为“全校合计”时各行填写的都是全校合计数，` +
            '应完全相同；也可以只在其中一行填写、其他行留空',
          { row: r.rowNo, column: HEADER_OF.get(field), value: v },
        );
      }
    }
  }
  return merged;
}

function firstFilled<K extends 'seniorStudents' | 'meetsProvincialStandard' | 'scope'>(
  rows: readonly ParsedRow[],
  key: K,
): ParsedRow[K] {
  for (const r of rows) if (r[key] !== null) return r[key];
  return null as ParsedRow[K];
}

function stageReport(r: ParsedRow, withFacilities: boolean): StageReport {
  const report: StageReport = { stage: r.stage!, ...r.numbers };
  return withFacilities ? { ...report, ...r.facilities } : report;
}

/** Build the school from its rows; key order follows the model so JSON output reads naturally. */
function buildSchool(g: Group, kept: readonly ParsedRow[], whole: boolean, warnings: string[]): School {
  const first = kept[0];
  const type = first.type!;
  const withSenior = TYPES_WITH_SENIOR.includes(type);
  const school: School = {
    id: g.id,
    name: first.name!,
    type,
    regionCode: first.regionCode!,
    locality: first.locality!,
    ...(withSenior ? { seniorStudents: firstFilled(kept, 'seniorStudents') } : {}),
    ...(whole ? { sharedFacilities: mergeWholeSchool(g, kept, null) } : {}),
    meetsProvincialStandard: firstFilled(kept, 'meetsProvincialStandard'),
    stages: kept.map((r) => stageReport(r, !whole)),
  };
  if (whole && withSenior && school.seniorStudents === null) {
    warnings.push(
      `第 ${first.rowNo} 行 ${school.name}：按全校合计填报设施但未填高中部在校生数，全校设施无法扣除高中部分，请补填`,
    );
  }
  return school;
}

/** The header row's position, each column's index (-1 = absent) and its unit factor (万元 → ×10000). */
interface Columns {
  headerAt: number;
  index: number[];
  scale: number[];
}

/**
 * Find the header row and match its columns. Unknown columns are errors (a misspelt header
 * would silently empty a column) unless allowIncomplete; missing optional ones are warnings.
 * A header that states a unit must state the template's (or a synonym); 万元 in a 元 column is
 * converted, any other unit is an error and the column is not read.
 * @returns the columns, or undefined if fatal
 */
function matchColumns(
  sheet: SheetData,
  file: string,
  allowIncomplete: boolean,
  sink: ErrorSink,
  result: SchoolsRead,
): Columns | undefined {
  const headerAt = findHeaderRow(sheet, SCHOOL_COLUMNS[0].name);
  if (headerAt < 0) {
    sink.add(
      '找不到表头行：表头应包含“学校标识码”“学校名称”“学段”等列名，请使用 junheng template 生成的模板填写',
    );
    return undefined;
  }
  const headerRow = sheet.rows[headerAt];
  const match = matchHeaders(
    headerRow.cells,
    SCHOOL_COLUMNS.map((c) => [c.header, c.name, ...(c.aliases ?? [])]),
  );
  let fatal = false;
  for (const d of match.duplicates) {
    sink.add('该列重复出现：请删除多余的一列', { row: headerRow.rowNo, column: d.text });
    fatal = true;
  }
  for (const u of match.unknown) {
    const letter = columnLetter(u.col);
    if (allowIncomplete) {
      result.skipped.push(`已忽略无法识别的列“${u.text}”（${letter} 列）`);
      continue;
    }
    sink.add(
      `无法识别的列名（${letter} 列）：请改为模板中的列名（是否应为“${closestHeader(u.text)}”？）；` +
        '不需要导入的列请删除，或把列名改为以“备注”开头',
      { row: headerRow.rowNo, column: u.text },
    );
  }
  const where = sheet.name ?? file;
  const scale = SCHOOL_COLUMNS.map(() => 1);
  const wrongUnit = new Set<number>();
  SCHOOL_COLUMNS.forEach((c, k) => {
    const at = match.index[k];
    if (at < 0 || c.unit === '') return;
    const text = headerText(headerRow.cells[at]);
    const stated = headerUnit(text);
    if (stated === undefined) return;
    const letter = columnLetter(at);
    const factor = unitFactor(c.unit, stated);
    if (factor === undefined) {
      sink.add(
        `列名中的单位“${stated}”与模板不符（${letter} 列）：“${c.name}”应以“${c.unit}”为单位填写。` +
          `请把该列数值换算为${c.unit}，并把列名改为“${c.header}”`,
        { row: headerRow.rowNo, column: text },
      );
      // Values in another unit would be taken for the template's: the column is not read.
      match.index[k] = -1;
      wrongUnit.add(k);
      if (c.required) fatal = true;
      else if (allowIncomplete)
        result.skipped.push(`已忽略单位有误的列“${text}”（${letter} 列）：该项全部按未填报处理`);
      return;
    }
    if (factor !== 1) {
      scale[k] = factor;
      result.warnings.push(
        `${where} “${text}”（${letter} 列）按${stated}填写：导入时已乘以 ${factor} 换算为${c.unit}` +
          `（如 150 ${stated}记为 ${150 * factor} ${c.unit}）；如果该列实际填的是${c.unit}，请把列名改为“${c.header}”`,
      );
    }
  });
  SCHOOL_COLUMNS.forEach((c, k) => {
    if (match.index[k] >= 0 || wrongUnit.has(k)) return;
    if (c.required) {
      sink.add(`缺少必填列“${c.header}”：请从模板复制该列（${c.help}）`, { row: headerRow.rowNo });
      fatal = true;
    } else {
      result.warnings.push(`${where} 缺少列“${c.header}”：该项全部按未填报处理`);
    }
  });
  return fatal ? undefined : { headerAt, index: match.index, scale };
}

/**
 * Read the data rows and group them by 学校标识码, checking each row against the earlier rows
 * of its school. Blank rows and example rows (学校标识码 “示例…”) are skipped.
 * @returns the groups in order of first appearance, and the rows without a usable id
 */
function groupRows(
  sheet: SheetData,
  { headerAt, index, scale }: Columns,
  sink: ErrorSink,
): { groups: Map<string, Group>; orphans: ParsedRow[] } {
  const idColumn = index[0];
  const groups = new Map<string, Group>();
  const orphans: ParsedRow[] = [];
  for (let r = headerAt + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (isBlankRow(row)) continue;
    const idCell = row.cells[idColumn];
    if (typeof idCell === 'string' && idCell.trim().startsWith(EXAMPLE_MARKER)) continue;
    const p = parseSchoolRow(row, index, sink, scale);
    if (p.id === null) {
      orphans.push(p);
      continue;
    }
    const g = groups.get(p.id);
    if (g) {
      checkAgainstGroup(g, p, sink);
      g.rows.push(p);
    } else {
      groups.set(p.id, { id: p.id, rows: [p], conflict: false });
    }
  }
  return { groups, orphans };
}

/**
 * Merged cells in number columns: exceljs gives every cell of a merged block the top-left value,
 * so a facility merged over a school's two rows would be counted for both stages. Each block is
 * one error, and its rows are marked bad (left out with allowIncomplete). Merged text cells (the
 * school's id, name, type…) hold the same value on every row, which is what they mean: allowed.
 */
function checkMergedNumbers(
  sheet: SheetData,
  columns: Columns,
  groups: ReadonlyMap<string, Group>,
  orphans: readonly ParsedRow[],
  sink: ErrorSink,
): void {
  if (!sheet.merges) return;
  const numberColumns = new Map<number, ColumnSpec>();
  SCHOOL_COLUMNS.forEach((c, k) => {
    if ((c.type === 'int' || c.type === 'number') && columns.index[k] >= 0)
      numberColumns.set(columns.index[k], c);
  });
  const rowOf = new Map<number, { row: ParsedRow; group?: Group }>();
  for (const p of orphans) rowOf.set(p.rowNo, { row: p });
  for (const g of groups.values()) for (const p of g.rows) rowOf.set(p.rowNo, { row: p, group: g });
  const firstDataRow = sheet.rows[columns.headerAt].rowNo + 1;

  for (const m of sheet.merges) {
    const top = Math.max(m.top, firstDataRow);
    if (m.bottom < top) continue;
    const specs: ColumnSpec[] = [];
    for (let c = m.left; c <= m.right; c++) {
      const spec = numberColumns.get(c);
      if (spec) specs.push(spec);
    }
    if (specs.length === 0) continue;
    const value = sheet.rows.find((r) => r.rowNo === m.top)?.cells[m.left] ?? null;
    if (isBlank(value)) continue;
    const hit: { row: ParsedRow; group?: Group }[] = [];
    for (let r = top; r <= m.bottom; r++) {
      const found = rowOf.get(r);
      if (found) hit.push(found);
    }
    if (hit.length === 0) continue;
    for (const h of hit) h.row.bad = true;
    const address = `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`;
    const rows = m.top === m.bottom ? `第 ${m.top} 行` : `第 ${m.top}—${m.bottom} 行`;
    const whole = hit.some((h) => h.group && firstFilled(h.group.rows, 'scope') === 'whole');
    let fix: string;
    if (m.top === m.bottom) {
      fix = '请取消合并，在每一列分别填写该项的数值';
    } else if (specs.every((c) => c.target.on === 'facility') && whole) {
      fix =
        '该校设施口径为“全校合计”：请取消合并，在每一行填写相同的全校合计数（也可以只在其中一行填写、其他行留空）';
    } else if (specs.every((c) => c.target.on === 'school')) {
      fix = '此项是全校的数：请取消合并，在每一行填写相同的值（也可以只在其中一行填写、其他行留空）';
    } else {
      fix = '请取消合并，在每一行分别填写该行学段的数值';
    }
    sink.add(
      `合并单元格（${rows}，${address}）：数值列不能合并单元格，否则合并范围内每一行都会读到同一个数，数值被重复计算。${fix}`,
      { row: top, column: specs.map((c) => c.header).join('、'), value },
    );
  }
}

/**
 * Read the schools sheet.
 * @param sheet rows of the sheet (xlsx) or the CSV file
 * @param file file name for error messages
 * @param allowIncomplete keep going past row errors: bad rows are dropped and listed in `skipped`
 */
export function readSchoolsSheet(sheet: SheetData, file: string, allowIncomplete: boolean): SchoolsRead {
  const sink = new ErrorSink(file, sheet.name);
  const result: SchoolsRead = { schools: [], errors: sink.errors, skipped: [], warnings: [], fatal: false };
  const columns = matchColumns(sheet, file, allowIncomplete, sink, result);
  if (!columns) {
    result.fatal = true;
    return result;
  }
  const { groups, orphans } = groupRows(sheet, columns, sink);
  checkMergedNumbers(sheet, columns, groups, orphans, sink);
  if (groups.size === 0 && orphans.length === 0) {
    sink.add('没有学校数据：请在表头下方每所学校每个学段填一行（示例行会被跳过）');
    result.fatal = true;
    return result;
  }

  // Lines for `skipped` are only written when the caller keeps going past errors.
  const skip = (line: string) => {
    if (allowIncomplete) result.skipped.push(line);
  };
  for (const p of orphans) skip(`第 ${p.rowNo} 行：学校标识码缺失或有误，已跳过`);
  for (const g of groups.values()) {
    const name = g.rows.find((r) => r.name !== null)?.name ?? '';
    // Unequal 全校合计 values are looked for on every row, errors or not, so all are reported at once.
    const whole = firstFilled(g.rows, 'scope') === 'whole';
    if (whole) mergeWholeSchool(g, g.rows, sink);
    if (g.conflict) {
      const rows = g.rows.map((r) => r.rowNo).join('、');
      skip(`学校“${name}”（${g.id}，第 ${rows} 行）：各行数据互相矛盾，整校已跳过`);
      continue;
    }
    const kept = g.rows.filter((r) => !r.bad);
    const rest =
      kept.length > 0
        ? `该校仅保留${kept.map((k) => STAGE_NAMES[k.stage!]).join('、')}学段数据`
        : '该校没有其他可用的学段，整校未纳入';
    for (const r of g.rows) {
      if (r.bad)
        skip(
          `第 ${r.rowNo} 行（${name}${r.stage ? ` ${STAGE_NAMES[r.stage]}` : ''}）有错误，已跳过；${rest}`,
        );
    }
    if (kept.length > 0) result.schools.push(buildSchool(g, kept, whole, result.warnings));
  }
  return result;
}
