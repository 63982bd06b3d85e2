// 电脑派位 benchmark (issue target: a draw of 100,000 applicants under 0.2 s, verification the same).
// The draw is timed as the product runs it at 开始派位 (db lotteryDraws.ts, `junheng lottery draw`):
// from the list text committed and published days before — the list is read strictly and its
// commitment checked, then the SHA-256 stream, the shuffle and the result list with its hash and
// text. Verification re-reads the published list text and recomputes all of that. Making the list
// from the entries (100,000 entry digests) happens once at 公示名单 and is printed apart. A
// result's `order` and `ranks` are built on first use: the line under the draw times reading both.
// Baseline, same run: the common "sort by hash" draw (each child gets SHA-256(seed + ticket), sorted),
// which is verifiable too but has no commitment to the list.
import { createHash } from 'node:crypto';
import {
  canonicalList,
  drawLottery,
  useNativeSha256,
  verifyDraw,
} from '../packages/core/dist/admission/lottery/index.js';
import { installNodeSha256 } from '../packages/io/dist/admission/lottery/nodeSha256.js';
import { time } from './timing.mjs';

const N = 100_000;
const SEED = '20260710314159265358';

function entries() {
  const out = [];
  for (let i = 1; i <= N; i++) {
    const ticket = `2026-${String(i).padStart(6, '0')}`;
    out.push({ ticket, secret: createHash('sha256').update(`secret ${i}`).digest('hex').slice(0, 32) });
  }
  return out;
}

function sortByHash(list) {
  return list
    .map((e) => ({ t: e.ticket, h: createHash('sha256').update(`${SEED}${e.ticket}`).digest('hex') }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
    .map((x) => x.t);
}

/** Runs the benchmarks and reports through bench/run.mjs's report(name, ours, baseline, baselineName, targetMs). */
export function runLotteryBenchmarks(report) {
  const list = entries();
  // As the CLI and the server run it: long messages (the list, the result) hashed by node:crypto.
  installNodeSha256();
  // 公示名单 (days before the draw): the canonical list text and its commitment, from the entries.
  const commit = time(() => canonicalList(list), 5);
  const text = commit.out;
  // 开始派位: what the server (db lotteryDraws.ts) and `junheng lottery draw` do — the draw from the
  // committed list text and the seed, with the result text that is stored and published.
  const drawn = (r) => r.resultText.length > 0 && r;
  const draw = time(() => drawn(drawLottery(text, SEED)), 5);
  const verify = time(() => verifyDraw(text, SEED, draw.out.resultHash), 5);
  if (!verify.out.verified) throw new Error('lottery benchmark: verification failed');
  // The same, reading the order and the ranks map (built on first use: admission reads them) too.
  const withRanks = (r) => r.order.length + r.ranks.size;
  const drawAll = time(() => withRanks(drawLottery(text, SEED)), 5);
  const base = time(() => sortByHash(list), 5);
  report(
    `电脑派位: the draw of ${N.toLocaleString('en')} children at 开始派位 (from the committed list: check, stream, shuffle, result)`,
    draw.ms,
    base.ms,
    'sort by SHA-256(seed+ticket), node:crypto',
    200,
  );
  console.log(`  (reading the result's order and ranks map too: ${drawAll.ms.toFixed(1)} ms)`);
  report(
    `电脑派位: verification from the published list text (${N.toLocaleString('en')} lines)`,
    verify.ms,
    base.ms,
    'sort by SHA-256(seed+ticket), node:crypto',
    200,
  );
  // Before the draw, once: the list and its commitment from the entries (100,000 entry digests).
  const fromEntries = time(() => drawLottery(list, SEED), 5);
  console.log(
    `  (公示名单 from the entries, days before: ${commit.ms.toFixed(1)} ms; commitment and draw from the entries in one go: ${fromEntries.ms.toFixed(1)} ms)`,
  );
  // What a browser replays with: core's JavaScript SHA-256 for every message.
  useNativeSha256(null);
  const verifyJs = time(() => verifyDraw(text, SEED, draw.out.resultHash), 5);
  installNodeSha256();
  console.log(
    `  (verification with core's JavaScript SHA-256 only, as a phone replays it: ${verifyJs.ms.toFixed(1)} ms)`,
  );
}
