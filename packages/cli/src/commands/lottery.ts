/**
 * @module `junheng lottery verify`: replay a 电脑派位 draw from the published canonical list and the
 * public seed (docs/lottery.md), compare the result hash (and the commitment) announced, and let a
 * family check its own entry and rank. Exit codes: 0 verified, 1 a hash or the family's entry does
 * not match, 2 invalid input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { findMyEntry, LotteryInputError, verifyDraw } from '@junheng/core';
import { type CliContext, InputError } from './input.js';

export interface LotteryVerifyProps {
  /** Path of the published canonical list (`ticket,digest` lines). */
  file: string;
  /** The public seed as announced (spaces allowed). */
  seed: string;
  /** The result hash announced at the draw. */
  resultHash?: string;
  /** The commitment published before the draw. */
  commitment?: string;
  /** A family's own ticket (with `secret`). */
  ticket?: string;
  /** That family's secret. */
  secret?: string;
}

/** Runs the check; returns the exit code (0 verified, 1 mismatch). @throws InputError for invalid input */
export function runLotteryVerify(ctx: CliContext, props: LotteryVerifyProps): number {
  if ((props.ticket === undefined) !== (props.secret === undefined)) {
    throw new InputError('--ticket 和 --secret 须同时给出：用编号和校验密码核对本人条目');
  }
  if (!existsSync(props.file)) throw new InputError(`找不到文件 ${props.file}：请检查路径`);
  const text = readFileSync(props.file, 'utf8');
  try {
    const v = verifyDraw(text, props.seed, props.resultHash, props.commitment);
    const r = v.result;
    const mark = (ok: boolean | null) => (ok === null ? '' : ok ? '  ✓ 一致' : '  ✗ 不一致');
    const lines = [
      `公示名单：${props.file}（${r.order.length} 名儿童）`,
      `名单承诺值：${r.commitment}${mark(v.commitmentMatches)}`,
      ...(v.commitmentMatches === false
        ? [`  派位前公布的承诺值：${props.commitment!.trim().toLowerCase()}`]
        : []),
      `随机种子：${r.seed}`,
      `结果哈希：${r.resultHash}${mark(v.resultHashMatches)}`,
      ...(v.resultHashMatches === false
        ? [`  公布的结果哈希：${props.resultHash!.trim().toLowerCase()}`]
        : []),
    ];
    let ok = v.verified;
    if (props.ticket !== undefined && props.secret !== undefined) {
      const mine = findMyEntry(text, props.ticket, props.secret, props.seed);
      if (!mine.listed) lines.push(`本人条目：✗ 名单中没有编号 “${props.ticket}”`);
      else if (!mine.digestMatches)
        lines.push(`本人条目：✗ 第 ${mine.line} 行编号 “${props.ticket}” 的摘要与校验密码不符`);
      else lines.push(`本人条目：✓ 第 ${mine.line} 行，摘要与校验密码相符；派位号（名次）${mine.rank}`);
      ok = ok && mine.listed && mine.digestMatches;
    }
    lines.push(ok ? '结论：✓ 复算一致' : '结论：✗ 复算不一致');
    ctx.print(lines.join('\n'));
    return ok ? 0 : 1;
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(`${props.file}：${e.message}`);
    throw e;
  }
}
