/**
 * @module `junheng evaluate`: read a county file, evaluate it, write the verdict in the chosen format.
 */
import { writeFile } from 'node:fs/promises';
import {
  type CountyDataset,
  compareYears,
  type EvaluationResult,
  evaluate,
  message,
  type StandardChoice,
  type StandardSet,
  type YearOverYear,
} from '@junheng/core';
import { loadStandards, writeResultReport, writeResultWorkbook } from '@junheng/io';
import { renderVerdict } from '../terminal/verdict.js';
import { type CliContext, InputError, readDataset } from './input.js';

export type OutputFormat = 'table' | 'json' | 'xlsx' | 'docx';

export interface EvaluateArgs {
  file: string;
  standard: StandardChoice;
  county?: string;
  overrides?: string;
  previous?: string;
  format: OutputFormat;
  out?: string;
  allowIncomplete: boolean;
}

const FORMATS: OutputFormat[] = ['table', 'json', 'xlsx', 'docx'];
const STANDARDS: StandardChoice[] = ['basic', 'quality', 'both'];

export function checkChoices(standard: string, format: string): void {
  if (!STANDARDS.includes(standard as StandardChoice)) {
    throw new InputError(message('cli.evaluate.badStandard', { value: standard }));
  }
  if (!FORMATS.includes(format as OutputFormat)) {
    throw new InputError(message('cli.evaluate.badFormat', { value: format }));
  }
}

/** Evaluate and present; returns the result so the caller can choose the exit code. */
export async function runEvaluate(ctx: CliContext, args: EvaluateArgs): Promise<EvaluationResult> {
  checkChoices(args.standard, args.format);
  if ((args.format === 'xlsx' || args.format === 'docx') && !args.out) {
    throw new InputError(message('cli.evaluate.needOut', { format: args.format }));
  }
  const standards: StandardSet | undefined = args.overrides ? await loadStandards(args.overrides) : undefined;
  const ds = await readDataset(ctx, args.file, args.county, args.allowIncomplete);
  // The terminal shows summaries; files carry every school so each figure can be recomputed.
  const detail = args.format === 'table' ? 'summary' : 'full';
  const result = evaluate(ds, { standards, standard: args.standard, detail });
  let comparison: YearOverYear | undefined;
  if (args.previous) {
    const prev: CountyDataset = await readDataset(ctx, args.previous, undefined, args.allowIncomplete);
    if (prev.county.code !== ds.county.code) {
      throw new InputError(
        message('cli.evaluate.previousOtherCounty', {
          file: args.previous,
          name: prev.county.name,
          code: prev.county.code,
          currentName: ds.county.name,
          currentCode: ds.county.code,
        }),
      );
    }
    if (prev.year >= ds.year) {
      throw new InputError(
        message('cli.evaluate.previousNotEarlier', {
          file: args.previous,
          year: prev.year,
          currentYear: ds.year,
        }),
      );
    }
    comparison = compareYears(
      evaluate(prev, { standards, standard: args.standard, detail: 'summary' }),
      result,
    );
  }
  await present(ctx, args, result, comparison);
  return result;
}

async function present(
  ctx: CliContext,
  args: EvaluateArgs,
  result: EvaluationResult,
  comparison?: YearOverYear,
) {
  switch (args.format) {
    case 'table': {
      const text = renderVerdict(result, comparison);
      if (args.out) {
        await writeFile(args.out, `${text}\n`);
        ctx.log(message('cli.evaluate.written', { file: args.out }));
      } else ctx.print(text);
      return;
    }
    case 'json': {
      const json = JSON.stringify(comparison ? { ...result, comparison } : result, null, args.out ? 1 : 2);
      if (args.out) {
        await writeFile(args.out, json);
        ctx.log(message('cli.evaluate.written', { file: args.out }));
      } else ctx.print(json);
      return;
    }
    case 'xlsx':
      await writeFile(args.out!, await writeResultWorkbook(result, { comparison }));
      ctx.log(message('cli.evaluate.writtenExcel', { file: args.out }));
      return;
    case 'docx':
      await writeFile(args.out!, await writeResultReport(result, { comparison }));
      ctx.log(message('cli.evaluate.writtenWord', { file: args.out }));
      return;
  }
}
