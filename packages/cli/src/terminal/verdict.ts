/**
 * @module The evaluation result as text for a terminal: verdicts first, then the figures behind them.
 */
import {
  type AspectResult,
  type BasicResult,
  type CoefficientRow,
  type EvaluationResult,
  fmtCv,
  fmtNumber,
  INDICATORS,
  type QualityResult,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  STATUS_NAMES,
  type YearOverYear,
} from '@junheng/core';
import { schoolYearLabel } from '@junheng/io';
import { bold, mark } from './colour.js';
import { renderTable } from './table.js';

const MAX_SCHOOLS = 15;

const COEFFICIENT_COLUMNS = [
  { header: '学段' },
  { header: '指标' },
  { header: '校数', align: 'right' as const },
  { header: '县均值', align: 'right' as const },
  { header: '差异系数', align: 'right' as const },
  { header: '标准' },
  { header: '结果' },
];

/** One coefficient as a table row; 基本均衡 single indicators have no threshold of their own. */
function coefficientRow(c: CoefficientRow): string[] {
  const judged = c.threshold !== null;
  return [
    STAGE_NAMES[c.stage],
    c.name,
    String(c.n),
    fmtNumber(c.mean, INDICATORS[c.indicator].decimals),
    fmtCv(c.cv),
    judged ? `≤ ${c.threshold!.toFixed(2)}` : '',
    judged || c.status === 'incomplete' ? mark(c.status) : '',
  ];
}

function basicSection(b: BasicResult): string[] {
  const out = [bold(`基本均衡 ${b.standard.document}：${mark(b.status)}`)];
  const rows: string[][] = [];
  for (const s of b.stages) {
    if (s.schoolCount === 0) continue;
    for (const c of s.coefficients) rows.push(coefficientRow(c));
    rows.push([
      STAGE_NAMES[s.stage],
      bold('综合差异系数'),
      '',
      '',
      fmtCv(s.composite.value),
      `≤ ${s.composite.threshold.toFixed(2)}`,
      mark(s.composite.status),
    ]);
  }
  out.push(renderTable(COEFFICIENT_COLUMNS, rows));
  out.push(
    '',
    renderTable(
      [{ header: '县级指标' }, { header: '填报值' }, { header: '结果' }],
      b.items.map((i) => [i.name, i.display, mark(i.status)]),
    ),
  );
  return out;
}

function aspectTable(a: AspectResult): string {
  return renderTable(
    [{ header: '序号', align: 'right' }, { header: '指标' }, { header: '填报/计算值' }, { header: '结果' }],
    a.items.map((i) => [
      String(i.no),
      i.name.length > 40 ? `${i.name.slice(0, 39)}…` : i.name,
      i.display,
      mark(i.status),
    ]),
  );
}

function qualitySection(q: QualityResult): string[] {
  const out = [bold(`优质均衡 ${q.standard.document}：${mark(q.status)}`)];
  const rows: string[][] = [];
  for (const s of q.stages) {
    if (s.schoolCount === 0) continue;
    for (const c of s.coefficients) rows.push(coefficientRow(c));
  }
  out.push('', bold('一、资源配置'), renderTable(COEFFICIENT_COLUMNS, rows));
  for (const s of q.stages) {
    if (s.schoolCount > 0) {
      out.push(
        `  ${STAGE_NAMES[s.stage]}：${s.schoolCount} 所学校中 ${s.schoolsMet} 所达标，${s.schoolsUnmet} 所未达标${s.schoolsIncomplete ? `，${s.schoolsIncomplete} 所数据不全` : ''}`,
      );
    }
  }
  const failing = q.schools.filter((s) => s.status !== 'met');
  const notMet = q.stages.reduce((n, s) => n + s.schoolsUnmet + s.schoolsIncomplete, 0);
  if (failing.length > 0) {
    const listed = Math.min(failing.length, MAX_SCHOOLS);
    out.push(
      '',
      `  未达标学校（${notMet} 所${notMet > listed ? `，列出达标项最少的 ${listed} 所，完整名单见 Excel/JSON 输出` : ''}）：`,
    );
    out.push(
      renderTable(
        [
          { header: '学校' },
          { header: '学段' },
          { header: '达标项', align: 'right' },
          { header: '结果' },
          { header: '最低达标方案' },
        ],
        failing
          .slice(0, MAX_SCHOOLS)
          .map((s) => [
            s.name,
            STAGE_NAMES[s.stage],
            `${s.metCount}/${s.indicators.length}`,
            mark(s.status),
            s.plan.length > 0
              ? s.plan.map((p) => p.text).join('；')
              : s.status === 'incomplete'
                ? '先补填缺失数据'
                : '',
          ]),
      ),
    );
  }
  for (const a of q.aspects.slice(1)) out.push('', bold(`${a.name}：${mark(a.status)}`), aspectTable(a));
  out.push(
    '',
    bold('否决项'),
    renderTable(
      [{ header: '情形' }, { header: '是否存在' }, { header: '结果' }],
      q.vetoes.map((v) => [
        v.name,
        v.triggered === null ? '未提供' : v.triggered ? '存在' : '不存在',
        mark(v.status),
      ]),
    ),
  );
  return out;
}

function comparisonSection(c: YearOverYear): string[] {
  const rows = c.coefficients.map((x) => [
    x.standard === 'basic' ? '基本均衡' : '优质均衡',
    STAGE_NAMES[x.stage],
    x.name,
    fmtCv(x.previous),
    fmtCv(x.current),
    x.change === null ? '—' : `${x.change > 0 ? '+' : ''}${x.change.toFixed(3)}`,
  ]);
  return [
    bold(`年度对比：${schoolYearLabel(c.previousYear)} → ${schoolYearLabel(c.currentYear)}`),
    renderTable(
      [
        { header: '标准' },
        { header: '学段' },
        { header: '指标' },
        { header: '上年', align: 'right' },
        { header: '本年', align: 'right' },
        { header: '变化', align: 'right' },
      ],
      rows,
    ),
    ...c.verdicts.map(
      (v) =>
        `  ${v.standard === 'basic' ? '基本均衡' : '优质均衡'}：${STATUS_NAMES[v.previous]} → ${STATUS_NAMES[v.current]}`,
    ),
  ];
}

/**
 * Render a result (and optional year-over-year comparison) for a terminal.
 * @returns text with aligned columns; coloured only on a TTY
 */
export function renderVerdict(r: EvaluationResult, comparison?: YearOverYear): string {
  const out: string[] = [
    bold(`${r.county.name}（${r.county.code}）${schoolYearLabel(r.year)} 义务教育均衡发展督导评估`),
  ];
  if (r.rules.overrides.length > 0) {
    out.push(
      `采用省级细则：${r.rules.overrideName ?? '覆盖文件'}，调整 ${r.rules.overrides.length} 项：${r.rules.overrides.map((o) => `${o.path} ${JSON.stringify(o.from)}→${JSON.stringify(o.to)}`).join('；')}`,
    );
  }
  out.push('');
  if (r.basic) out.push(...basicSection(r.basic), '');
  if (r.quality) out.push(...qualitySection(r.quality), '');
  if (r.excluded.length > 0) {
    out.push(bold(`未纳入校际指标计算（${r.excluded.length} 个学段）`));
    out.push(
      renderTable(
        [{ header: '学校' }, { header: '类型' }, { header: '学段' }, { header: '原因' }],
        r.excluded
          .slice(0, MAX_SCHOOLS)
          .map((e) => [e.name, SCHOOL_TYPE_NAMES[e.type], STAGE_NAMES[e.stage], e.reason]),
      ),
    );
    out.push('');
  }
  if (r.issues.length > 0) {
    out.push(bold(`数据问题（${r.issues.length} 处）`));
    for (const i of r.issues.slice(0, MAX_SCHOOLS)) out.push(`  ${i.name}（${i.schoolId}）：${i.message}`);
    out.push('');
  }
  if (comparison) out.push(...comparisonSection(comparison), '');
  out.push(bold(`结论：${mark(r.status)}`));
  for (const reason of r.reasons.slice(0, 30)) out.push(`  · ${reason}`);
  if (r.reasons.length > 30) out.push(`  · ……共 ${r.reasons.length} 条，完整列表见 JSON/Excel 输出`);
  return out.join('\n');
}
