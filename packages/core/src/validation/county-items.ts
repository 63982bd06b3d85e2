/**
 * @module The county-level items a county reports (县级指标填报), derived from the standard tables:
 * which ones are asked for, in what form, and how a reported value is checked.
 * The Excel template lists exactly these rows; the JSON countyInputs object is keyed by their ids.
 */
import type { CountyInputs } from '../model.js';
import { nationalStandards } from '../standards/overrides.js';
import type { CountyItemRule, StandardSet } from '../standards/types.js';
import type { ValidationIssue } from './issue.js';
import { checkJudgment, checkRatio, type RuleResult } from './rules.js';

/**
 * How an item is entered:
 * - percent: a ratio, typed as a percentage (96.5) and stored as a fraction (0.965);
 * - number: a score, an amount in 元 or a plain number, stored as typed;
 * - yesno: a judgment 是/否 (true = the requirement is met);
 * - veto: 一票否决 情形 是/否 (true = the situation EXISTS, which fails the county);
 * - computed: worked out from the schools' data; nothing to enter;
 * - schoolsOrYesno: worked out from the schools' data, but the county may give 是/否 (true = met),
 *   used only when no school reports it (the 基本均衡 prerequisite, 达到省定办学基本标准).
 */
export type CountyItemInputKind = 'percent' | 'number' | 'yesno' | 'veto' | 'computed' | 'schoolsOrYesno';

export interface CountyItemSpec {
  /** Key in CountyInputs. */
  id: string;
  standard: 'basic' | 'quality';
  /** 评估方面, e.g. “优质均衡·政府保障程度”. */
  aspect: string;
  /** 序号 within the aspect as published. */
  no: number;
  /** 指标内容 as the standard words it. */
  name: string;
  input: CountyItemInputKind;
  /** Unit of a number item (分、元) or '' for a plain number. */
  unit?: string;
  /** Bounds of the stored value (fractions for percent items). */
  min?: number;
  max?: number;
  /** What exactly to report, from the standard table (e.g. “交流轮岗教师占…比例（%）”). */
  prompt?: string;
}

function specOf(rule: CountyItemRule, standard: 'basic' | 'quality', aspect: string): CountyItemSpec {
  const base = { id: rule.id, standard, aspect, no: rule.no, name: rule.name, prompt: rule.prompt };
  if (rule.kind === 'judgment') return { ...base, input: 'yesno' };
  if (rule.kind === 'schools') {
    // Only the prerequisite has a county-level fallback (judgeSchoolsItem reads it when no school
    // reports 达到省定办学基本标准); the other school checks have nothing a county could state.
    return { ...base, input: rule.schoolRule === 'provincialStandard' ? 'schoolsOrYesno' : 'computed' };
  }
  switch (rule.unit) {
    case 'ratio':
      return { ...base, input: 'percent', min: 0, max: 1 };
    case 'score':
      return { ...base, input: 'number', unit: '分', min: 0, max: 100 };
    case 'yuan':
      return { ...base, input: 'number', unit: '元', min: 0 };
    default:
      return { ...base, input: 'number', unit: '', min: 0 };
  }
}

/**
 * Every county-level item of both standards, in template order: 优质均衡 政府保障程度, 教育质量,
 * 社会认可度, 一票否决, then 基本均衡.
 * @param standards the standard tables in force (national or with provincial overrides)
 */
export function countyItemSpecs(standards: StandardSet): CountyItemSpec[] {
  const q = standards.quality;
  const specs: CountyItemSpec[] = [];
  for (const rule of Object.values(q.government))
    specs.push(specOf(rule, 'quality', '优质均衡·政府保障程度'));
  for (const rule of Object.values(q.quality)) specs.push(specOf(rule, 'quality', '优质均衡·教育质量'));
  specs.push(specOf(q.recognition, 'quality', '优质均衡·社会认可度'));
  let no = 0;
  for (const veto of Object.values(q.vetoes)) {
    no++;
    specs.push({
      id: veto.id,
      standard: 'quality',
      aspect: '优质均衡·一票否决',
      no,
      name: veto.name,
      input: 'veto',
    });
  }
  for (const rule of Object.values(standards.basic.items)) specs.push(specOf(rule, 'basic', '基本均衡'));
  return specs;
}

/**
 * Check one reported value against its item (fractions for percent items).
 * @returns why it is wrong and how to fix it, or undefined
 */
export function checkCountyItemValue(spec: CountyItemSpec, value: unknown): RuleResult {
  switch (spec.input) {
    case 'computed':
      return value === null ? undefined : '此项由学校数据自动计算，不需要填报：请清空填报值';
    case 'yesno':
    case 'veto':
    case 'schoolsOrYesno':
      return checkJudgment(value);
    case 'percent':
      return checkRatio(value);
    case 'number': {
      if (value === null) return undefined;
      if (typeof value !== 'number' || !Number.isFinite(value)) return '应为数值';
      if (spec.min !== undefined && value < spec.min) return `不能小于 ${spec.min}${spec.unit ?? ''}：请核对`;
      if (spec.max !== undefined && value > spec.max) return `不能大于 ${spec.max}${spec.unit ?? ''}：请核对`;
      return undefined;
    }
  }
}

/**
 * Validate a CountyInputs object (keys are item ids, values `{ value, note? }`).
 * @param input the parsed JSON
 * @param specs the items, from countyItemSpecs
 * @param issues where problems are appended
 * @param path JSON path of the object ('countyInputs' inside a dataset, '' for a file of its own)
 */
export function collectCountyInputIssues(
  input: unknown,
  specs: readonly CountyItemSpec[],
  issues: ValidationIssue[],
  path: string,
): void {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.push({
      path,
      value: input,
      message: '县级指标应为对象：{"rotation": {"value": 0.12, "note": "…"}}',
    });
    return;
  }
  const byId = new Map(specs.map((s) => [s.id, s]));
  const prefix = path === '' ? '' : `${path}.`;
  for (const [id, item] of Object.entries(input)) {
    const spec = byId.get(id);
    if (!spec) {
      issues.push({
        path: `${prefix}${id}`,
        value: item,
        message: '没有这个指标编号：请使用县级指标模板“指标编号”列中的编号（如 rotation、retention）',
      });
      continue;
    }
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({
        path: `${prefix}${id}`,
        value: item,
        message: '应为 {"value": …, "note": "佐证说明"} 形式的对象',
      });
      continue;
    }
    const { value, note, ...rest } = item as Record<string, unknown>;
    for (const key of Object.keys(rest)) {
      issues.push({
        path: `${prefix}${id}.${key}`,
        value: rest[key],
        message: '未知字段：只能有 value 和 note',
      });
    }
    if (value === undefined) {
      issues.push({ path: `${prefix}${id}.value`, value, message: '缺少 value：未填报请写 null' });
    } else {
      const why = checkCountyItemValue(spec, value);
      if (why) issues.push({ path: `${prefix}${id}.value`, value, message: why });
    }
    if (note !== undefined && typeof note !== 'string') {
      issues.push({ path: `${prefix}${id}.note`, value: note, message: '佐证说明应为文字' });
    }
  }
}

/**
 * Validate a county-items object on its own (the JSON county-items file).
 * @param input the parsed JSON
 * @param standards the tables in force; only item ids and kinds matter, so national by default
 * @returns the inputs when there is no issue
 */
export function validateCountyInputs(
  input: unknown,
  standards: StandardSet = nationalStandards(),
): { inputs?: CountyInputs; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  collectCountyInputIssues(input, countyItemSpecs(standards), issues, '');
  return issues.length === 0 ? { inputs: input as CountyInputs, issues } : { issues };
}
