/**
 * @module `junheng lottery verify`, `junheng lottery draw` and `junheng lottery secrets`.
 * draw: the offline draw of a published list (core drawLottery): commitment, result hash, and the
 * result list `rank,ticket` per line — byte for byte the server's result.txt, so verify accepts its
 * hash. verify: replay a 电脑派位 draw from the published canonical list and the
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
  drawLottery,
  findMyEntry,
  GENERATED_SECRET_HEX_DIGITS,
  LotteryInputError,
  lotterySecretsCsv,
  lotterySlipsHtml,
  message,
  myEntryVerdict,
  parseLotterySeed,
  verifyDraw,
} from '@junheng/core';
import { formatImportError, readLotteryTickets } from '@junheng/io';
import { type CliContext, InputError, inFile } from './input.js';

/**
 * The text of a list file: its bytes decoded strictly as UTF-8 (core decodeLotteryBytes).
 * @throws InputError naming the file and the line of an invalid byte, or a missing file
 */
export function readLotteryListFile(file: string): string {
  if (!existsSync(file)) throw new InputError(message('cli.common.fileNotFound', { file }));
  try {
    return decodeLotteryBytes(readFileSync(file), message('cli.lottery.publishedList'));
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(inFile(file, e));
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
    throw new InputError(message('cli.lottery.ticketNeedsSecret'));
  }
  const text = readLotteryListFile(props.file);
  try {
    const v = verifyDraw(text, props.seed, props.resultHash, props.commitment);
    const r = v.result;
    const mark = (ok: boolean | null) =>
      ok === null ? '' : `  ${message(ok ? 'cli.lottery.matches' : 'cli.lottery.differs')}`;
    const published = (text: string | undefined) => text!.trim().toLowerCase();
    const lines = [
      message('cli.lottery.verifyList', { file: props.file, count: r.order.length }),
      message('cli.lottery.commitment', { commitment: r.commitment }) + mark(v.commitmentMatches),
      ...(v.commitmentMatches === false
        ? [`  ${message('cli.lottery.publishedCommitment', { commitment: published(props.commitment) })}`]
        : []),
      message('cli.lottery.seed', { seed: r.seed }),
      message('cli.lottery.resultHash', { hash: r.resultHash }) + mark(v.resultHashMatches),
      ...(v.resultHashMatches === false
        ? [`  ${message('cli.lottery.publishedResultHash', { hash: published(props.resultHash) })}`]
        : []),
    ];
    let mineFound = true;
    if (props.ticket !== undefined && props.secret !== undefined) {
      const verdict = myEntryVerdict(findMyEntry(text, props.ticket, props.secret, props.seed));
      lines.push(message('cli.lottery.myEntry', { text: verdict.text }));
      mineFound = verdict.found;
    }
    // The draw and the family's entry are two questions: a missing entry is not a failed replay.
    if (!v.verified) lines.push(message('cli.lottery.replayDiffers'));
    else if (!mineFound) lines.push(message('cli.lottery.myEntryMissing'));
    else lines.push(message('cli.lottery.replayMatches'));
    ctx.print(lines.join('\n'));
    return v.verified && mineFound ? 0 : 1;
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(inFile(props.file, e));
    throw e;
  }
}

export interface LotteryDrawProps {
  /** The published canonical list (`ticket,digest` lines). */
  file: string;
  /** The public seed (spaces allowed). */
  seed: string;
  /** Where to write the result list; printed after the summary when absent. */
  out?: string;
}

/** @returns 0 @throws InputError (exit 2) for a missing file, a malformed list or a bad seed */
export function runLotteryDraw(ctx: CliContext, props: LotteryDrawProps): number {
  const text = readLotteryListFile(props.file);
  let r: ReturnType<typeof drawLottery>;
  try {
    parseLotterySeed(props.seed);
    r = drawLottery(text, props.seed);
  } catch (e) {
    if (e instanceof LotteryInputError) throw new InputError(inFile(props.file, e));
    throw e;
  }
  const lines = [
    message('cli.lottery.drawList', { file: props.file, count: r.order.length }),
    message('cli.lottery.commitment', { commitment: r.commitment }),
    message('cli.lottery.seed', { seed: r.seed }),
    message('cli.lottery.resultHash', { hash: r.resultHash }),
  ];
  if (props.out) {
    writeFileSync(props.out, r.resultText, 'utf8');
    lines.push(message('cli.lottery.resultWritten', { file: props.out }));
    lines.push(message('cli.lottery.verifyNext', { file: props.file, seed: r.seed, hash: r.resultHash }));
  } else {
    lines.push(message('cli.lottery.result'), r.resultText.trimEnd());
  }
  ctx.print(lines.join('\n'));
  return 0;
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
  if (!props.out) throw new InputError(message('cli.lottery.secretsNeedOut'));
  if (!existsSync(props.file)) throw new InputError(message('cli.common.fileNotFound', { file: props.file }));
  const name = basename(props.file);
  const read = await readLotteryTickets(readFileSync(props.file), name);
  if (read.errors.length > 0) {
    throw new InputError(
      [
        message('cli.lottery.ticketsErrors', { file: name, count: read.errors.length }),
        ...read.errors.map((e) => `  ${formatImportError(e)}`),
        message('cli.lottery.ticketsFormat'),
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
    message('cli.lottery.tickets', { file: name, count: entries.length }),
    message('cli.lottery.secretsWritten', { file: props.out }),
    message('cli.lottery.slipsWritten', { file: slips }),
  ];
  if (props.list) {
    writeFileSync(props.list, canonicalList(entries), 'utf8');
    lines.push(
      message('cli.lottery.listWritten', { file: props.list }),
      message('cli.lottery.commitment', { commitment: commitment(entries) }),
      message('cli.lottery.drawNext', { file: props.list }),
    );
  }
  ctx.print(lines.join('\n'));
  return 0;
}
