/**
 * @module The words the reports share: the 学年 label, names of the standards, marks and
 * requirements, number formats beside a requirement, the rules used and the verdict lines. The
 * Excel workbook, the Word report and the terminal output all read them from here, so a label is
 * worded once.
 */
import {
  type ApportionMethod,
  COMPARISON_WORDS,
  type EvaluationResult,
  type FailingSchool,
  fmtBeside,
  fmtCv,
  fmtNumber,
  INDICATORS,
  type IndicatorId,
  type ItemResult,
  type SchoolCompliance,
  STATUS_NAMES,
  type StandardKey,
  type Status,
  showItemValue,
  type YearOverYear,
} from '@junheng/core';

/** Options of both report writers. */
export interface ReportOptions {
  /** Year-over-year comparison (compareYears(previous, current)); adds a 年度对比 part. */
  comparison?: YearOverYear;
}

// ---------------------------------------------------------------------------------------------
// Labels

/** The 学年 a result is for: 2025 → "2025—2026学年" (学年 starts in autumn of `year`). */
export function schoolYearLabel(year: number): string {
  return `${year}—${year + 1}学年`;
}

/** Short names of the two standards, as tables and sentences use them. */
export const STANDARD_NAMES: Record<StandardKey, string> = { basic: '基本均衡', quality: '优质均衡' };

/** How whole-school facilities of 一贯制 / 完全中学 were split between stages (spec §e.2). */
export const APPORTION_NAMES: Record<ApportionMethod, string> = {
  simple: '按各学段在校生数比例分摊',
  weighted: '按学段加权在校生数比例分摊',
};

/** What one indicator of one school is, in a word (the 学校达标 tables). */
export const INDICATOR_MARKS: Record<SchoolCompliance['indicators'][number]['status'], string> = {
  met: '达标',
  floor: '达85%',
  belowFloor: '低于85%',
  missing: '未填报',
};

/**
 * "A、B、C 等 12 所" — a list that stays readable when it is long.
 * @param separator "、" between names; "；" between entries that contain commas themselves
 */
export function listNames(names: readonly string[], max = 10, measure = '所', separator = '、'): string {
  if (names.length <= max) return names.join(separator);
  return `${names.slice(0, max).join(separator)} 等 ${names.length} ${measure}`;
}

/** 1 → 一 … 10 → 十, 11 → 十一: numbering of Chinese section headings. */
export function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : digits[n];
  if (n < 20) return `十${digits[n - 10]}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
}

/** A change of a coefficient with its sign: "+0.043", "-0.012"; "—" when unknown. */
export function fmtCvChange(change: number | null): string {
  if (change === null) return '—';
  return `${change < 0 ? '-' : '+'}${fmtCv(Math.abs(change))}`;
}

/** The requirement of a county-level item as a reader sees it: "≥ 95.00%", "是", "所有学校均符合". */
export function itemRequirement(item: ItemResult): string {
  if (item.kind === 'judgment') return '是';
  if (item.kind === 'schools') return '所有学校均符合';
  if (item.threshold === undefined || item.compare === undefined) return '所有学校均达到要求';
  return `${COMPARISON_WORDS[item.compare]} ${showItemValue(item.unit, item.threshold)}`;
}

/** "XX小学：小学最大班额 52 人，超过 45 人" */
export function failingSchoolText(f: FailingSchool): string {
  return `${f.name}：${f.detail}`;
}

/** Per-school values with the decimals of the catalogue. */
export function fmtIndicatorValue(indicator: IndicatorId, value: number | null): string {
  return fmtNumber(value, INDICATORS[indicator].decimals);
}

/**
 * A per-school value shown next to its requirement. When rounding would make a shortfall look
 * like the requirement itself (2.2996 shown as "2.30" against 2.3), more decimals are shown
 * until the difference is visible (spec §e.4).
 */
export function fmtAgainst(indicator: IndicatorId, value: number | null, requirement: number): string {
  return fmtBeside(value, requirement, INDICATORS[indicator].decimals);
}

// ---------------------------------------------------------------------------------------------
// Rules used

/**
 * Which tables produced the result: the two documents, the provincial override file and every
 * value it changed, and how shared facilities were apportioned. One line each.
 */
export function rulesDescription(result: EvaluationResult): string[] {
  const r = result.rules;
  const lines: string[] = [];
  if (result.basic) lines.push(`基本均衡：${r.basic.document}`);
  if (result.quality) lines.push(`优质均衡：${r.quality.document}`);
  if (r.overrides.length === 0) {
    lines.push('省级调整：未使用，全部采用国家标准默认值');
  } else {
    const name = r.overrideName ?? '省级调整文件';
    lines.push(
      `省级调整：${name}${r.overrideSource ? `（${r.overrideSource}）` : ''}，共调整 ${r.overrides.length} 处`,
    );
    for (const o of r.overrides)
      lines.push(`　${o.path}：${JSON.stringify(o.from)} → ${JSON.stringify(o.to)}`);
  }
  lines.push(...apportionLines(result));
  return lines;
}

/**
 * How shared facilities were split, per standard evaluated: one line when the standards agree,
 * else one for each (a province may override one standard's method only).
 */
function apportionLines(result: EvaluationResult): string[] {
  const keys = (['basic', 'quality'] as const).filter((k) => result[k] !== undefined);
  // A result saved before the method was reported per standard has one, for both, at rules.
  const saved = (result.rules as { apportionMethod?: ApportionMethod }).apportionMethod;
  const methods = keys
    .map((k) => result.rules[k].apportionMethod ?? saved)
    .filter((m): m is ApportionMethod => m !== undefined);
  const head = '一贯制学校、完全中学共用设施';
  if (methods.length < keys.length || methods.length === 0) return [];
  if (methods.every((m) => m === methods[0])) return [`${head}：${APPORTION_NAMES[methods[0]!]}`];
  return keys.map((k, i) => `${head}（${STANDARD_NAMES[k]}）：${APPORTION_NAMES[methods[i]!]}`);
}
// ---------------------------------------------------------------------------------------------
// Verdicts
/** "优质均衡：未达标；基本均衡：达标" — the verdict of each standard evaluated. */
export function verdictLine(result: EvaluationResult): string {
  const parts: string[] = [];
  if (result.quality) parts.push(`优质均衡：${STATUS_NAMES[result.quality.status]}`);
  if (result.basic) parts.push(`基本均衡：${STATUS_NAMES[result.basic.status]}`);
  return parts.join('；');
}

/**
 * The conclusion of one coefficient. 基本均衡 single coefficients have no threshold of their own
 * (only their mean does), so they read "计入综合" rather than 不适用.
 */
export function coefficientStatusText(status: Status, hasOwnThreshold: boolean, cv: number | null): string {
  return status === 'notApplicable' && !hasOwnThreshold && cv !== null ? '计入综合' : STATUS_NAMES[status];
}
