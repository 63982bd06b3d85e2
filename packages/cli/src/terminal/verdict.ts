/**
 * @module The evaluation result as text for a terminal: verdicts first, then the figures behind them.
 */
import {
  type AspectResult,
  type BasicResult,
  type Catalogue,
  type CoefficientRow,
  type EvaluationResult,
  fmtCv,
  fmtNumber,
  INDICATORS,
  message,
  type QualityResult,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  STATUS_NAMES,
  type YearOverYear,
} from '@junheng/core';
import { schoolYearLabel } from '@junheng/io';
import { bold, mark } from './colour.js';
import { type Column, renderTable } from './table.js';

const MAX_SCHOOLS = 15;

type ColumnName = keyof Catalogue['cli']['verdict']['column'];

/** Table columns with their headers from the catalogue; `>` before a name aligns it right. */
function columns(...names: (ColumnName | `>${ColumnName}`)[]): Column[] {
  return names.map((n) =>
    n.startsWith('>')
      ? { header: message(`cli.verdict.column.${n.slice(1) as ColumnName}`), align: 'right' }
      : { header: message(`cli.verdict.column.${n as ColumnName}`) },
  );
}

const coefficientColumns = () =>
  columns('stage', 'indicator', '>schoolCount', '>countyMean', '>cv', 'standard', 'result');

const standardName = (standard: 'basic' | 'quality') =>
  message(standard === 'basic' ? 'cli.verdict.basic' : 'cli.verdict.quality');

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
  const out = [
    bold(
      message('cli.verdict.standardHeading', {
        standard: standardName('basic'),
        document: b.standard.document,
        status: mark(b.status),
      }),
    ),
  ];
  const rows: string[][] = [];
  for (const s of b.stages) {
    if (s.schoolCount === 0) continue;
    for (const c of s.coefficients) rows.push(coefficientRow(c));
    rows.push([
      STAGE_NAMES[s.stage],
      bold(message('cli.verdict.composite')),
      '',
      '',
      fmtCv(s.composite.value),
      `≤ ${s.composite.threshold.toFixed(2)}`,
      mark(s.composite.status),
    ]);
  }
  out.push(renderTable(coefficientColumns(), rows));
  out.push(
    '',
    renderTable(
      columns('countyItem', 'reported', 'result'),
      b.items.map((i) => [i.name, i.display, mark(i.status)]),
    ),
  );
  return out;
}

function aspectTable(a: AspectResult): string {
  return renderTable(
    columns('>no', 'indicator', 'value', 'result'),
    a.items.map((i) => [
      String(i.no),
      i.name.length > 40 ? `${i.name.slice(0, 39)}…` : i.name,
      i.display,
      mark(i.status),
    ]),
  );
}

function qualitySection(q: QualityResult): string[] {
  const out = [
    bold(
      message('cli.verdict.standardHeading', {
        standard: standardName('quality'),
        document: q.standard.document,
        status: mark(q.status),
      }),
    ),
  ];
  const rows: string[][] = [];
  for (const s of q.stages) {
    if (s.schoolCount === 0) continue;
    for (const c of s.coefficients) rows.push(coefficientRow(c));
  }
  out.push('', bold(message('cli.verdict.resources')), renderTable(coefficientColumns(), rows));
  for (const s of q.stages) {
    if (s.schoolCount > 0) {
      const line = message('cli.verdict.stageSchools', {
        stage: STAGE_NAMES[s.stage],
        total: s.schoolCount,
        met: s.schoolsMet,
        unmet: s.schoolsUnmet,
        incomplete: s.schoolsIncomplete
          ? message('cli.verdict.stageIncomplete', { count: s.schoolsIncomplete })
          : '',
      });
      out.push(`  ${line}`);
    }
  }
  const failing = q.schools.filter((s) => s.status !== 'met');
  const notMet = q.stages.reduce((n, s) => n + s.schoolsUnmet + s.schoolsIncomplete, 0);
  if (failing.length > 0) {
    const listed = Math.min(failing.length, MAX_SCHOOLS);
    const more = notMet > listed ? message('cli.verdict.failingListed', { listed }) : '';
    out.push('', `  ${message('cli.verdict.failingSchools', { count: notMet, more })}`);
    out.push(
      renderTable(
        columns('school', 'stage', '>metCount', 'result', 'plan'),
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
                ? message('cli.verdict.fillMissingFirst')
                : '',
          ]),
      ),
    );
  }
  for (const a of q.aspects.slice(1)) {
    out.push('', bold(message('cli.verdict.aspectHeading', { aspect: a.name, status: mark(a.status) })));
    out.push(aspectTable(a));
  }
  const present = (triggered: boolean | null) =>
    message(
      triggered === null
        ? 'cli.verdict.vetoNotProvided'
        : triggered
          ? 'cli.verdict.vetoPresent'
          : 'cli.verdict.vetoAbsent',
    );
  out.push(
    '',
    bold(message('cli.verdict.vetoes')),
    renderTable(
      columns('situation', 'present', 'result'),
      q.vetoes.map((v) => [v.name, present(v.triggered), mark(v.status)]),
    ),
  );
  return out;
}

function comparisonSection(c: YearOverYear): string[] {
  const rows = c.coefficients.map((x) => [
    standardName(x.standard),
    STAGE_NAMES[x.stage],
    x.name,
    fmtCv(x.previous),
    fmtCv(x.current),
    x.change === null ? '—' : `${x.change > 0 ? '+' : ''}${x.change.toFixed(3)}`,
  ]);
  return [
    bold(
      message('cli.verdict.yearComparison', {
        previous: schoolYearLabel(c.previousYear),
        current: schoolYearLabel(c.currentYear),
      }),
    ),
    renderTable(columns('standard', 'stage', 'indicator', '>previous', '>current', '>change'), rows),
    ...c.verdicts.map((v) => {
      const line = message('cli.verdict.statusChange', {
        standard: standardName(v.standard),
        previous: STATUS_NAMES[v.previous],
        current: STATUS_NAMES[v.current],
      });
      return `  ${line}`;
    }),
  ];
}

/**
 * Render a result (and optional year-over-year comparison) for a terminal.
 * @returns text with aligned columns; coloured only on a TTY
 */
export function renderVerdict(r: EvaluationResult, comparison?: YearOverYear): string {
  const out: string[] = [
    bold(
      message('cli.verdict.title', {
        county: r.county.name,
        code: r.county.code,
        year: schoolYearLabel(r.year),
      }),
    ),
  ];
  if (r.rules.overrides.length > 0) {
    const changes = r.rules.overrides.map(
      (o) => `${o.path} ${JSON.stringify(o.from)}→${JSON.stringify(o.to)}`,
    );
    out.push(
      message('cli.verdict.provincialRules', {
        name: r.rules.overrideName ?? message('cli.verdict.overrideFile'),
        count: r.rules.overrides.length,
        changes: changes.join('；'),
      }),
    );
  }
  out.push('');
  if (r.basic) out.push(...basicSection(r.basic), '');
  if (r.quality) out.push(...qualitySection(r.quality), '');
  if (r.excluded.length > 0) {
    out.push(bold(message('cli.verdict.excluded', { count: r.excluded.length })));
    out.push(
      renderTable(
        columns('school', 'type', 'stage', 'reason'),
        r.excluded
          .slice(0, MAX_SCHOOLS)
          .map((e) => [e.name, SCHOOL_TYPE_NAMES[e.type], STAGE_NAMES[e.stage], e.reason]),
      ),
    );
    out.push('');
  }
  if (r.issues.length > 0) {
    out.push(bold(message('cli.verdict.issues', { count: r.issues.length })));
    for (const i of r.issues.slice(0, MAX_SCHOOLS))
      out.push(`  ${message('cli.verdict.issue', { name: i.name, id: i.schoolId, message: i.message })}`);
    out.push('');
  }
  if (comparison) out.push(...comparisonSection(comparison), '');
  out.push(bold(message('cli.verdict.conclusion', { status: mark(r.status) })));
  for (const reason of r.reasons.slice(0, 30)) out.push(`  · ${reason}`);
  if (r.reasons.length > 30)
    out.push(`  · ${message('cli.verdict.moreReasons', { count: r.reasons.length })}`);
  return out.join('\n');
}
