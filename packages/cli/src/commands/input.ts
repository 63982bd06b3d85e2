/**
 * @module Reading input files for CLI commands, with every import error printed in Chinese.
 */
import { existsSync } from 'node:fs';
import type { CountyDataset } from '@junheng/core';
import { formatImportError, importCountyInputsFile, importDatasetFile } from '@junheng/io';

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

/**
 * Import a dataset (.xlsx, .csv, .json) and, optionally, a separate county-items file.
 * @throws InputError listing every error when the file is invalid
 */
export async function readDataset(
  ctx: CliContext,
  file: string,
  countyFile: string | undefined,
  allowIncomplete: boolean,
): Promise<CountyDataset> {
  if (!existsSync(file)) throw new InputError(`找不到文件 ${file}：请检查路径`);
  const imported = await importDatasetFile(file, { allowIncomplete });
  if (!imported.dataset) {
    const errors = imported.errors.map((e) => `  ${formatImportError(e)}`);
    throw new InputError(
      (allowIncomplete
        ? [
            `${file} 有 ${imported.errors.length} 处错误，跳过有错误的行后没有可评估的学校：`,
            ...errors,
            ...imported.skipped.map((line) => `  已跳过：${line}`),
          ]
        : [
            `${file} 有 ${imported.errors.length} 处错误，未进行评估：`,
            ...errors,
            '改正后重新运行；如确需跳过有错误的行，加 --allow-incomplete（跳过的行会逐一列出）。',
          ]
      ).join('\n'),
    );
  }
  for (const line of imported.warnings) ctx.log(`提示：${line}`);
  if (imported.errors.length > 0) {
    ctx.log(`${file} 有 ${imported.errors.length} 处错误，按 --allow-incomplete 跳过以下内容后评估：`);
    for (const e of imported.errors) ctx.log(`  ${formatImportError(e)}`);
  }
  for (const line of imported.skipped) ctx.log(`已跳过：${line}`);
  const ds = imported.dataset!;
  if (countyFile) {
    if (!existsSync(countyFile)) throw new InputError(`找不到县级指标文件 ${countyFile}：请检查路径`);
    const county = await importCountyInputsFile(countyFile);
    if (county.errors.length > 0 || !county.inputs) {
      throw new InputError(
        [
          `${countyFile} 有 ${county.errors.length} 处错误：`,
          ...county.errors.map((e) => `  ${formatImportError(e)}`),
        ].join('\n'),
      );
    }
    ds.countyInputs = { ...ds.countyInputs, ...county.inputs };
  }
  return ds;
}
