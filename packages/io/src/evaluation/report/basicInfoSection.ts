/**
 * @module The title of the Word report and its first section, 一、基本情况: the schools and
 * students counted by stage, the schools left out and why, the rules used and the verdict.
 */
import { type EvaluationResult, fmtQuantity, SCHOOL_TYPE_NAMES, STAGE_NAMES } from '@junheng/core';
import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { type Block, body, type Cell, h1, type TableNumbers, table } from './documentStyle.js';
import { overviewSentences, rulesDescription, schoolYearLabel, verdictLine } from './narrative.js';

export function reportTitle(result: EvaluationResult): string {
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

export function titleBlock(result: EvaluationResult): Block[] {
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

export function basicInfoSection(result: EvaluationResult, t: TableNumbers): Block[] {
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
