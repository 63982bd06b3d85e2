/**
 * @module `junheng demo`: generate the demo county as the Excel template a clerk fills in,
 * evaluate it, print the verdict and write the Excel and Word reports.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { evaluate, generateDemoCounty, message } from '@junheng/core';
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
    throw new InputError(message('cli.demo.badSchools', { value: args.schools }));
  }
  if (!Number.isInteger(args.seed))
    throw new InputError(message('cli.common.badInteger', { option: '--seed', value: args.seed }));
  const dir = resolve(args.out);
  await mkdir(dir, { recursive: true });
  ctx.log(message('cli.demo.generating', { schools: args.schools, seed: args.seed }));
  const generated = generateDemoCounty({ schools: args.schools, seed: args.seed });
  const dataFile = join(dir, '演示县-学校填报.xlsx');
  await writeFile(dataFile, await writeDatasetWorkbook(generated));
  // Evaluate from the written workbook, exactly as a clerk's file would be read.
  const ds = await readDataset(ctx, dataFile, undefined, false);
  ctx.log(message('cli.demo.evaluating'));
  const result = evaluate(ds);
  ctx.print(renderVerdict(result));
  const xlsx = join(dir, '演示县-评估结果.xlsx');
  const docx = join(dir, '演示县-自评报告.docx');
  const json = join(dir, '演示县-评估结果.json');
  await writeFile(xlsx, await writeResultWorkbook(result));
  await writeFile(docx, await writeResultReport(result));
  await writeFile(json, JSON.stringify(result, null, 1));
  ctx.print(message('cli.demo.written', { data: dataFile, xlsx, docx, json }));
}
