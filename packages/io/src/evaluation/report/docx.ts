/**
 * @module The evaluation result as a Word report in the usual form of a 县域义务教育优质均衡
 * 发展督导评估自评报告: 一、基本情况, 二、各项指标达成情况, 三、存在问题, 四、整改建议 and, with a
 * comparison, 五、年度对比. Layout follows common 公文 practice (GB/T 9704): A4, 仿宋 三号 body on a
 * fixed 28 pt line, 黑体 / 楷体 headings, page numbers "— 1 —" in the footer. Fonts are named,
 * never embedded: Word and LibreOffice substitute what the reader's machine has.
 * Every sentence comes from ./narrative.ts, so the workbook and the terminal say the same.
 */
import {
  type AspectResult,
  type BasicResult,
  type EvaluationResult,
  fmtCv,
  fmtNumber,
  fmtQuantity,
  type ItemResult,
  type QualityResult,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  STAGES,
  STATUS_NAMES,
  type Stage,
  type Status,
  type YearOverYear,
} from '@junheng/core';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  chineseNumeral,
  coefficientStatusText,
  comparisonSentences,
  type Finding,
  failingSchoolText,
  findProblems,
  fmtCvChange,
  indicatorGaps,
  itemRequirement,
  overviewSentences,
  type ReportOptions,
  recommend,
  rulesDescription,
  STANDARD_NAMES,
  schoolLabel,
  schoolPlanText,
  schoolsNotMet,
  schoolYearLabel,
  verdictLine,
} from './narrative.js';

type Block = Paragraph | Table;

// ---------------------------------------------------------------------------------------------
// Typography

const FONT = { body: '仿宋', heading: '黑体', subheading: '楷体', title: '宋体', latin: 'Times New Roman' };
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, footer: 28, table: 21 };
/** A4 with GB/T 9704 margins (37 / 35 / 28 / 26 mm), in twips. */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Two characters of 三号 text: the first-line indent of Chinese body paragraphs. */
const INDENT_2_CHARS = 640;

const cjk = (eastAsia: string) => ({ ascii: FONT.latin, hAnsi: FONT.latin, eastAsia });

const STATUS_SHADING: Record<Status, string> = {
  met: 'C6EFCE',
  unmet: 'FFC7CE',
  incomplete: 'FFEB9C',
  notApplicable: 'EDEDED',
};

const STYLES = {
  default: {
    document: {
      run: { font: cjk(FONT.body), size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
      paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT } },
    },
    title: {
      run: { font: cjk(FONT.title), size: SIZE.title, bold: true, color: '000000' },
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: { before: 240, after: 480, line: 720, lineRule: LineRuleType.EXACT },
      },
    },
    heading1: {
      run: { font: cjk(FONT.heading), size: SIZE.body, bold: false, color: '000000' },
      paragraph: {
        keepNext: true,
        spacing: { before: 240, after: 0 },
        indent: { firstLine: INDENT_2_CHARS },
      },
    },
    heading2: {
      run: { font: cjk(FONT.subheading), size: SIZE.body, bold: true, italics: false, color: '000000' },
      paragraph: {
        keepNext: true,
        spacing: { before: 120, after: 0 },
        indent: { firstLine: INDENT_2_CHARS },
      },
    },
  },
  paragraphStyles: [
    {
      id: 'TableText',
      name: 'Table Text',
      basedOn: 'Normal',
      run: { size: SIZE.table },
      paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
    },
    {
      id: 'TableCaption',
      name: 'Table Caption',
      basedOn: 'Normal',
      run: { font: cjk(FONT.heading), size: 24 },
      paragraph: {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 120, line: 400, lineRule: LineRuleType.AUTO },
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Building blocks

/** A body paragraph, indented two characters. */
function body(text: string): Paragraph {
  return new Paragraph({ text, indent: { firstLine: INDENT_2_CHARS } });
}

/** Numbered body paragraphs: "1．…", "2．…". */
function numbered(texts: readonly string[]): Paragraph[] {
  return texts.map((t, k) => body(`${k + 1}．${t}`));
}

const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });

/** Numbers the tables of one report in order: "表 1　…", "表 2　…". */
class TableNumbers {
  private n = 0;
  caption(title: string): Paragraph {
    return new Paragraph({ text: `表 ${++this.n}　${title}`, style: 'TableCaption' });
  }
}

/** A table cell's content: text (lines split on "\n"), optionally bold or shaded by status. */
type Cell = string | { text: string; status?: Status; bold?: boolean };
/** Column alignment: l = left (text), c = centred (numbers, short codes, conclusions). */
type Align = 'l' | 'c';

function cellParagraphs(text: string, bold: boolean, center: boolean): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        style: 'TableText',
        alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: line, bold })],
      }),
  );
}

function tableCell(c: Cell, header: boolean, align: Align): TableCell {
  const o = typeof c === 'string' ? { text: c } : c;
  const status = 'status' in o ? o.status : undefined;
  const fill = header ? 'D9E1F2' : status ? STATUS_SHADING[status] : undefined;
  const center = header || status !== undefined || align === 'c';
  return new TableCell({
    children: cellParagraphs(o.text, header || ('bold' in o && o.bold === true), center),
    verticalAlign: VerticalAlignTable.CENTER,
    shading: fill ? { type: ShadingType.CLEAR, fill, color: 'auto' } : undefined,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
  });
}

/**
 * A full-width table with a header row repeated on every page.
 * @param weights relative column widths
 * @param align per column, "l" or "c" (e.g. "clcc"); left when omitted
 */
function table(
  headers: readonly string[],
  rows: readonly Cell[][],
  weights: readonly number[],
  align = '',
): Table {
  const at = (j: number): Align => (align[j] === 'c' ? 'c' : 'l');
  const total = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor((w / total) * CONTENT_WIDTH));
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, j) => tableCell(h, true, at(j))),
      }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, j) => tableCell(c, false, at(j))) }),
      ),
    ],
  });
}

const statusCell = (s: Status): Cell => ({ text: STATUS_NAMES[s], status: s });

// ---------------------------------------------------------------------------------------------
// Title and 一、基本情况

function reportTitle(result: EvaluationResult): string {
  return titleLines(result).join('');
}

/**
 * The title in the lines a cover prints: "XX县义务教育优质均衡发展" / "督导评估自评报告" /
 * "（2025—2026学年）", so that it never breaks in the middle of a word.
 */
function titleLines(result: EvaluationResult): string[] {
  const which = result.quality ? '优质均衡' : '基本均衡';
  return [
    `${result.county.name}义务教育${which}发展`,
    '督导评估自评报告',
    `（${schoolYearLabel(result.year)}）`,
  ];
}

function titleBlock(result: EvaluationResult): Block[] {
  const runs = titleLines(result).map((text, k) => new TextRun({ text, break: k > 0 ? 1 : undefined }));
  return [new Paragraph({ heading: HeadingLevel.TITLE, children: runs })];
}

function stageTable(result: EvaluationResult, t: TableNumbers): Block[] {
  const stages = result.quality?.stages ?? result.basic?.stages ?? [];
  if (stages.length === 0) return [];
  const rows: Cell[][] = stages.map((s) => {
    const excluded = result.excluded.filter((e) => e.stage === s.stage).length;
    return [STAGE_NAMES[s.stage], String(s.schoolCount), fmtQuantity(s.studentCount), String(excluded)];
  });
  return [
    t.caption('纳入校际指标评估的学校和学生'),
    table(
      ['学段', '纳入评估学校（部）数', '在校生数（人）', '未纳入学校（部）数'],
      rows,
      [2, 3, 3, 3],
      'cccc',
    ),
  ];
}

function excludedTable(result: EvaluationResult, t: TableNumbers): Block[] {
  if (result.excluded.length === 0) return [];
  const rows: Cell[][] = result.excluded.map((e) => [
    e.name,
    SCHOOL_TYPE_NAMES[e.type],
    STAGE_NAMES[e.stage],
    e.students === null ? '未填报' : fmtQuantity(e.students),
    e.reason,
  ]);
  return [
    t.caption('未纳入校际指标评估的学校'),
    table(['学校', '类型', '学段', '在校生数', '原因'], rows, [5, 3.2, 1.4, 1.8, 6.5], 'lccc'),
  ];
}

function basicInfoSection(result: EvaluationResult, t: TableNumbers): Block[] {
  const rules = rulesDescription(result);
  return [
    h1('一、基本情况'),
    ...overviewSentences(result).map(body),
    ...stageTable(result, t),
    ...excludedTable(result, t),
    body(`本次评估依据：${rules.filter((l) => !l.startsWith('　')).join('；')}。`),
    ...rules.filter((l) => l.startsWith('　')).map((l) => body(`调整项 ${l.trim()}`)),
    body(`经自评，${verdictLine(result)}。`),
  ];
}

// ---------------------------------------------------------------------------------------------
// 二、各项指标达成情况

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
function indicatorsSection(result: EvaluationResult, t: TableNumbers): Block[] {
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

// ---------------------------------------------------------------------------------------------
// 三、存在问题 and 四、整改建议

function problemsSection(result: EvaluationResult): Block[] {
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

function recommendationsSection(result: EvaluationResult, t: TableNumbers): Block[] {
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

function comparisonSection(yoy: YearOverYear, t: TableNumbers): Block[] {
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

function signature(result: EvaluationResult): Block[] {
  const right = (text: string) =>
    new Paragraph({ text, alignment: AlignmentType.RIGHT, indent: { right: INDENT_2_CHARS } });
  return [new Paragraph({ text: '' }), right(`${result.county.name}人民政府`), right('年　　月　　日')];
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: SIZE.footer,
            font: cjk(FONT.latin),
          }),
        ],
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * Write the evaluation result as a Word self-evaluation report (自评报告).
 *
 * Title "XX县义务教育优质均衡发展督导评估自评报告（2025—2026学年）" (基本均衡 when only that standard
 * was evaluated), then 一、基本情况, 二、各项指标达成情况, 三、存在问题, 四、整改建议 and, when a
 * comparison is given, 五、年度对比.
 *
 * @param result the evaluation
 * @param opts.comparison year-over-year comparison to add as section 五
 * @returns the .docx file contents
 */
export async function writeResultReport(result: EvaluationResult, opts: ReportOptions = {}): Promise<Buffer> {
  const t = new TableNumbers();
  const children: Block[] = [
    ...titleBlock(result),
    ...basicInfoSection(result, t),
    ...indicatorsSection(result, t),
    ...problemsSection(result),
    ...recommendationsSection(result, t),
    ...(opts.comparison ? comparisonSection(opts.comparison, t) : []),
    ...signature(result),
  ];
  const doc = new Document({
    creator: 'junheng 均衡',
    title: reportTitle(result),
    styles: STYLES,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: { default: footer() },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
