/**
 * @module `junheng template`: write the blank Excel template a school clerk fills in.
 */
import { writeFile } from 'node:fs/promises';
import { writeTemplate } from '@junheng/io';
import type { CliContext } from './input.js';

export async function runTemplate(ctx: CliContext, out: string): Promise<void> {
  await writeFile(out, await writeTemplate());
  ctx.log(`已写入空白填报模板 ${out}（工作表：填报说明、县域信息、学校基本情况、县级指标）`);
}
