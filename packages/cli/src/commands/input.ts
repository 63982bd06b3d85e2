/**
 * @module Reading input files for CLI commands, with every import error printed in Chinese.
 */
import { existsSync } from 'node:fs';
import { type CountyDataset, message } from '@junheng/core';
import { errorCount, formatImportError, importDatasetFile, listedErrors } from '@junheng/io';

/** Invalid input: exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface CliContext {
  /** Results (stdout). */
  print(text: string): void;
  /** Progress and messages (stderr), so stdout stays machine-readable. */
  log(text: string): void;
}

/** A problem of an input file (core's message), after the file's name. */
export function inFile(file: string, e: Error): string {
  return message('cli.common.inFile', { file, message: e.message });
}

/**
 * Import a dataset (.xlsx, .csv, .json) and, optionally, a county file (`--county`) carrying
 * 县域信息 (county name, code, 学年) and/or 县级指标 for it.
 * @throws InputError listing every error of both files when they are invalid
 */
export async function readDataset(
  ctx: CliContext,
  file: string,
  countyFile: string | undefined,
  allowIncomplete: boolean,
): Promise<CountyDataset> {
  if (!existsSync(file)) throw new InputError(message('cli.common.fileNotFound', { file }));
  if (countyFile !== undefined && !existsSync(countyFile)) {
    throw new InputError(message('cli.evaluate.countyNotFound', { file: countyFile }));
  }
  const imported = await importDatasetFile(file, { allowIncomplete, countyFile });
  // Each error line starts with its own file name; the heading names both files when there are two.
  const has = countyFile
    ? message('cli.evaluate.filesHave', { file, county: countyFile })
    : message('cli.evaluate.fileHas', { file });
  const count = errorCount(imported.errors);
  if (!imported.dataset) {
    const errors = listedErrors(imported.errors).map((e) => `  ${formatImportError(e)}`);
    throw new InputError(
      (allowIncomplete
        ? [
            message('cli.evaluate.nothingLeft', { has, count }),
            ...errors,
            ...imported.skipped.map((line) => `  ${message('cli.evaluate.skipped', { line })}`),
          ]
        : [
            message('cli.evaluate.notEvaluated', { has, count }),
            ...errors,
            message('cli.evaluate.allowIncompleteHint'),
          ]
      ).join('\n'),
    );
  }
  for (const line of imported.warnings) ctx.log(message('cli.common.hint', { text: line }));
  if (imported.errors.length > 0) {
    ctx.log(message('cli.evaluate.evaluatedWithout', { has, count }));
    for (const e of listedErrors(imported.errors)) ctx.log(`  ${formatImportError(e)}`);
  }
  for (const line of imported.skipped) ctx.log(message('cli.evaluate.skipped', { line }));
  return imported.dataset;
}
