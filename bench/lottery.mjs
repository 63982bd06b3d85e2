// 电脑派位 benchmark (issue target: a draw of 100,000 applicants under 0.2 s, verification the same).
// The draw includes the commitment (100,000 entry digests + the list's hash), the SHA-256 stream,
// the shuffle and the result list with its hash; verification re-reads the published list text and
// recomputes all of that. A result's `order` and `ranks` are built on first use, so they are not in
// these two figures: the line under each times the same reading both too.
// Baseline, same run: the common "sort by hash" draw (each child gets SHA-256(seed + ticket), sorted),
// which is verifiable too but has no commitment to the list.
import { createHash } from 'node:crypto';
import { canonicalList, drawLottery, verifyDraw } from '../packages/core/dist/admission/lottery/index.js';
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
  const draw = time(() => drawLottery(list, SEED), 5);
  const text = canonicalList(list);
  const verify = time(() => verifyDraw(text, SEED, draw.out.resultHash), 5);
  if (!verify.out.verified) throw new Error('lottery benchmark: verification failed');
  // The same, reading the order and the ranks map (built on first use) too.
  const withRanks = (r) => r.order.length + r.ranks.size;
  const drawAll = time(() => withRanks(drawLottery(list, SEED)), 5);
  const verifyAll = time(() => withRanks(verifyDraw(text, SEED, draw.out.resultHash).result), 5);
  const base = time(() => sortByHash(list), 5);
  report(
    `电脑派位: draw of ${N.toLocaleString('en')} children (commitment + stream + shuffle)`,
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
  console.log(`  (reading the result's order and ranks map too: ${verifyAll.ms.toFixed(1)} ms)`);
}
