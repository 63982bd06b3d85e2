/**
 * @module Verifiable 电脑派位 (computer lottery): canonical applicant list and commitment, public
 * seed, SHA-256 counter stream, unbiased Fisher–Yates draw, replay and a family's own check.
 * Specification: canonical.ts, seed.ts, generator.ts, draw.ts (and docs/lottery.md).
 */

export { decodeLotteryBytes, firstInvalidUtf8 } from './bytes.js';
export {
  type CanonicalRow,
  canonicalList,
  canonicalRows,
  commitment,
  compareTickets,
  entryDigest,
  type LotteryEntry,
  LotteryInputError,
  ticketProblem,
} from './canonical.js';
export {
  type DrawVerification,
  drawLottery,
  findMyEntry,
  type LotteryResult,
  type MyEntryCheck,
  type MyEntryVerdict,
  myEntryVerdict,
  verifyDraw,
} from './draw.js';
export {
  asLotteryRefusal,
  type CheckedConduct,
  type CheckedDraw,
  type ConductDrawInput,
  checkConduct,
  checkNewDraw,
  DRAW_PURPOSE_NAMES,
  type DrawPurpose,
  type DrawWitness,
  MAX_DRAW_ENTRIES,
  type NewDraw,
  PROTOCOL_ALL_RANKS,
} from './drawInput.js';
export { shanghaiIso, shanghaiTime } from './drawTime.js';
export {
  createLotteryStream,
  LOTTERY_DOMAIN,
  type LotteryStream,
  streamBlock,
  uniformIntFrom,
} from './generator.js';
export { jsLongSha256, type LongSha256, longSha256, useNativeSha256 } from './longHash.js';
export { parseCanonicalList } from './published-list.js';
export { type DrawRecord, drawRecord, protocolText } from './record.js';
export { MAX_SEED_DIGITS, MIN_SEED_DIGITS, parseLotterySeed } from './seed.js';
export {
  GENERATED_SECRET_HEX_DIGITS,
  groupSecret,
  lotterySecretsCsv,
  lotterySlipsHtml,
  type SlipOptions,
} from './slips.js';
export {
  cleanTypedSecret,
  cleanTypedTicket,
  codePoint,
  LOTTERY_WHITESPACE,
  showInvisible,
  TICKET_FORBIDDEN,
} from './text.js';
