/**
 * @module `junheng standards`: print the standard tables in use, each value with its override path
 * and source, as Markdown (docs/standards.md is this output for the national tables).
 */
import {
  type Catalogue,
  COMPARISON_WORDS,
  INDICATORS,
  message,
  nationalStandards,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  type StandardSet,
} from '@junheng/core';
import { loadStandards } from '@junheng/io';
import type { CliContext } from './input.js';

type Column = keyof Catalogue['cli']['standards']['column'];

/** A Markdown table row. */
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

/** A Markdown table's header and rule, the headers from the catalogue (a stage by its name). */
function header(...columns: (Column | 'primary' | 'junior')[]): string[] {
  const words = columns.map((c) =>
    c === 'primary' || c === 'junior' ? STAGE_NAMES[c] : message(`cli.standards.column.${c}`),
  );
  return [row(words), `|${columns.map(() => '---').join('|')}|`];
}

const indicatorName = (id: keyof typeof INDICATORS) =>
  message('cli.standards.indicator', { name: INDICATORS[id].name, unit: INDICATORS[id].unit });

/** How a county item is judged: yes/no, from the schools' data, or against its threshold. */
function judgeText(r: StandardSet['quality']['government'][string]): string {
  if (r.kind === 'judgment') return message('cli.standards.judgment');
  if (r.kind === 'schools') {
    if (!r.params) return message('cli.standards.fromSchools');
    const params = Object.entries(r.params)
      .map(([k, v]) => `${k}=${v}`)
      .join('，');
    return message('cli.standards.fromSchoolsWith', { params });
  }
  return `${COMPARISON_WORDS[r.compare!]} ${r.unit === 'ratio' ? `${r.threshold! * 100}%` : r.threshold}`;
}

export function renderStandards(s: StandardSet): string {
  const q = s.quality;
  const b = s.basic;
  const lines: string[] = [message('cli.standards.intro'), ''];
  if (s.overrides.length > 0) {
    lines.push(
      message('cli.standards.appliedOverrides', { name: s.overrideName ?? '' }),
      '',
      ...header('path', 'from', 'to'),
    );
    for (const o of s.overrides)
      lines.push(row([`\`${o.path}\``, JSON.stringify(o.from), JSON.stringify(o.to)]));
    lines.push('');
  }
  lines.push(
    message('cli.standards.qualityHeading', { document: q.document }),
    '',
    message('cli.standards.resourcesHeading'),
    '',
  );
  lines.push(...header('indicator', 'primary', 'junior', 'path', 'source'));
  for (const [key, r] of Object.entries(q.indicators)) {
    const path = `\`${q.id}.indicators.${key}.min.primary\` / \`.junior\``;
    lines.push(row([indicatorName(r.indicator), r.min.primary, r.min.junior, path, r.source]));
  }
  const scope = (x: typeof q | typeof b) =>
    message('cli.standards.scope', {
      types: x.scope.excludeTypes.map((t) => SCHOOL_TYPE_NAMES[t]).join('、'),
      minStudents: x.scope.teachingPointMinStudents,
      id: x.id,
      source: x.scope.source,
    });
  const { perSchool, cvMax, apportion } = q;
  lines.push(
    '',
    message('cli.standards.perSchool', {
      minMet: perSchool.minMet,
      floor: `${perSchool.floorRatio * 100}%`,
      id: q.id,
      source: perSchool.source,
    }),
    message('cli.standards.cvMax', { ...cvMax, id: q.id }),
    scope(q),
    message('cli.standards.apportion', {
      method: message(
        apportion.method === 'simple' ? 'cli.standards.apportionSimple' : 'cli.standards.apportionWeighted',
      ),
      id: q.id,
      ...apportion.weights,
      source: apportion.source,
    }),
    '',
  );
  const items = (title: string, aspect: string, rules: typeof q.government) => {
    lines.push(`### ${title}`, '', ...header('no', 'indicator', 'judge', 'path', 'source'));
    for (const [key, r] of Object.entries(rules))
      lines.push(row([r.no, r.name, judgeText(r), `\`${q.id}.${aspect}.${key}\``, r.source]));
    lines.push('');
  };
  items(message('cli.standards.government'), 'government', q.government);
  items(message('cli.standards.educationQuality'), 'quality', q.quality);
  lines.push(
    `### ${message('cli.standards.recognition')}`,
    '',
    message('cli.standards.recognitionRule', {
      name: q.recognition.name,
      id: q.id,
      source: q.recognition.source,
    }),
    '',
  );
  lines.push(`### ${message('cli.standards.vetoes')}`, '', ...header('situation', 'path', 'source'));
  for (const [key, v] of Object.entries(q.vetoes))
    lines.push(row([v.name, `\`${q.id}.vetoes.${key}\``, v.source]));
  lines.push(
    '',
    message('cli.standards.basicHeading', { document: b.document }),
    '',
    message('cli.standards.basicIntro'),
    '',
  );
  for (const [i, id] of b.indicators.entries()) lines.push(`${i + 1}. ${indicatorName(id)}`);
  lines.push('', message('cli.standards.compositeCvMax', { ...b.compositeCvMax, id: b.id }), scope(b), '');
  items(message('cli.standards.countyItems'), 'items', b.items);
  return lines.join('\n');
}

export async function runStandards(ctx: CliContext, overrides?: string): Promise<void> {
  ctx.print(renderStandards(overrides ? await loadStandards(overrides) : nationalStandards()));
}
