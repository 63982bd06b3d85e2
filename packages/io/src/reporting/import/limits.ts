/**
 * @module How many rows a worksheet of each kind of import may have: what the import can mean,
 * with room to spare. A county has hundreds of schools, an admission round tens of thousands of
 * children; a sheet far beyond that is a mistake (a wrong file, a sheet of blank formatted rows)
 * or an attack, and is refused before it is parsed rather than after minutes of work.
 */
import type { ImportError } from './errors.js';

/** The kinds of import, each with its row cap per worksheet and the name the user knows. */
export const IMPORT_ROW_CAPS = {
  /** 学校数据 (schools × 学段, county info, county items). */
  dataset: { label: '学校数据', rows: 5_000 },
  /** 县域信息 / 县级指标 file. */
  countyFile: { label: '县级指标', rows: 1_000 },
  /** 招生申请名单: one row per child of one county's round. */
  applicants: { label: '招生申请名单', rows: 60_000 },
  /** 学校计划 of an admission round. */
  admissionPlan: { label: '学校计划', rows: 2_000 },
  /** 初中学校名单 for 指标到校. */
  quotaSchools: { label: '学校名单', rows: 2_000 },
  /** 新生名单 of one school's grade (the class placement caps entrants at 3000). */
  entrants: { label: '新生名单', rows: 3_000 },
  /** 派位名单 (a draw takes at most 200 000 entries). */
  lottery: { label: '派位名单', rows: 200_000 },
  /** 小区/村 of a county's zoning. */
  zoning: { label: '小区村名单', rows: 20_000 },
} as const;

export type ImportKind = keyof typeof IMPORT_ROW_CAPS;

/** Title and header rows a sheet may have besides its data rows. */
export const HEADER_ROWS = 10;

/**
 * The Chinese refusal of a sheet with too many rows, naming the cap.
 * @param where the sheet as the user knows it, e.g. 工作表“学校基本情况” or 文件“学校.csv”
 * @param rows its filled rows
 */
export function tooManyRows(kind: ImportKind, where: string, rows: number): { problem: string; fix: string } {
  const cap = IMPORT_ROW_CAPS[kind];
  return {
    problem: `${where}有 ${rows} 行数据，超过${cap.label}每个工作表 ${cap.rows} 行的上限`,
    fix: '请删除多余的行（包括只设了格式的空行），或分成几个文件分别导入',
  };
}

/**
 * The refusal of a CSV file with more rows than the import allows, or undefined.
 * @param records the parsed records (blank ones are not counted)
 */
export function csvRowCapError(
  records: readonly (readonly string[])[],
  kind: ImportKind,
  file: string,
): ImportError | undefined {
  let rows = 0;
  for (const r of records) if (r.some((c) => c.trim() !== '')) rows++;
  if (rows <= IMPORT_ROW_CAPS[kind].rows + HEADER_ROWS) return undefined;
  const t = tooManyRows(kind, `文件“${file}”`, rows);
  return { file, code: 'tooManyRows', message: t.problem, fix: t.fix };
}
