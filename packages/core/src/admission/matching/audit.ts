/**
 * @module Audit of an assignment: blocking pairs (justified envy, wasted seats) and a side-by-side
 * comparison of deferred acceptance and the Boston mechanism on the same applicants.
 *
 * A blocking pair is (applicant i, school s) where i listed s above their assignment (or is unplaced
 * and listed s), and s either has an empty seat ("empty-seat": a seat wasted that i asked for) or
 * holds somebody with lower priority than i at s ("justified-envy": 有理由的嫉妒 — the child was
 * placed at a school they like less although they had priority at s over someone admitted there).
 * A matching with no blocking pair is stable.
 */

import { boston } from './boston.js';
import { deferredAcceptance } from './deferredAcceptance.js';
import { type MatchingInput, validateMatchingInput } from './types.js';

const LOTTERY_SPAN = 4294967296;

/** One blocking pair. */
export interface BlockingPair {
  readonly applicant: number;
  readonly school: number;
  readonly kind: 'justified-envy' | 'empty-seat';
}

/** Result of {@link blockingPairs}. */
export interface BlockingPairsReport {
  /** The first `maxPairs` pairs found, by applicant then choice order. */
  readonly pairs: readonly BlockingPair[];
  /** All blocking pairs. */
  readonly count: number;
  /** Pairs where the school is full but holds someone with lower priority. */
  readonly justifiedEnvyPairs: number;
  /** Pairs where the school has an empty seat. */
  readonly emptySeatPairs: number;
  /** Applicants with at least one justified-envy pair (the children the mechanism treated unfairly). */
  readonly envyApplicants: number;
}

/**
 * Checks that `assignment` is a matching for `input`: every placed applicant is placed at a school
 * on their list, and no school is over capacity. Returns the slot (0-based choice rank) of each
 * applicant's assignment, or −1 if unplaced. Throws RangeError otherwise.
 */
export function assignedSlots(input: MatchingInput, assignment: Int32Array): Int32Array {
  const { applicants: n, schools: m, k, choices, capacity } = input;
  if (assignment.length !== n) throw new RangeError(`assignment 长度应为 ${n}`);
  const slot = new Int32Array(n).fill(-1);
  const used = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const s = assignment[i]!;
    if (s === -1) continue;
    let found = -1;
    for (let r = 0; r < k; r++) {
      if (choices[i * k + r] === s) {
        found = r;
        break;
      }
    }
    if (found < 0) throw new RangeError(`申请人 ${i} 被分配到未填报的学校 ${s}`);
    slot[i] = found;
    if (++used[s]! > capacity[s]!) throw new RangeError(`学校 ${s} 超出学位数 ${capacity[s]}`);
  }
  return slot;
}

/**
 * Finds the blocking pairs of `assignment`. O(applicants·k). Keeps at most `maxPairs` pairs
 * (default 1000) but counts all.
 */
export function blockingPairs(
  input: MatchingInput,
  assignment: Int32Array,
  maxPairs = 1000,
): BlockingPairsReport {
  validateMatchingInput(input);
  const { applicants: n, schools: m, k, choices, capacity, category, lottery } = input;
  const slot = assignedSlots(input, assignment);
  // Per school: seats used and the worst held priority (key, then applicant index).
  const used = new Int32Array(m);
  const worstKey = new Float64Array(m).fill(-1);
  const worstApp = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    const s = assignment[i]!;
    if (s < 0) continue;
    used[s]!++;
    const kk = category[i * k + slot[i]!]! * LOTTERY_SPAN + lottery[i]!;
    if (kk > worstKey[s]! || (kk === worstKey[s]! && i > worstApp[s]!)) {
      worstKey[s] = kk;
      worstApp[s] = i;
    }
  }
  const pairs: BlockingPair[] = [];
  let justifiedEnvyPairs = 0;
  let emptySeatPairs = 0;
  let envyApplicants = 0;
  for (let i = 0; i < n; i++) {
    const end = slot[i]! < 0 ? k : slot[i]!;
    let envious = false;
    for (let r = 0; r < end; r++) {
      const p = i * k + r;
      const s = choices[p]!;
      if (s < 0) break;
      let kind: BlockingPair['kind'] | undefined;
      if (used[s]! < capacity[s]!) kind = 'empty-seat';
      else if (used[s]! > 0) {
        const kk = category[p]! * LOTTERY_SPAN + lottery[i]!;
        if (kk < worstKey[s]! || (kk === worstKey[s]! && i < worstApp[s]!)) kind = 'justified-envy';
      }
      if (kind === undefined) continue;
      if (kind === 'empty-seat') emptySeatPairs++;
      else {
        justifiedEnvyPairs++;
        envious = true;
      }
      if (pairs.length < maxPairs) pairs.push({ applicant: i, school: s, kind });
    }
    if (envious) envyApplicants++;
  }
  return {
    pairs,
    count: justifiedEnvyPairs + emptySeatPairs,
    justifiedEnvyPairs,
    emptySeatPairs,
    envyApplicants,
  };
}

/** Which mechanism a comparison row is about. */
export type MechanismId = 'deferred-acceptance' | 'boston';

/** One row of {@link compareMechanisms}. */
export interface MechanismReport {
  readonly mechanism: MechanismId;
  /** Honest label for reports. */
  readonly label: string;
  /** Whether truthful ranking is always a best strategy for families. */
  readonly strategyProof: boolean;
  readonly assignment: Int32Array;
  /** Applicants placed at some school. */
  readonly placed: number;
  /** Applicants placed at their first choice. */
  readonly firstChoice: number;
  /** byRank[r] = applicants placed at their (r+1)-th choice. */
  readonly byRank: readonly number[];
  /** Children with justified envy: placed below a listed school where they out-rank someone admitted. */
  readonly envyApplicants: number;
  readonly justifiedEnvyPairs: number;
  readonly emptySeatPairs: number;
  readonly rounds: number;
  readonly proposals: number;
}

/** Side-by-side comparison on the same applicants. */
export interface MechanismComparison {
  readonly applicants: number;
  readonly rows: readonly [MechanismReport, MechanismReport];
}

function row(
  input: MatchingInput,
  mechanism: MechanismId,
  label: string,
  strategyProof: boolean,
  result: { assignment: Int32Array; rounds: number; proposals: number },
): MechanismReport {
  const audit = blockingPairs(input, result.assignment, 0);
  const slot = assignedSlots(input, result.assignment);
  const byRank = new Array<number>(input.k).fill(0);
  let placed = 0;
  for (let i = 0; i < input.applicants; i++) {
    if (slot[i]! < 0) continue;
    placed++;
    byRank[slot[i]!]!++;
  }
  return {
    mechanism,
    label,
    strategyProof,
    assignment: result.assignment,
    placed,
    firstChoice: byRank[0] ?? 0,
    byRank,
    envyApplicants: audit.envyApplicants,
    justifiedEnvyPairs: audit.justifiedEnvyPairs,
    emptySeatPairs: audit.emptySeatPairs,
    rounds: result.rounds,
    proposals: result.proposals,
  };
}

/** Runs both mechanisms on the same input (same lists, priorities and lottery) and audits each. */
export function compareMechanisms(input: MatchingInput): MechanismComparison {
  validateMatchingInput(input);
  const da = deferredAcceptance(input, { validate: false });
  const im = boston(input, { validate: false });
  return {
    applicants: input.applicants,
    rows: [
      row(input, 'deferred-acceptance', '学生提议的延迟接受（稳定、防策略操纵）', true, da),
      row(input, 'boston', '按志愿顺序录取，先一志愿（波士顿机制：不稳定、不防策略操纵）', false, im),
    ],
  };
}
