/**
 * @module Reading an input file, with file-system failures turned into Chinese import errors.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportError } from './errors.js';

/**
 * Read a whole file.
 * @returns the bytes, or an ImportError saying what to check
 */
export async function readInputFile(path: string): Promise<{ bytes: Uint8Array } | { error: ImportError }> {
  try {
    return { bytes: await readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `找不到文件 ${path}：请检查路径和文件名`
        : code === 'EISDIR'
          ? `${path} 是文件夹：请指定文件`
          : `无法读取文件 ${path}（${(e as Error).message}）：请检查文件是否被占用或没有读取权限`;
    return { error: { file: basename(path), message } };
  }
}
