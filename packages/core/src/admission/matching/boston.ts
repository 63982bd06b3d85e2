/**
 * @module Immediate acceptance, "the Boston mechanism" (按志愿顺序录取，先一志愿).
 *
 * 中文说明：这就是许多县现行的"按志愿顺序录取（先一志愿）"：第 r 轮，所有尚未录取的学生报名其
 * 第 r 志愿；学校在剩余学位内按优先类别、再按摇号号码择优录取，录取即为最终结果，不再改变。
 * 该机制**不防策略操纵**（not strategy-proof）：如实把热门学校填在第一志愿的学生一旦落选，第二
 * 志愿学校往往已被别人的第一志愿占满；于是家长被迫"猜"录取概率、把有把握的学校填在前面。它也
 * **不稳定**：一名学生可能被录取到不如意的学校（或未被录取），而他更想去、且优先级更高的学校却
 * 录取了优先级比他低的学生（"有理由的嫉妒" / justified envy）。对比请用 audit.ts 的
 * compareMechanisms。
 *
 * English: round r, every unplaced applicant applies to their r-th choice; each school accepts by
 * priority (category, then lottery) up to its REMAINING seats, and acceptance is final. It is NOT
 * strategy-proof (ranking a popular school first risks losing one's safe school, whose seats are
 * taken by first choices in round 1) and NOT stable (it can leave justified envy). It maximises
 * the number of first choices granted under the reported lists — which are not truthful lists
 * once families have learnt the rule.
 */

import { type MatchingInput, type MatchingResult, validateMatchingInput } from './types.js';

const LOTTERY_SPAN = 4294967296;

/** Options of {@link boston}. */
export interface BostonOptions {
  /** Validate the input first (default true; linear time). */
  readonly validate?: boolean;
}

/**
 * Runs the immediate-acceptance (Boston) mechanism. `rounds` counts rounds in which anybody
 * applied; `proposals` counts applications, including those to schools already full.
 */
export function boston(input: MatchingInput, options?: BostonOptions): MatchingResult {
  if (options?.validate !== false) validateMatchingInput(input);
  const { applicants: n, schools: m, k, choices, capacity, category, lottery } = input;
  const assignment = new Int32Array(n).fill(-1);
  const remaining = Int32Array.from(capacity);
  let active = new Int32Array(n);
  let spare = new Int32Array(n);
  let activeCount = 0;
  for (let i = 0; i < n; i++) if (k > 0 && choices[i * k] !== -1) active[activeCount++] = i;
  const offset = new Int32Array(m + 1);
  const bucket = new Int32Array(n);
  let rounds = 0;
  let proposals = 0;

  for (let r = 0; r < k && activeCount > 0; r++) {
    rounds++;
    offset.fill(0);
    // Count applicants per school that still has seats (counting sort by school).
    for (let t = 0; t < activeCount; t++) {
      const i = active[t]!;
      const s = choices[i * k + r]!;
      proposals++;
      if (remaining[s]! > 0) offset[s + 1]!++;
    }
    for (let s = 0; s < m; s++) offset[s + 1]! += offset[s]!;
    const fill = offset.slice(0, m);
    for (let t = 0; t < activeCount; t++) {
      const i = active[t]!;
      const s = choices[i * k + r]!;
      if (remaining[s]! > 0) bucket[fill[s]!++] = i;
    }
    for (let s = 0; s < m; s++) {
      const lo = offset[s]!;
      const hi = offset[s + 1]!;
      if (hi === lo) continue;
      const seats = remaining[s]!;
      if (hi - lo <= seats) {
        for (let t = lo; t < hi; t++) assignment[bucket[t]!] = s;
        remaining[s] = seats - (hi - lo);
        continue;
      }
      // Over-subscribed: the best `seats` applicants by (category, lottery, index).
      const key = (i: number) => category[i * k + r]! * LOTTERY_SPAN + lottery[i]!;
      const group = Array.from(bucket.subarray(lo, hi)).sort((a, b) => key(a) - key(b) || a - b);
      for (let t = 0; t < seats; t++) assignment[group[t]!] = s;
      remaining[s] = 0;
    }
    // Still unplaced and with a next choice: apply again next round.
    const nextActive = spare;
    let nextCount = 0;
    for (let t = 0; t < activeCount; t++) {
      const i = active[t]!;
      if (assignment[i] === -1 && r + 1 < k && choices[i * k + r + 1] !== -1) nextActive[nextCount++] = i;
    }
    spare = active;
    active = nextActive;
    activeCount = nextCount;
  }
  return { assignment, rounds, proposals };
}
