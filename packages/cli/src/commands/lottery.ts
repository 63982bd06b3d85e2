/**
 * @module `junheng lottery verify` and `junheng lottery secrets`. verify: replay a 电脑派位 draw from the published canonical list and the
 * public seed (docs/lottery.md), compare the result hash (and the commitment) announced, and let a
 * family check its own entry and rank. The list file is read as bytes and decoded strictly (an
 * invalid UTF-8 byte is refused, naming its line), so the commitment is the file's own SHA-256.
 * Exit codes: 0 verified, 1 a hash or the family's entry does not match, 2 invalid input.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import {
  canonicalList,
  commitment,
  decodeLotteryBytes,
  findMyEntry,
  GENERATED_SECRET_HEX_DIGITS,
  LotteryInputError,
  lotterySecretsCsv,
  lotterySlipsHtml,
  myEntryVerdict,
  verifyDraw,
} from '@junheng/core';
import { formatImportError, readLotteryTickets } from '@junheng/io';
import { type CliContext, InputError } from './input.js';

/**
 * The text of a list file: its bytes decoded strictly as UTF-8 (core decodeLotteryBytes).
 * @throws InputError naming the file and the line of an invalid byte, or a missing file
 */
export function readLotteryListFile(file: string, what = '公示名单'): string {
  if (!existsSync(file)) throw new InputError(`找不到文件 ${file}：请检查路径`);
  try {
    return decodeLotteryBytes(readFileSync(file), what);
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(`${file}：${e.message}`);
    throw e;
  }
}

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
    throw new InputError('--ticket 和 --secret 须同时给出：用编号和核验码核对本人条目');
  }
  const text = readLotteryListFile(props.file);
  try {
    const v = verifyDraw(text, props.seed, props.resultHash, props.commitment);
    const r = v.result;
    const mark = (ok: boolean | null) => (ok === null ? '' : ok ? '  ✓ 一致' : '  ✗ 不一致');
    const lines = [
      `公示名单：${props.file}（${r.order.length} 个派位条目：每户一个，同户多胞胎、兄弟姐妹共用）`,
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
    let mineFound = true;
    if (props.ticket !== undefined && props.secret !== undefined) {
      const verdict = myEntryVerdict(findMyEntry(text, props.ticket, props.secret, props.seed));
      lines.push(`本人条目：${verdict.text}`);
      mineFound = verdict.found;
    }
    // The draw and the family's entry are two questions: a missing entry is not a failed replay.
    if (!v.verified) lines.push('结论：✗ 复算不一致');
    else if (!mineFound) lines.push('结论：派位复算一致；✗ 本人条目不在名单中或与核验码不符');
    else lines.push('结论：✓ 复算一致');
    ctx.print(lines.join('\n'));
    return v.verified && mineFound ? 0 : 1;
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(`${props.file}：${e.message}`);
    throw e;
  }
}

export interface LotterySecretsProps {
  /** The 编号 list: .txt (one per line), .csv or .xlsx (an 编号 column). */
  file: string;
  /** Where the 编号,核验码 CSV goes (upload it on the draw page). */
  out?: string;
  /** Where the printable slips go (default: next to --out, `<name>-核验码条.html`). */
  slips?: string;
  /** Also write the canonical list to publish, and print its commitment. */
  list?: string;
  /** The draw's name on the slips. */
  title?: string;
  /** The public verification page's address on the slips. */
  url?: string;
}

/**
 * `junheng lottery secrets`: a 核验码 of 128 random bits (node:crypto randomBytes) for every 编号
 * of a standalone draw, the CSV to upload, one printable slip per family, and optionally the
 * canonical list with its commitment.
 * @returns 0 @throws InputError (exit 2) for a missing or invalid list
 */
export async function runLotterySecrets(ctx: CliContext, props: LotterySecretsProps): Promise<number> {
  if (!props.out) throw new InputError('请用 --out 指定核验码文件，如 --out 核验码.csv');
  if (!existsSync(props.file)) throw new InputError(`找不到文件 ${props.file}：请检查路径`);
  const name = basename(props.file);
  const read = await readLotteryTickets(readFileSync(props.file), name);
  if (read.errors.length > 0) {
    throw new InputError(
      [
        `${name} 有 ${read.errors.length} 处错误，未生成核验码：`,
        ...read.errors.map((e) => `  ${formatImportError(e)}`),
        '编号名单：每行一户的编号（.txt，UTF-8），或 .csv/.xlsx 中的“编号”列。',
      ].join('\n'),
    );
  }
  const entries = read.tickets.map((ticket) => ({
    ticket,
    secret: randomBytes(GENERATED_SECRET_HEX_DIGITS / 2).toString('hex'),
  }));
  writeFileSync(props.out, lotterySecretsCsv(entries), 'utf8');
  const slips =
    props.slips ?? join(dirname(props.out), `${basename(props.out, extname(props.out))}-核验码条.html`);
  const title = props.title?.trim() || basename(props.file, extname(props.file));
  writeFileSync(slips, lotterySlipsHtml(entries, { title, publicUrl: props.url ?? null }), 'utf8');
  const lines = [
    `编号名单：${name}（${entries.length} 户）`,
    `已写入核验码：${props.out}（编号,核验码；在网页“电脑派位”页“上传名单新建派位”上传此文件。不要公开此文件）`,
    `已写入核验码条：${slips}（每户一张，用浏览器打开后打印、裁开，分别交给各户）`,
  ];
  if (props.list) {
    writeFileSync(props.list, canonicalList(entries), 'utf8');
    lines.push(
      `已写入公示名单：${props.list}（派位前公布此文件和承诺值）`,
      `名单承诺值：${commitment(entries)}`,
      `派位：junheng lottery draw ${props.list} <现场摇出的随机种子> --out result.txt`,
    );
  }
  ctx.print(lines.join('\n'));
  return 0;
}
