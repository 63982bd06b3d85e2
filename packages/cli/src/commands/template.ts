/**
 * @module `junheng template`: write the blank Excel template a school clerk fills in.
 */
import { writeFile } from 'node:fs/promises';
import { message } from '@junheng/core';
import { writeTemplate } from '@junheng/io';
import type { CliContext } from './input.js';

export async function runTemplate(ctx: CliContext, out: string): Promise<void> {
  await writeFile(out, await writeTemplate());
  ctx.log(message('cli.template.written', { file: out }));
}
