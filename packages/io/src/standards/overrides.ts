/**
 * @module Reading a provincial override file (JSON or YAML) into the standard tables.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { applyOverrides, type OverrideFile, type StandardSet } from '@junheng/core';
import { parse as parseYaml } from 'yaml';

export class OverrideFileError extends Error {
  override name = 'OverrideFileError';
}

/**
 * Load an override file and apply it to the national tables.
 * @throws OverrideFileError with a Chinese message naming the file and the fault
 */
export async function loadStandards(path: string): Promise<StandardSet> {
  const name = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new OverrideFileError(`无法读取覆盖文件 ${path}：请检查路径`);
  }
  let parsed: unknown;
  try {
    parsed = ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new OverrideFileError(`覆盖文件 ${name} 格式错误：${(e as Error).message}。应为 JSON 或 YAML`);
  }
  try {
    return applyOverrides(parsed as OverrideFile);
  } catch (e) {
    throw new OverrideFileError(`覆盖文件 ${name}：${(e as Error).message}`);
  }
}
