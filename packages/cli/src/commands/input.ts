/**
 * @module Reading input files for CLI commands, with every import error printed in Chinese.
 */
import { existsSync } from 'node:fs';
import type { CountyDataset } from '@junheng/core';
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
  if (!existsSync(file)) throw new InputError(`找不到文件 ${file}：请检查路径`);
  if (countyFile !== undefined && !existsSync(countyFile)) {
    throw new InputError(`找不到 --county 指定的县域信息/县级指标文件 ${countyFile}：请检查路径`);
  }
  const imported = await importDatasetFile(file, { allowIncomplete, countyFile });
  // Each error line starts with its own file name; the heading names both files when there are two.
  const has = countyFile ? `${file} 和 ${countyFile} 共有` : `${file} 有`;
  if (!imported.dataset) {
    const errors = listedErrors(imported.errors).map((e) => `  ${formatImportError(e)}`);
    throw new InputError(
      (allowIncomplete
        ? [
            `${has} ${errorCount(imported.errors)} 处错误，跳过有错误的内容后没有可评估的数据：`,
            ...errors,
            ...imported.skipped.map((line) => `  已跳过：${line}`),
          ]
        : [
            `${has} ${errorCount(imported.errors)} 处错误，未进行评估：`,
            ...errors,
            '改正后重新运行；如确需跳过有错误的行，加 --allow-incomplete（跳过的行会逐一列出）。',
          ]
      ).join('\n'),
    );
  }
  for (const line of imported.warnings) ctx.log(`提示：${line}`);
  if (imported.errors.length > 0) {
    ctx.log(`${has} ${errorCount(imported.errors)} 处错误，按 --allow-incomplete 跳过以下内容后评估：`);
    for (const e of listedErrors(imported.errors)) ctx.log(`  ${formatImportError(e)}`);
  }
  for (const line of imported.skipped) ctx.log(`已跳过：${line}`);
  return imported.dataset;
}
