/**
 * @module Single-value rules shared by the JSON validator and the Excel/CSV import.
 * Each rule returns `undefined` when the value passes, or a Chinese reason that also says how
 * to fix it. The caller adds *where* (a JSON path, or sheet/row/column) and the value, so the
 * same sentence reads well in both: “在校生数（人）” 为 -3：不能为负数…
 */
import {
  type Num,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  STAGE_NAMES,
  STAGES_OF_TYPE,
  type Stage,
} from '../model.js';
import type { FieldInfo, NumericKind } from './fields.js';

/** `undefined` = passes; otherwise the reason and the fix, in Chinese. */
export type RuleResult = string | undefined;

const ALL_DIGITS = /^\d+$/;

/** True if `s` is exactly `length` ASCII digits (a char loop: several times faster than a regex). */
function isDigits(s: string, length: number): boolean {
  if (s.length !== length) return false;
  for (let k = 0; k < length; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * 学校标识码: exactly 10 digits, as text (a number would lose leading zeros).
 * @param id the value as given
 * @returns why it is wrong and how to fix it, or undefined
 */
export function checkSchoolId(id: unknown): RuleResult {
  if (typeof id === 'string' && isDigits(id, 10)) return undefined;
  if (typeof id !== 'string') return '应为 10 位数字组成的文本（如 "2130012345"），不要写成数值';
  if (id.trim() === '') return '不能为空：请填写教育事业统计中的 10 位学校标识码';
  if (ALL_DIGITS.test(id)) {
    return `应为 10 位数字，当前为 ${id.length} 位：请按教育事业统计中的学校标识码填写`;
  }
  return '只能由 10 位数字组成：请删除其中的空格、字母或符号';
}

function checkSixDigits(code: unknown, what: string): RuleResult {
  if (typeof code === 'string' && isDigits(code, 6)) return undefined;
  if (typeof code !== 'string') return `应为 6 位数字组成的文本（如 "130123"），不要写成数值`;
  if (code.trim() === '') return `不能为空：请填写 6 位${what}`;
  if (ALL_DIGITS.test(code)) {
    return `应为 6 位数字，当前为 ${code.length} 位：请填写 GB/T 2260 ${what}（如 130123）`;
  }
  return `只能由 6 位数字组成：请填写 GB/T 2260 ${what}（如 130123）`;
}

/** 学校所在行政区划代码 (GB/T 2260, 6 digits). */
export function checkRegionCode(code: unknown): RuleResult {
  return checkSixDigits(code, '行政区划代码');
}

/** 县级行政区划代码 of the county being evaluated (6 digits). */
export function checkCountyCode(code: unknown): RuleResult {
  return checkSixDigits(code, '县级行政区划代码');
}

/** A required name (学校名称, 县名称): a non-empty string. */
export function checkName(name: unknown): RuleResult {
  if (typeof name === 'string' && name.trim() !== '') return undefined;
  if (typeof name !== 'string') return '应为文字';
  return '不能为空：请填写全称';
}

/**
 * 学年: its start year, an integer 2000–2099 (2025 = 2025—2026学年).
 */
export function checkYear(year: unknown): RuleResult {
  if (typeof year === 'number' && Number.isInteger(year) && year >= 2000 && year <= 2099) return undefined;
  return '应为学年的起始年份（2000—2099 的整数），如 2025 表示 2025—2026 学年';
}

const NOT_NUMBER = '应为数值；未填报的数据不要填 0，应作为未填报（空白）处理';
const NEGATIVE = '不能为负数：请填写实际数量；未掌握的数据不要填 0，应作为未填报（空白）处理';

/**
 * A count (人数、班级数、间数、台数、册数): null (未填报) or a non-negative integer.
 */
export function checkCount(v: unknown): RuleResult {
  if (v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) return NOT_NUMBER;
  if (v < 0) return NEGATIVE;
  if (!Number.isInteger(v)) return '应为整数：人数、班级数、间数、台数、册数不能有小数，请改为整数';
  return undefined;
}

/**
 * An amount (面积 m²、金额 元): null (未填报) or a non-negative finite number.
 */
export function checkAmount(v: unknown): RuleResult {
  if (v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) return NOT_NUMBER;
  if (v < 0) return '不能为负数：请填写实际面积或金额；未掌握的数据应作为未填报（空白）处理';
  return undefined;
}

/**
 * checkCount or checkAmount by the field's kind; given the field's information, also its
 * plausible upper bound (FieldInfo.max).
 */
export function checkNumber(v: unknown, field: NumericKind | FieldInfo): RuleResult {
  const kind = typeof field === 'string' ? field : field.kind;
  const why = kind === 'count' ? checkCount(v) : checkAmount(v);
  if (why || typeof field === 'string' || typeof v !== 'number' || v <= field.max) return why;
  return `超出合理范围 0～${field.max} ${field.unit}（收到 ${v}）：请核对是否多写了位数或用错了单位`;
}

/**
 * A ratio as a fraction: null or 0..1 (the Excel import converts 96.5% to 0.965 first).
 */
export function checkRatio(v: unknown): RuleResult {
  if (v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) return NOT_NUMBER;
  if (v < 0 || v > 1) return '比例应在 0%～100% 之间：请核对计算结果';
  return undefined;
}

/** A judgment: null (未填报) or true/false (是/否). */
export function checkJudgment(v: unknown): RuleResult {
  if (v === null || typeof v === 'boolean') return undefined;
  return '应为“是”或“否”（JSON 中为 true 或 false）';
}

/**
 * A teacher sub-kind (高于规定学历、中级职称、骨干、体育艺术) is part of 专任教师.
 * @param part the sub-kind count
 * @param fullTime 专任教师数 of the same stage
 */
export function checkTeacherSubset(part: Num, fullTime: Num): RuleResult {
  if (part === null || fullTime === null || part <= fullTime) return undefined;
  return `不能多于专任教师数（${fullTime} 人）：该项教师是专任教师的一部分，请核对两项数字`;
}

/**
 * The stage must be one the school type teaches (STAGES_OF_TYPE).
 */
export function checkStageOfType(type: SchoolType, stage: Stage): RuleResult {
  const allowed = STAGES_OF_TYPE[type];
  if (allowed.includes(stage)) return undefined;
  const names = allowed.map((s) => STAGE_NAMES[s]).join('、');
  return (
    `${SCHOOL_TYPE_NAMES[type]}不能填报${STAGE_NAMES[stage]}学段（只能填报${names}）：` +
    '请核对学段或学校类型；同时有小学和初中的学校，学校类型应为九年一贯制学校'
  );
}

/** Types that report 高中部在校生数 (for apportioning whole-school facilities). */
export const TYPES_WITH_SENIOR: readonly SchoolType[] = ['completeMiddle', 'twelveYear'];

/**
 * 高中部在校生数 is only reported by 完全中学 and 十二年一贯制学校.
 */
export function checkSeniorStudentsType(type: SchoolType, senior: Num | undefined): RuleResult {
  if (senior === null || senior === undefined || TYPES_WITH_SENIOR.includes(type)) return undefined;
  return `只有完全中学、十二年一贯制学校填写高中部在校生数，本校为${SCHOOL_TYPE_NAMES[type]}：请清空或核对学校类型`;
}

/**
 * Message for a (school, stage) pair reported twice.
 * @param stage the repeated stage
 * @param firstWhere where it was first reported (“第 5 行” or a JSON path)
 */
export function duplicateStageMessage(stage: Stage, firstWhere: string): string {
  return `同一学校的${STAGE_NAMES[stage]}学段重复（${firstWhere}已填报）：每所学校每个学段只能有一条，请删除或合并重复的一条`;
}

/**
 * Message for a 学校标识码 reused with another school name.
 * @param firstName the name it was first reported with
 * @param firstWhere where (“第 5 行” or a JSON path)
 */
export function schoolNameConflictMessage(firstName: string, firstWhere: string): string {
  return (
    `该学校标识码在${firstWhere}对应的学校名称是“${firstName}”，与这里不同：` +
    '同一标识码只能对应一所学校，请核对学校标识码或学校名称'
  );
}
