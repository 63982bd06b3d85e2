/**
 * @module `junheng standards`: print the standard tables in use, each value with its override path
 * and source, as Markdown (docs/standards.md is this output for the national tables).
 */
import {
  COMPARISON_WORDS,
  INDICATORS,
  nationalStandards,
  SCHOOL_TYPE_NAMES,
  type StandardSet,
} from '@junheng/core';
import { loadStandards } from '@junheng/io';
import type { CliContext } from './input.js';

export function renderStandards(s: StandardSet): string {
  const q = s.quality;
  const b = s.basic;
  const lines: string[] = [
    '# 评估标准数据表',
    '',
    '由 `junheng standards` 生成。省级细则用覆盖文件（JSON/YAML）按“路径”修改任一值：',
    '',
    '```yaml',
    'name: 某省县域义务教育优质均衡发展督导评估实施细则',
    'source: 某教督〔2018〕1号',
    'set:',
    '  quality2017.government.specialEdFunding.threshold: 8000',
    '  quality2017.apportion.method: weighted',
    '```',
    '',
    '未知路径或类型不符的值会被拒绝并指出路径。出处标记见 shared/spec/standards.md §h；unconfirmed 表示通行值、未见官方原文。出处标记和把握程度只记在本表中；报告、页面和命令行表格中的“依据”显示所属文件的标题（core sourceTitle）。',
    '',
  ];
  if (s.overrides.length > 0) {
    lines.push(`## 已应用的覆盖（${s.overrideName ?? ''}）`, '', '| 路径 | 原值 | 新值 |', '|---|---|---|');
    for (const o of s.overrides)
      lines.push(`| \`${o.path}\` | ${JSON.stringify(o.from)} | ${JSON.stringify(o.to)} |`);
    lines.push('');
  }
  lines.push(`## 优质均衡 ${q.document}`, '', '### 资源配置 7 项指标（每校要求，≥）', '');
  lines.push('| 指标 | 小学 | 初中 | 路径 | 出处 |', '|---|---|---|---|---|');
  for (const [key, r] of Object.entries(q.indicators)) {
    lines.push(
      `| ${INDICATORS[r.indicator].name}（${INDICATORS[r.indicator].unit}） | ${r.min.primary} | ${r.min.junior} | \`${q.id}.indicators.${key}.min.primary\` / \`.junior\` | ${r.source} |`,
    );
  }
  lines.push(
    '',
    `- 每校至少 ${q.perSchool.minMet} 项达标（\`${q.id}.perSchool.minMet\`），其余不低于要求的 ${q.perSchool.floorRatio * 100}%（\`${q.id}.perSchool.floorRatio\`）。${q.perSchool.source}`,
    `- 单项差异系数：小学 ≤ ${q.cvMax.primary}、初中 ≤ ${q.cvMax.junior}（\`${q.id}.cvMax.primary\` / \`.junior\`）。${q.cvMax.source}`,
    `- 评估范围：不含 ${q.scope.excludeTypes.map((t) => SCHOOL_TYPE_NAMES[t]).join('、')}，不含在校生少于 ${q.scope.teachingPointMinStudents} 人的教学点（\`${q.id}.scope.teachingPointMinStudents\`）。${q.scope.source}`,
    `- 一贯制/完全中学共用设施分摊：${q.apportion.method === 'simple' ? '按学生数比例' : '按加权学生数'}（\`${q.id}.apportion.method\`: simple / weighted；权重 \`${q.id}.apportion.weights\` 小学 ${q.apportion.weights.primary} : 初中 ${q.apportion.weights.junior} : 高中 ${q.apportion.weights.senior}）。${q.apportion.source}`,
    '',
  );
  const items = (title: string, aspect: string, rules: typeof q.government) => {
    lines.push(`### ${title}`, '', '| 序号 | 指标 | 判定 | 路径 | 出处 |', '|---|---|---|---|---|');
    for (const [key, r] of Object.entries(rules)) {
      const judge =
        r.kind === 'judgment'
          ? '是/否'
          : r.kind === 'schools'
            ? `由学校数据计算${
                r.params
                  ? `（${Object.entries(r.params)
                      .map(([k, v]) => `${k}=${v}`)
                      .join('，')}）`
                  : ''
              }`
            : `${COMPARISON_WORDS[r.compare!]} ${r.unit === 'ratio' ? `${r.threshold! * 100}%` : r.threshold}`;
      lines.push(`| ${r.no} | ${r.name} | ${judge} | \`${q.id}.${aspect}.${key}\` | ${r.source} |`);
    }
    lines.push('');
  };
  items('政府保障程度', 'government', q.government);
  items('教育质量', 'quality', q.quality);
  lines.push(
    `### 社会认可度`,
    '',
    `${q.recognition.name}（\`${q.id}.recognition.threshold\`）。${q.recognition.source}`,
    '',
  );
  lines.push('### 否决项', '', '| 情形 | 路径 | 出处 |', '|---|---|---|');
  for (const [key, v] of Object.entries(q.vetoes))
    lines.push(`| ${v.name} | \`${q.id}.vetoes.${key}\` | ${v.source} |`);
  lines.push(
    '',
    `## 基本均衡 ${b.document}`,
    '',
    '8 项指标（小学、初中分别计算学生加权差异系数，综合差异系数为 8 项的算术平均）：',
    '',
  );
  for (const [i, id] of b.indicators.entries())
    lines.push(`${i + 1}. ${INDICATORS[id].name}（${INDICATORS[id].unit}）`);
  lines.push(
    '',
    `- 综合差异系数：小学 ≤ ${b.compositeCvMax.primary}、初中 ≤ ${b.compositeCvMax.junior}（\`${b.id}.compositeCvMax.primary\` / \`.junior\`）。${b.compositeCvMax.source}`,
    `- 评估范围：不含 ${b.scope.excludeTypes.map((t) => SCHOOL_TYPE_NAMES[t]).join('、')}，不含在校生少于 ${b.scope.teachingPointMinStudents} 人的教学点（\`${b.id}.scope.teachingPointMinStudents\`）。${b.scope.source}`,
    '',
  );
  items('县级指标', 'items', b.items);
  return lines.join('\n');
}

export async function runStandards(ctx: CliContext, overrides?: string): Promise<void> {
  ctx.print(renderStandards(overrides ? await loadStandards(overrides) : nationalStandards()));
}
