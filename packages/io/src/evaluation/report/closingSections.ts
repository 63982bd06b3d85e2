/**
 * @module The closing sections of the Word report: 三、存在问题, 四、整改建议 with the per-school
 * plan, 五、年度对比 when a comparison is given, and the signature of the county government.
 */
import {
  type EvaluationResult,
  fmtCv,
  type QualityResult,
  STAGE_NAMES,
  type YearOverYear,
} from '@junheng/core';
import { AlignmentType, Paragraph } from 'docx';
import {
  type Block,
  body,
  type Cell,
  h1,
  h2,
  INDENT_2_CHARS,
  numbered,
  statusCell,
  type TableNumbers,
  table,
} from './documentStyle.js';
import {
  chineseNumeral,
  coefficientStatusText,
  comparisonSentences,
  type Finding,
  findProblems,
  fmtCvChange,
  recommend,
  STANDARD_NAMES,
  schoolLabel,
  schoolPlanText,
  schoolYearLabel,
} from './narrative.js';

export function problemsSection(result: EvaluationResult): Block[] {
  const problems = findProblems(result);
  if (problems.length === 0)
    return [h1('三、存在问题'), body('经自评，各项指标均达到要求，未发现需要整改的问题。')];
  return [h1('三、存在问题'), ...numbered(problems.map((p) => `${p.area}：${p.text}`))];
}

/** Findings grouped by area, in the order the areas first appear. */
function groupByArea(findings: readonly Finding[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const f of findings) {
    const list = groups.get(f.area) ?? [];
    list.push(f.text);
    groups.set(f.area, list);
  }
  return groups;
}

function schoolPlanTable(q: QualityResult, t: TableNumbers): Block[] {
  const schools = q.schools.filter((s) => s.status === 'unmet' && s.plan.length > 0);
  if (schools.length === 0) return [];
  const rows: Cell[][] = schools.map((s) => [
    schoolLabel(s),
    STAGE_NAMES[s.stage],
    schoolPlanText(s).replaceAll('；', '\n'),
  ]);
  return [
    body('各校最低整改措施如下，完成后即达到“至少 6 项达标、其余不低于 85%”的要求：'),
    t.caption('逐校最低整改措施（一校一策）'),
    table(['学校', '学段', '需补充'], rows, [4, 1.2, 8], 'lc'),
  ];
}

export function recommendationsSection(result: EvaluationResult, t: TableNumbers): Block[] {
  const groups = groupByArea(recommend(result));
  const out: Block[] = [h1('四、整改建议')];
  if (groups.size === 0) {
    out.push(
      body('各项指标均已达到要求。建议保持投入力度，持续监测差异系数和学校达标情况，巩固均衡发展成果。'),
    );
    return out;
  }
  let part = 0;
  for (const [area, texts] of groups) {
    out.push(h2(`（${chineseNumeral(++part)}）${area}`), ...numbered(texts));
    if (area === '学校补短板' && result.quality) out.push(...schoolPlanTable(result.quality, t));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 五、年度对比

export function comparisonSection(yoy: YearOverYear, t: TableNumbers): Block[] {
  const rows: Cell[][] = yoy.coefficients.map((c) => {
    const own = !(c.standard === 'basic' && c.indicator !== 'composite');
    const status = coefficientStatusText(c.currentStatus, own, c.current);
    return [
      STANDARD_NAMES[c.standard],
      STAGE_NAMES[c.stage],
      c.name,
      fmtCv(c.previous),
      fmtCv(c.current),
      fmtCvChange(c.change),
      own ? statusCell(c.currentStatus) : status,
    ];
  });
  return [
    h1('五、年度对比'),
    ...numbered(comparisonSentences(yoy)),
    t.caption(
      `差异系数年度对比（${schoolYearLabel(yoy.previousYear)} → ${schoolYearLabel(yoy.currentYear)}）`,
    ),
    table(
      ['标准', '学段', '指标', '上一学年', '本学年', '变化', '本学年结论'],
      rows,
      [1.9, 1.2, 6, 1.9, 1.9, 1.7, 2.2],
      'cclcccc',
    ),
  ];
}

export function signature(result: EvaluationResult): Block[] {
  const right = (text: string) =>
    new Paragraph({ text, alignment: AlignmentType.RIGHT, indent: { right: INDENT_2_CHARS } });
  return [new Paragraph({ text: '' }), right(`${result.county.name}人民政府`), right('年　　月　　日')];
}
