/**
 * @module A province's wording: the override file named by JUNHENG_MESSAGES (JSON
 * `{ "<key>": "<text>" }`, docs/messages.md), read and checked once when the server or the CLI
 * starts. A file that does not parse, names an unknown key or drops a placeholder stops the
 * program with every problem listed, instead of showing half-changed words.
 */
import { readFileSync, statSync } from 'node:fs';
import { checkOverrides } from '@junheng/core';

/** The override file's limit: the whole catalogue is a few hundred kilobytes. */
const MAX_BYTES = 2 * 1024 * 1024;

export class MessageOverridesFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageOverridesFileError';
  }
}

/**
 * Reads and checks an override file.
 * @throws MessageOverridesFileError in Chinese, naming the file and every bad key
 */
export function readMessageOverrides(file: string): Record<string, string> {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) {
      throw new MessageOverridesFileError(`措辞文件 ${file} 超过 2 MB：它只应包含要改写的提示语`);
    }
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof MessageOverridesFileError) throw e;
    throw new MessageOverridesFileError(`读不到措辞文件 ${file}：请检查 JUNHENG_MESSAGES 指向的路径`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new MessageOverridesFileError(
      `措辞文件 ${file} 不是有效的 JSON（${(e as Error).message}）：格式为 { "键": "文字" }`,
    );
  }
  const problems = checkOverrides(parsed);
  if (problems.length > 0) {
    throw new MessageOverridesFileError(
      [
        `措辞文件 ${file} 有 ${problems.length} 处问题，未使用：`,
        ...problems.map((p) => `  ${p.message}`),
      ].join('\n'),
    );
  }
  return parsed as Record<string, string>;
}

/** The overrides named by JUNHENG_MESSAGES, or none when it is unset. */
export function messageOverridesFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const file = env.JUNHENG_MESSAGES;
  return file ? readMessageOverrides(file) : {};
}
