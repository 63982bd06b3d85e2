/**
 * @module Student-proposing deferred acceptance (学生提议的延迟接受算法, Gale–Shapley).
 *
 * Each unplaced applicant proposes to the next school on their list; the school tentatively holds
 * its best applicants up to capacity by (category, lottery) and rejects the worst when over capacity.
 * Nothing is final until nobody is left to propose. The result is the applicant-optimal stable
 * matching: no justified envy, no wasted seat anybody asked for, and no applicant can get a school
 * they prefer by misreporting their list (strategy-proof for applicants).
 *
 * Implementation: a FIFO proposal queue of free applicants, and per school a binary max-heap of
 * the held applicants keyed by (category·2³² + lottery, applicant index), so the worst held applicant
 * is at the top and an eviction costs O(log capacity). All storage is typed arrays.
 */

import { type MatchingInput, type MatchingResult, validateMatchingInput } from './types.js';

const LOTTERY_SPAN = 4294967296;

/** Options of {@link deferredAcceptance}. */
export interface DeferredAcceptanceOptions {
  /** Validate the input first (default true; linear time). */
  readonly validate?: boolean;
}

/** Moves the entry at position `pos` of the heap starting at `base` up while it is worse than its parent. */
function siftUp(app: Int32Array, key: Float64Array, base: number, pos: number): void {
  const a = app[base + pos]!;
  const kk = key[base + pos]!;
  while (pos > 0) {
    const parent = (pos - 1) >> 1;
    const pk = key[base + parent]!;
    const pa = app[base + parent]!;
    // Max-heap on badness: stop when the parent is at least as bad.
    if (pk > kk || (pk === kk && pa > a)) break;
    app[base + pos] = pa;
    key[base + pos] = pk;
    pos = parent;
  }
  app[base + pos] = a;
  key[base + pos] = kk;
}

/** Moves the root of the heap (size `size`) down until both children are better. */
function siftDown(app: Int32Array, key: Float64Array, base: number, size: number): void {
  const a = app[base]!;
  const kk = key[base]!;
  let pos = 0;
  for (;;) {
    let child = 2 * pos + 1;
    if (child >= size) break;
    let ck = key[base + child]!;
    let ca = app[base + child]!;
    const right = child + 1;
    if (right < size) {
      const rk = key[base + right]!;
      const ra = app[base + right]!;
      if (rk > ck || (rk === ck && ra > ca)) {
        child = right;
        ck = rk;
        ca = ra;
      }
    }
    if (kk > ck || (kk === ck && a > ca)) break;
    app[base + pos] = ca;
    key[base + pos] = ck;
    pos = child;
  }
  app[base + pos] = a;
  key[base + pos] = kk;
}

/**
 * Runs student-proposing deferred acceptance.
 * `rounds` counts waves of the queue (all applicants free at the start of a wave propose in it);
 * `proposals` counts applications. O(applicants·k·log capacity) time, O(applicants + seats) memory.
 */
export function deferredAcceptance(
  input: MatchingInput,
  options?: DeferredAcceptanceOptions,
): MatchingResult {
  if (options?.validate !== false) validateMatchingInput(input);
  const { applicants: n, schools: m, k, choices, capacity, category, lottery } = input;
  const start = new Int32Array(m + 1);
  for (let s = 0; s < m; s++) start[s + 1] = start[s]! + capacity[s]!;
  const heapApp = new Int32Array(start[m]!);
  const heapKey = new Float64Array(start[m]!);
  const size = new Int32Array(m);
  const next = new Int32Array(n);
  const assignment = new Int32Array(n).fill(-1);
  if (n === 0 || k === 0) return { assignment, rounds: 0, proposals: 0 };

  // Circular queue: an applicant is in it at most once, so n slots suffice.
  const queue = new Int32Array(n);
  let head = 0;
  let count = 0;
  for (let i = 0; i < n; i++) if (choices[i * k] !== -1) queue[count++] = i;
  let tail = count === n ? 0 : count;
  let rounds = 0;
  let proposals = 0;

  while (count > 0) {
    rounds++;
    let wave = count;
    while (wave-- > 0) {
      const a = queue[head]!;
      head = head + 1 === n ? 0 : head + 1;
      count--;
      const lot = lottery[a]!;
      let r = next[a]!;
      const rowEnd = a * k + k;
      // Propose down the list until some school holds `a` or the list ends.
      for (let p = a * k + r; p < rowEnd; p++) {
        const s = choices[p]!;
        if (s < 0) break;
        r++;
        proposals++;
        const cap = capacity[s]!;
        if (cap === 0) continue;
        const kk = category[p]! * LOTTERY_SPAN + lot;
        const base = start[s]!;
        const sz = size[s]!;
        if (sz < cap) {
          heapApp[base + sz] = a;
          heapKey[base + sz] = kk;
          siftUp(heapApp, heapKey, base, sz);
          size[s] = sz + 1;
          assignment[a] = s;
          break;
        }
        const worstKey = heapKey[base]!;
        const worst = heapApp[base]!;
        if (kk < worstKey || (kk === worstKey && a < worst)) {
          heapApp[base] = a;
          heapKey[base] = kk;
          siftDown(heapApp, heapKey, base, cap);
          assignment[a] = s;
          assignment[worst] = -1;
          queue[tail] = worst;
          tail = tail + 1 === n ? 0 : tail + 1;
          count++;
          break;
        }
      }
      next[a] = r;
    }
  }
  return { assignment, rounds, proposals };
}
