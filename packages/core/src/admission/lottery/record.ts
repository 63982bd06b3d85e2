/**
 * @module The record of a draw (stored by the db later) and its printable 派位公证记录.
 */
import type { LotteryResult } from './draw.js';

/** What is kept of a draw: enough, with the published list, for anyone to replay it. */
export interface DrawRecord {
  /** When the seed was fixed, ISO 8601 with offset, e.g. `2026-07-10T09:30:00+08:00` (passed in; core has no clock). */
  readonly drawnAt: string;
  /** Who ran the draw (name or account of the operator). */
  readonly operator: string;
  /** Witnesses present (parents' representatives, 纪检, 人大代表…), by name. */
  readonly witnesses: readonly string[];
  /** The notary (公证员 and 公证处), when there was one. */
  readonly notary?: string;
  /** Hex SHA-256 of the canonical list, published before the draw. */
  readonly commitment: string;
  /** The canonical seed (digits only). */
  readonly seed: string;
  /** Hex SHA-256 of the result list. */
  readonly resultHash: string;
  /** Number of children in the draw. */
  readonly entryCount: number;
}

/** The record of a draw from its result and the circumstances (time, people) passed in. */
export function drawRecord(
  result: LotteryResult,
  props: Pick<DrawRecord, 'drawnAt' | 'operator' | 'witnesses' | 'notary'>,
): DrawRecord {
  return {
    drawnAt: props.drawnAt,
    operator: props.operator,
    witnesses: [...props.witnesses],
    ...(props.notary === undefined ? {} : { notary: props.notary }),
    commitment: result.commitment,
    seed: result.seed,
    resultHash: result.resultHash,
    entryCount: result.order.length,
  };
}

/** The seed in groups of 4 digits, easier to read aloud and compare. */
function groupDigits(seed: string): string {
  return seed.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * A printable Chinese 派位公证记录 (plain text): circumstances, commitment, seed, result hash and
 * the first `firstRanks` ranks (all when omitted).
 * @throws Error when the record and the result are not of the same draw
 */
export function protocolText(record: DrawRecord, result: LotteryResult, firstRanks?: number): string {
  if (
    record.commitment !== result.commitment ||
    record.seed !== result.seed ||
    record.resultHash !== result.resultHash ||
    record.entryCount !== result.order.length
  ) {
    throw new Error('派位记录与派位结果不一致（承诺值、种子、结果哈希或人数不同）：不能打印');
  }
  const shown = Math.min(firstRanks ?? result.order.length, result.order.length);
  const lines = [
    '电脑派位公证记录',
    '',
    `派位时间：${record.drawnAt}`,
    `操作人员：${record.operator}`,
    `见证人员：${record.witnesses.length > 0 ? record.witnesses.join('、') : '（无）'}`,
    `公证人员：${record.notary ?? '（无）'}`,
    `参加派位人数：${record.entryCount}`,
    '',
    `名单承诺值（派位前公示的名单 SHA-256）：${record.commitment}`,
    `随机种子（现场公开摇号，${record.seed.length} 位）：${groupDigits(record.seed)}`,
    `结果哈希（派位结果 SHA-256）：${record.resultHash}`,
    '',
    '算法：junheng-lottery-v1（SHA-256 计数器随机流，拒绝采样，Fisher–Yates 洗牌），见 docs/lottery.md。',
    '任何人可用公示名单和随机种子复算：junheng lottery verify <名单文件> <种子> --result-hash <结果哈希>',
    '',
    shown < result.order.length ? `派位顺序（前 ${shown} 名，共 ${result.order.length} 名）：` : '派位顺序：',
    ...result.order.slice(0, shown).map((ticket, k) => `  ${k + 1}. ${ticket}`),
    '',
    '操作人员签字：__________    见证人员签字：__________    公证人员签字：__________',
    '',
  ];
  return lines.join('\n');
}
