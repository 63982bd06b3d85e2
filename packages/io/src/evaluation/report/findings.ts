/**
 * @module The generated sentences of 存在问题: concrete findings, with figures and school names,
 * from every coefficient, school, county item and veto that is not met and from every gap in
 * the data.
 */
import {
  type CoefficientRow,
  type EvaluationResult,
  type FailingSchool,
  fmtCv,
  fmtNumber,
  hidesBoundary,
  type ItemResult,
  type QualityResult,
  type SchoolCompliance,
  STAGE_NAMES,
} from '@junheng/core';
import { failingSchoolText, itemRequirement, listNames } from './reportLabels.js';
import { schoolLabel } from './shortfalls.js';

/** One generated sentence, with the part of the evaluation it is about. */
export interface Finding {
  /** 资源配置, 政府保障程度, 基本均衡, 数据完整性, … */
  area: string;
  text: string;
}

const cvShown = (c: CoefficientRow) =>
  c.cv !== null && c.threshold !== null && hidesBoundary(c.cv, c.threshold, 3)
    ? `${fmtCv(c.cv)}（未经四舍五入为 ${fmtNumber(c.cv, 6)}）`
    : fmtCv(c.cv);

function coefficientProblems(quality: QualityResult): Finding[] {
  const out: Finding[] = [];
  for (const st of quality.stages) {
    const over = st.coefficients.filter((c) => c.status === 'unmet');
    if (over.length === 0) continue;
    const threshold = over[0].threshold!;
    out.push({
      area: '资源配置',
      text:
        `${STAGE_NAMES[st.stage]}有 ${over.length} 项指标校际差异系数高于 ${fmtNumber(threshold, 2)}：` +
        `${over.map((c) => `${c.name} ${cvShown(c)}`).join('，')}。`,
    });
  }
  return out;
}

/** Which indicators the failing schools lack most often: "体育艺术专任教师（4 所）、…". */
function commonGaps(schools: readonly SchoolCompliance[]): string {
  const counts = new Map<string, number>();
  for (const s of schools) {
    for (const i of s.indicators) {
      if (i.status === 'floor' || i.status === 'belowFloor')
        counts.set(i.name, (counts.get(i.name) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, n]) => `${name}（${n} 所）`)
    .join('、');
}

/**
 * "河西村小学（7 项中 5 项达到要求）", and when the school fails only because of the 85% floor,
 * "第二中学（7 项中 6 项达到要求，1 项低于要求的 85%）".
 */
function schoolVerdictText(s: SchoolCompliance): string {
  const below = s.indicators.filter((i) => i.status === 'belowFloor').length;
  const floor = below > 0 ? `，${below} 项低于要求的 85%` : '';
  return `${schoolLabel(s)}（${s.indicators.length} 项中 ${s.metCount} 项达到要求${floor}）`;
}

function schoolProblems(quality: QualityResult): Finding[] {
  const out: Finding[] = [];
  for (const st of quality.stages) {
    const failing = quality.schools.filter((s) => s.stage === st.stage && s.status === 'unmet');
    if (failing.length === 0) continue;
    const names = failing.map(schoolVerdictText);
    out.push({
      area: '资源配置',
      text:
        `${STAGE_NAMES[st.stage]} ${st.schoolCount} 所学校中有 ${failing.length} 所未达到“至少 6 项指标达到要求、` +
        `其余不低于要求的 85%”的规定：${listNames(names)}；短板主要是${commonGaps(failing)}。`,
    });
  }
  return out;
}

/**
 * The schools that fail a 'schools' item. `failingSchools` lists them first and then the schools
 * whose data are missing; `value` is the number that fail.
 */
export function failingOf(item: ItemResult): FailingSchool[] {
  if (item.status !== 'unmet' || typeof item.value !== 'number') return [];
  return (item.failingSchools ?? []).slice(0, item.value);
}

function itemProblem(area: string, item: ItemResult): Finding {
  const schools = failingOf(item);
  // A 'schools' item names its schools with what is wrong there; the others have their reason.
  if (schools.length > 0) {
    const list = listNames(schools.map(failingSchoolText), 5, '处', '；');
    return { area, text: `“${item.name}”未达到要求，${item.display}：${list}。` };
  }
  if (item.kind === 'threshold') {
    return { area, text: `“${item.name}”未达到要求：现为 ${item.display}，要求 ${itemRequirement(item)}。` };
  }
  return { area, text: `“${item.name}”${item.reason}。` };
}

function countyItemProblems(result: EvaluationResult): Finding[] {
  const out: Finding[] = [];
  for (const a of result.quality?.aspects ?? []) {
    // 资源配置 is told by the coefficient and school sentences above.
    if (a.key === 'resources') continue;
    for (const i of a.items) if (i.status === 'unmet') out.push(itemProblem(a.name, i));
  }
  for (const v of result.quality?.vetoes ?? []) {
    if (v.status === 'unmet') out.push({ area: '一票否决', text: `存在“${v.name}”情形，属一票否决项。` });
  }
  return out;
}

function basicProblems(result: EvaluationResult): Finding[] {
  const basic = result.basic;
  if (!basic) return [];
  const out: Finding[] = [];
  for (const st of basic.stages) {
    if (st.composite.status !== 'unmet') continue;
    const worst = [...st.coefficients]
      .filter((c) => c.cv !== null)
      .sort((a, b) => b.cv! - a.cv!)
      .slice(0, 3);
    out.push({
      area: '基本均衡',
      text:
        `${STAGE_NAMES[st.stage]}综合差异系数为 ${fmtCv(st.composite.value)}，高于 ${fmtNumber(st.composite.threshold, 2)}；` +
        `差异最大的是${worst.map((c) => `${c.name}（${fmtCv(c.cv)}）`).join('、')}。`,
    });
  }
  for (const i of basic.items) if (i.status === 'unmet') out.push(itemProblem('基本均衡', i));
  return out;
}

/** Everything whose data are missing, as sentences: county inputs, schools, data issues. */
export function dataProblems(result: EvaluationResult): Finding[] {
  const out: Finding[] = [];
  const items = [
    ...(result.quality?.aspects.flatMap((a) => a.items) ?? []),
    ...(result.basic?.items ?? []),
  ].filter((i) => i.status === 'incomplete' && i.kind !== 'resources');
  const vetoes = result.quality?.vetoes.filter((v) => v.status === 'incomplete') ?? [];
  const names = [...items.map((i) => i.name), ...vetoes.map((v) => `否决项“${v.name}”`)];
  if (names.length > 0) {
    out.push({
      area: '数据完整性',
      text: `${names.length} 项县级指标数据未提供或不完整：${listNames(names, 6, '项')}，相关结论暂为“数据不全”。`,
    });
  }
  const schools = result.quality ? result.quality.schools.filter((s) => s.status === 'incomplete') : [];
  if (schools.length > 0) {
    out.push({
      area: '数据完整性',
      text: `${schools.length} 所学校（部）资源配置数据未填报完整，无法判定是否达标：${listNames(schools.map(schoolLabel))}。`,
    });
  }
  if (result.issues.length > 0) {
    const involved = new Set(result.issues.map((i) => i.schoolId)).size;
    out.push({
      area: '数据完整性',
      text: `学校填报数据有 ${result.issues.length} 处问题，涉及 ${involved} 所学校，差异系数在数据补齐前仅供参考。`,
    });
  }
  return out;
}

/**
 * 存在问题: concrete sentences, with figures and school names, from everything that is not met
 * and everything whose data are missing. Empty when nothing needs attention.
 */
export function findProblems(result: EvaluationResult): Finding[] {
  return [
    ...(result.quality ? coefficientProblems(result.quality) : []),
    ...(result.quality ? schoolProblems(result.quality) : []),
    ...countyItemProblems(result),
    ...basicProblems(result),
    ...dataProblems(result),
  ];
}
