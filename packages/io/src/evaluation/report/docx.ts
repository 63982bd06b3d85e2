/**
 * @module The evaluation result as a Word report in the usual form of a 县域义务教育优质均衡
 * 发展督导评估自评报告: 一、基本情况, 二、各项指标达成情况, 三、存在问题, 四、整改建议 and, with a
 * comparison, 五、年度对比. The look is in ./documentStyle.ts, each section in its own module;
 * every sentence comes from ./narrative.ts, so the workbook and the terminal say the same.
 */
import type { EvaluationResult } from '@junheng/core';
import { Document, Packer } from 'docx';
import { basicInfoSection, reportTitle, titleBlock } from './basicInfoSection.js';
import { comparisonSection, problemsSection, recommendationsSection, signature } from './closingSections.js';
import { type Block, footer, PAGE, STYLES, TableNumbers } from './documentStyle.js';
import { indicatorsSection } from './indicatorsSection.js';
import type { ReportOptions } from './narrative.js';

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
