/**
 * @module 二、各项指标达成情况 of the Word report: one part per aspect of 优质均衡 (资源配置 with
 * its coefficients and failing schools, then the county items), the vetoes, and 基本均衡 when
 * it was evaluated.
 */
import {
  type AspectResult,
  type BasicResult,
  type EvaluationResult,
  fmtCv,
  fmtNumber,
  type ItemResult,
  type QualityResult,
  STAGE_NAMES,
  STAGES,
  STATUS_NAMES,
  type Stage,
  type Status,
} from '@junheng/core';
import type { Paragraph, Table } from 'docx';
import {
  type Block,
  body,
  type Cell,
  h1,
  h2,
  statusCell,
  type TableNumbers,
  table,
} from './documentStyle.js';
import {
  chineseNumeral,
  failingSchoolText,
  indicatorGaps,
  itemRequirement,
  schoolLabel,
  schoolsNotMet,
} from './narrative.js';

function qualityCvTable(q: QualityResult, t: TableNumbers): Block[] {
  const first = q.stages.find((s) => s.coefficients.length > 0);
  if (!first) return [];
  const byStage = (stage: Stage) => q.stages.find((s) => s.stage === stage);
  const rows: Cell[][] = first.coefficients.map((c0, k) => {
    const cells: Cell[] = [String(k + 1), c0.name];
    for (const stage of STAGES) {
      const c = byStage(stage)?.coefficients.find((x) => x.indicator === c0.indicator);
      cells.push(c ? fmtCv(c.cv) : '—', c ? statusCell(c.status) : '—');
    }
    return cells;
  });
  const headers = ['序号', '指标'];
  for (const stage of STAGES) {
    const threshold = byStage(stage)?.coefficients[0]?.threshold ?? null;
    headers.push(`${STAGE_NAMES[stage]}\n≤ ${fmtNumber(threshold, 2)}`, '结论');
  }
  return [
    t.caption('资源配置 7 项指标校际差异系数'),
    table(headers, rows, [1.3, 6.4, 2.2, 1.7, 2.2, 1.7], 'clcccc'),
  ];
}

function failingSchoolTable(q: QualityResult, t: TableNumbers): Block[] {
  const schools = schoolsNotMet(q);
  if (schools.length === 0)
    return [body('所有学校均达到“至少 6 项指标达到要求、其余不低于要求的 85%”的规定。')];
  const rows: Cell[][] = schools.map((s) => [
    schoolLabel(s),
    STAGE_NAMES[s.stage],
    `${s.metCount}/${s.indicators.length}`,
    statusCell(s.status),
    indicatorGaps(s).join('\n'),
  ]);
  return [
    t.caption('资源配置未达标的学校'),
    table(['学校', '学段', '达标项数', '结论', '未达到要求的指标及缺额'], rows, [4, 1.2, 1.3, 1.6, 9], 'lcc'),
  ];
}

/** "小学：7 项差异系数均不高于 0.50；39 所学校（部）中 11 所达到要求，28 所未达到。" */
function stageResourceLine(s: QualityResult['stages'][number]): string {
  const over = s.coefficients.filter((c) => c.status === 'unmet').length;
  const threshold = fmtNumber(s.coefficients[0]?.threshold ?? null, 2);
  const cv =
    over === 0
      ? `${s.coefficients.length} 项指标校际差异系数均不高于 ${threshold}`
      : `${over} 项指标校际差异系数高于 ${threshold}`;
  const incomplete = s.schoolsIncomplete > 0 ? `，${s.schoolsIncomplete} 所数据不全` : '';
  return `${STAGE_NAMES[s.stage]}：${cv}；${s.schoolCount} 所学校（部）中 ${s.schoolsMet} 所达到要求，${s.schoolsUnmet} 所未达到${incomplete}。`;
}

function resourcesPart(q: QualityResult, heading: string, t: TableNumbers): Block[] {
  const aspect = q.aspects.find((a) => a.key === 'resources');
  return [
    h2(heading),
    body(`资源配置评估结论：${STATUS_NAMES[aspect?.status ?? 'notApplicable']}。`),
    ...q.stages.filter((s) => s.schoolCount > 0).map((s) => body(stageResourceLine(s))),
    ...qualityCvTable(q, t),
    ...failingSchoolTable(q, t),
  ];
}

function itemTable(items: readonly ItemResult[]): Table {
  const rows: Cell[][] = items.map((i) => [
    String(i.no),
    i.name,
    i.display,
    itemRequirement(i),
    statusCell(i.status),
  ]);
  return table(['序号', '指标', '实际情况', '要求', '结论'], rows, [1.3, 8, 2.4, 2.4, 1.6], 'clcc');
}

/** How many failing schools an item note names; the workbook lists them all. */
const SCHOOLS_NAMED = 10;

/** Schools behind the unmet 'schools' items, so the reader sees which and why. */
function itemSchoolNotes(items: readonly ItemResult[]): Paragraph[] {
  return items
    .filter((i) => i.status !== 'met' && (i.failingSchools?.length ?? 0) > 0)
    .map((i) => {
      const f = i.failingSchools!;
      const shown = f.slice(0, SCHOOLS_NAMED).map(failingSchoolText).join('；');
      const more = f.length > SCHOOLS_NAMED ? `等共 ${f.length} 处（详见评估结果工作簿“县级指标明细”）` : '';
      return body(`“${i.name}”涉及：${shown}${more}。`);
    });
}

/** "政府保障程度共 17 项，13 项达到要求，第 3、4、5、13 项未达到要求。" */
function aspectSummary(name: string, items: readonly ItemResult[]): string {
  const met = items.filter((i) => i.status === 'met').length;
  const numbersOf = (status: Status) =>
    [...new Set(items.filter((i) => i.status === status).map((i) => i.no))].join('、');
  const unmet = numbersOf('unmet');
  const incomplete = numbersOf('incomplete');
  return (
    `${name}共 ${items.length} 项，${met} 项达到要求` +
    (unmet ? `，第 ${unmet} 项未达到要求` : '') +
    (incomplete ? `，第 ${incomplete} 项数据不全` : '') +
    '。'
  );
}

function aspectPart(a: AspectResult, heading: string, t: TableNumbers): Block[] {
  return [
    h2(heading),
    body(aspectSummary(a.name, a.items)),
    t.caption(a.name),
    itemTable(a.items),
    ...itemSchoolNotes(a.items),
  ];
}

function vetoPart(q: QualityResult, heading: string, t: TableNumbers): Block[] {
  const rows: Cell[][] = q.vetoes.map((v) => [
    v.name,
    v.triggered === null ? '未提供' : v.triggered ? '存在' : '不存在',
    statusCell(v.status),
    v.note ?? '',
  ]);
  const triggered = q.vetoes.filter((v) => v.status === 'unmet').map((v) => v.name);
  const unknown = q.vetoes.filter((v) => v.status === 'incomplete').map((v) => v.name);
  const summary =
    triggered.length > 0
      ? `存在一票否决情形：${triggered.join('、')}。`
      : unknown.length > 0
        ? `以下否决项未提供情况：${unknown.join('、')}。`
        : '经自查，未发现一票否决情形。';
  return [
    h2(heading),
    body(summary),
    t.caption('一票否决项'),
    table(['情形', '是否存在', '结论', '说明'], rows, [5, 1.8, 1.6, 6], 'lc'),
  ];
}

function basicCvTable(b: BasicResult, t: TableNumbers): Block[] {
  const first = b.stages.find((s) => s.coefficients.length > 0);
  if (!first) return [];
  const coefficient = (stage: Stage, k: number) => b.stages.find((s) => s.stage === stage)?.coefficients[k];
  const rows: Cell[][] = first.coefficients.map((c0, k) => [
    String(k + 1),
    c0.name,
    ...STAGES.map((stage) => fmtCv(coefficient(stage, k)?.cv)),
  ]);
  const composite = (stage: Stage): Cell => {
    const c = b.stages.find((s) => s.stage === stage)?.composite;
    if (!c) return '—';
    return {
      text: `${fmtCv(c.value)}（≤ ${fmtNumber(c.threshold, 2)}）\n${STATUS_NAMES[c.status]}`,
      status: c.status,
    };
  };
  rows.push(['', { text: '综合差异系数', bold: true }, ...STAGES.map(composite)]);
  return [
    t.caption('基本均衡 8 项指标校际差异系数'),
    table(['序号', '指标', ...STAGES.map((s) => `${STAGE_NAMES[s]}差异系数`)], rows, [1.3, 7, 3, 3], 'clcc'),
  ];
}

function basicPart(b: BasicResult, heading: string, t: TableNumbers): Block[] {
  const lines = b.stages
    .filter((s) => s.composite.status !== 'notApplicable')
    .map(
      (s) =>
        `${STAGE_NAMES[s.stage]}综合差异系数 ${fmtCv(s.composite.value)}，要求不高于 ${fmtNumber(s.composite.threshold, 2)}，${STATUS_NAMES[s.composite.status]}。`,
    );
  return [
    h2(heading),
    body(`按${b.standard.document}评估，结论为${STATUS_NAMES[b.status]}。`),
    ...lines.map(body),
    ...basicCvTable(b, t),
    body(aspectSummary('其他指标', b.items)),
    t.caption('基本均衡其他指标'),
    itemTable(b.items),
    ...itemSchoolNotes(b.items),
  ];
}

/** 二、各项指标达成情况: one part per aspect, the vetoes, and 基本均衡 when evaluated. */
export function indicatorsSection(result: EvaluationResult, t: TableNumbers): Block[] {
  const out: Block[] = [h1('二、各项指标达成情况')];
  let part = 0;
  const next = (name: string) => `（${chineseNumeral(++part)}）${name}`;
  const q = result.quality;
  if (q) {
    out.push(...resourcesPart(q, next('资源配置'), t));
    for (const a of q.aspects) if (a.key !== 'resources') out.push(...aspectPart(a, next(a.name), t));
    out.push(...vetoPart(q, next('一票否决项'), t));
  }
  if (result.basic) {
    const name = q ? '基本均衡发展巩固情况' : '校际均衡及其他指标';
    out.push(...basicPart(result.basic, next(name), t));
  }
  return out;
}
