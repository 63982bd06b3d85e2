/**
 * @module `junheng demo`: generate the demo county as the Excel template a clerk fills in,
 * evaluate it, print the verdict and write the Excel and Word reports.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { evaluate, generateDemoCounty } from '@junheng/core';
import { writeDatasetWorkbook, writeResultReport, writeResultWorkbook } from '@junheng/io';
import { renderVerdict } from '../terminal/verdict.js';
import { type CliContext, InputError, readDataset } from './input.js';

export interface DemoArgs {
  schools: number;
  seed: number;
  out: string;
}

export async function runDemo(ctx: CliContext, args: DemoArgs): Promise<void> {
  if (!Number.isInteger(args.schools) || args.schools < 1 || args.schools > 300_000) {
    throw new InputError(`--schools 的值 “${args.schools}” 无效：应为 1 到 300000 之间的整数`);
  }
  if (!Number.isInteger(args.seed)) throw new InputError(`--seed 的值 “${args.seed}” 无效：应为整数`);
  const dir = resolve(args.out);
  await mkdir(dir, { recursive: true });
  ctx.log(`生成演示县（${args.schools} 所学校，随机种子 ${args.seed}）……`);
  const generated = generateDemoCounty({ schools: args.schools, seed: args.seed });
  const dataFile = join(dir, '演示县-学校填报.xlsx');
  await writeFile(dataFile, await writeDatasetWorkbook(generated));
  // Evaluate from the written workbook, exactly as a clerk's file would be read.
  const ds = await readDataset(ctx, dataFile, undefined, false);
  ctx.log('评估中……');
  const result = evaluate(ds);
  ctx.print(renderVerdict(result));
  const xlsx = join(dir, '演示县-评估结果.xlsx');
  const docx = join(dir, '演示县-自评报告.docx');
  const json = join(dir, '演示县-评估结果.json');
  await writeFile(xlsx, await writeResultWorkbook(result));
  await writeFile(docx, await writeResultReport(result));
  await writeFile(json, JSON.stringify(result, null, 1));
  ctx.print(
    [
      '',
      '已生成：',
      `  填报数据（Excel 模板格式）：${dataFile}`,
      `  评估结果（Excel）：        ${xlsx}`,
      `  自评报告（Word）：         ${docx}`,
      `  评估结果（JSON）：         ${json}`,
      '',
      `用自己的数据评估：npx junheng template --out 模板.xlsx 填写后运行 npx junheng evaluate 模板.xlsx`,
    ].join('\n'),
  );
}
