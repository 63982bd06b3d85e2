/**
 * @module The public seed of a 电脑派位 draw.
 *
 * The seed is a string of decimal digits fixed in public at the draw (e.g. digits drawn from a
 * lottery machine or dice in front of parents' representatives and a notary) and entered at the
 * draw page, after the commitment was published. Canonical form: the ASCII digits `0`–`9` only, in
 * the order drawn, leading zeros kept (the seed is a digit string, not a number); spaces (ASCII
 * space, tab, full-width space U+3000) typed for readability are removed, anything else is refused.
 *
 * Minimum length: {@link MIN_SEED_DIGITS} = 20 digits, i.e. 10²⁰ ≈ 2^66.4 possible seeds. With a
 * 6-digit seed (10⁶) anyone who can shape the list before publishing it (the order of tickets,
 * a secret) could try every seed in advance and publish a list that favours one child for most
 * of them; at ≥ 2^64 seeds, trying them all is out of reach. Maximum: 200 digits.
 */
import { LotteryInputError } from './canonical.js';
import { codePoint, showInvisible } from './text.js';

/** Fewest digits a seed may have: 20 (10²⁰ ≈ 2^66.4 > 2^64 possible seeds). */
export const MIN_SEED_DIGITS = 20;
/** Most digits a seed may have. */
export const MAX_SEED_DIGITS = 200;

/**
 * The canonical seed (digits only) from what was typed.
 * @throws LotteryInputError with a Chinese message saying what is wrong and why
 */
export function parseLotterySeed(input: string): string {
  const seed = input.replace(/[ \t\u3000]/g, '');
  if (seed === '') throw new LotteryInputError('随机种子为空：请输入现场公开摇出的数字');
  if (/^[-－−]/.test(seed)) {
    throw new LotteryInputError(
      '随机种子不能带负号：种子是现场公开摇出的一串数字 0–9（按摇出顺序，保留前导零），不是数值',
    );
  }
  const bad = [...seed].find((c) => !/[0-9]/.test(c));
  if (bad !== undefined) {
    throw new LotteryInputError(
      `随机种子只能由数字 0–9 组成（可用空格分组），其中有 “${showInvisible(bad)}”（${codePoint(bad)}）`,
    );
  }
  if (seed.length < MIN_SEED_DIGITS) {
    throw new LotteryInputError(
      `随机种子只有 ${seed.length} 位，至少需要 ${MIN_SEED_DIGITS} 位数字：位数太少时，可以事先试遍所有种子、` +
        `预先编排对某人有利的名单（${MIN_SEED_DIGITS} 位约合 2^66 种可能，无法试遍）`,
    );
  }
  if (seed.length > MAX_SEED_DIGITS) {
    throw new LotteryInputError(`随机种子有 ${seed.length} 位，最多 ${MAX_SEED_DIGITS} 位`);
  }
  return seed;
}
