/**
 * @module 均衡分班 by local search.
 *  1. Start: together-groups packed exactly into the classes (pack.ts), then students dealt by
 *     score in snake order, skipping full classes and classes holding an apart-partner.
 *  2. Seeded simulated annealing over three moves that keep every class size within ⌊n/N⌋…⌈n/N⌉:
 *     swap two students of different classes, move a student from a larger to a smaller class,
 *     swap a together-group with as many students of another class. The objective has two levels
 *     (state.ts): counts first (apart-pairs, then gender, 随班就读, 留守), scores second.
 *  3. Counts: while a count still differs by more than 1 between classes, every move and swap
 *     between every pair of classes is tried, and the one that lowers the counts' cost most made.
 *  4. Polish, means: swaps of two students of the same gender, 随班就读 and 留守 status (so every
 *     count is kept) between any two classes, narrowing the gap between the highest and lowest
 *     class mean, then the number of classes at either end.
 */
import { createRandom } from '../../random.js';
import { PackingTooHardError, packGroups } from './pack.js';
import { draftOrder, snakeClass } from './snake.js';
import { ClassState, W_APART, W_CAT } from './state.js';
import { summarizePlacement } from './summary.js';
import type { BalanceOptions, ClassPlacement, Entrant } from './types.js';
import { buildUnits } from './units.js';

/** Annealing temperature of the score part, start and end (objective units). */
const T_START = 0.5;
const T_END = 1e-4;
const EPS = 1e-9;
/** Class means closer than this are taken as equal (sums of one-decimal scores differ by ≥ 0.1/size). */
const MEAN_TIE = 1e-9;

export interface BalancedPlacement extends ClassPlacement {
  seed: number | string;
  iterations: number;
  /** Final objective: W_APART × apart-pairs sharing a class + 1000 × counts' cost + scores' cost. */
  objective: number;
}

export function balanceClasses(students: readonly Entrant[], options: BalanceOptions): BalancedPlacement {
  const N = options.classes;
  if (!Number.isSafeInteger(N) || N < 1) throw new RangeError(`班级数必须是正整数，收到 ${N}`);
  const n = students.length;
  if (N > n) throw new RangeError(`班级数 ${N} 多于学生人数 ${n}：请减少班级数`);
  const seed = options.seed ?? 1;
  const iterations = options.iterations ?? Math.max(20_000, 300 * n);
  const constraints = options.constraints ?? {};
  const units = buildUnits(students, constraints, Math.ceil(n / N));
  const state = new ClassState(students, N, units);

  placeStart(state, students);
  anneal(state, seed, iterations);
  if (state.totalCountCost() > state.countCostFloor() + EPS) balanceCounts(state);
  if (state.scored > 0 && N > 1) polishMeans(state);

  const placement = summarizePlacement(students, state.cls, N, constraints);
  let objective = W_APART * placement.violations.apart;
  for (let c = 0; c < N; c++) objective += W_CAT * state.countCost(c) + state.scoreCost(c);
  return { ...placement, seed, iterations, objective };
}

/** Together-groups packed exactly, then the other students in snake order. */
function placeStart(state: ClassState, students: readonly Entrant[]): void {
  const { N, n, lo, units } = state;
  const { blocks, blockOf, partners } = units;
  const room = Array.from({ length: N }, (_, c) => lo + (c < n - lo * N ? 1 : 0));
  const order = draftOrder(students);
  const rank = new Int32Array(n);
  order.forEach((s, r) => {
    rank[s] = r;
  });
  const multi = blocks.map((_, b) => b).filter((b) => blocks[b]!.length > 1);
  multi.sort(
    (a, b) => blocks[b]!.length - blocks[a]!.length || rank[blocks[a]![0]!]! - rank[blocks[b]![0]!]!,
  );
  const place = packTogetherGroups(multi, blocks, blockOf, partners, room);
  multi.forEach((b, k) => {
    for (const i of blocks[b]!) state.put(i, place[k]!);
    room[place[k]!]! -= blocks[b]!.length;
  });
  let k = 0;
  for (const i of order) {
    if (blocks[blockOf[i]!]!.length > 1) continue;
    let c = -1;
    for (let t = 0; t < 2 * N && c < 0; t++) {
      const d = snakeClass(k + t, N);
      if (room[d]! > 0 && !state.conflicts(i, d)) c = d;
    }
    if (c < 0) c = room.findIndex((r) => r > 0);
    while (snakeClass(k, N) !== c) k++;
    k++;
    state.put(i, c);
    room[c]!--;
  }
}

/** Class of each together-group (in `multi` order) from the exact packing. */
function packTogetherGroups(
  multi: readonly number[],
  blocks: readonly (readonly number[])[],
  blockOf: Int32Array,
  partners: readonly (readonly number[])[],
  capacity: readonly number[],
): number[] {
  const position = new Map(multi.map((b, k) => [b, k]));
  const conflicts = multi.map((b) => {
    const linked = new Set<number>();
    for (const i of blocks[b]!) {
      for (const p of partners[i]!) {
        const k = position.get(blockOf[p]!);
        if (k !== undefined) linked.add(k);
      }
    }
    return [...linked];
  });
  let place: number[] | null;
  try {
    place = packGroups({ sizes: multi.map((b) => blocks[b]!.length), capacity, conflicts });
  } catch (e) {
    if (e instanceof PackingTooHardError)
      throw new RangeError('同班组过多，无法在合理时间内排定：请减少同班要求或调整班级数');
    throw e;
  }
  if (!place) throw new RangeError('同班组无法装入班级：请减少同班要求或调整班级数');
  return place;
}

/** Seeded simulated annealing; counts first (a move that worsens them is never taken). */
function anneal(state: ClassState, seed: number | string, iterations: number): void {
  const { N, n, lo, hi, cls, members, units } = state;
  const { blocks, blockOf } = units;
  if (N < 2 || n < 2) return;
  const rng = createRandom(seed);
  const multi = blocks.map((_, b) => b).filter((b) => blocks[b]!.length > 1);
  const singles = Array.from({ length: n }, (_, i) => i).filter((i) => state.isSingle(i));
  const u1 = [0];
  const v1 = [0];
  const none: number[] = [];
  const picked: number[] = [];
  const cool = Math.log(T_END / T_START);
  const pickClass = (not: number) => {
    const c = rng.int(0, N - 2);
    return c >= not ? c + 1 : c;
  };
  for (let it = 0; it < iterations; it++) {
    const T = T_START * Math.exp((cool * it) / iterations);
    const r = rng.next();
    let a: number;
    let b: number;
    let U: number[];
    let V: number[];
    if (multi.length > 0 && r < 0.1) {
      const mem = blocks[multi[rng.int(0, multi.length - 1)]!]!;
      a = cls[mem[0]!]!;
      b = pickClass(a);
      picked.length = 0;
      for (let t = 0; t < 4 * mem.length && picked.length < mem.length; t++) {
        const list = members[b]!;
        const v = list[rng.int(0, list.length - 1)]!;
        if (blocks[blockOf[v]!]!.length === 1 && !picked.includes(v)) picked.push(v);
      }
      if (picked.length < mem.length) continue;
      U = mem;
      V = picked;
    } else if (singles.length === 0) {
      continue;
    } else if (hi > lo && r < 0.2) {
      u1[0] = singles[rng.int(0, singles.length - 1)]!;
      a = cls[u1[0]]!;
      b = pickClass(a);
      U = u1;
      V = none;
    } else {
      u1[0] = singles[rng.int(0, singles.length - 1)]!;
      v1[0] = singles[rng.int(0, singles.length - 1)]!;
      a = cls[u1[0]]!;
      b = cls[v1[0]]!;
      if (a === b) continue;
      U = u1;
      V = v1;
    }
    const d = state.delta(a, b, U, V);
    if (d < -EPS) state.apply(a, b, U, V);
    else if (d <= EPS && (state.dScore <= EPS || rng.next() < Math.exp(-state.dScore / T)))
      state.apply(a, b, U, V);
  }
}

/**
 * Lowers the counts' cost by the best exchange between two classes, as long as one lowers it (the
 * annealing samples moves at random and may miss the few that help). Exchanges of at most one
 * student each way are tried first, then of up to two students or a together-group each way —
 * needed when an apart-partner must move along. Students of one profile (gender, 随班就读, 留守)
 * differ only by their apart-partners, so each class offers the students who have partners and
 * two of each profile who have none.
 */
function balanceCounts(state: ClassState): void {
  const { N } = state;
  const floor = state.countCostFloor();
  for (let round = 0; round < 10 * state.n; round++) {
    if (state.totalCountCost() <= floor + EPS) return;
    let exchange: Exchange | null = null;
    for (const wide of [false, true]) {
      const offers = Array.from({ length: N }, (_, c) => exchangeOffers(state, c, wide));
      for (let a = 0; a < N; a++) {
        for (let b = a + 1; b < N; b++) exchange = betterExchange(state, a, b, offers, exchange);
      }
      if (exchange !== null) break;
    }
    if (exchange !== null) {
      state.apply(exchange.a, exchange.b, exchange.U, exchange.V);
      continue;
    }
    const cycle = bestCycleOfThree(state);
    if (cycle === null) return;
    const [a, b, c, u, v, w] = cycle;
    state.apply(a, b, [u], [v]);
    state.apply(a, c, [v], [w]);
  }
}

/** Exchanges a cycle search may score before it gives up (a few seconds at most). */
const CYCLE_BUDGET = 2_000_000;

/**
 * The best cycle u: a→b, v: b→c, w: c→a of three single students that lowers the counts' cost,
 * when no exchange between two classes does (e.g. the student who would balance a count has an
 * apart-partner there). Scored as a swap of u and v, then of v and w; within CYCLE_BUDGET.
 */
function bestCycleOfThree(state: ClassState): [number, number, number, number, number, number] | null {
  const { N } = state;
  if (N < 3) return null;
  const offers = Array.from({ length: N }, (_, c) =>
    exchangeOffers(state, c, false)
      .filter((o) => o.length === 1)
      .map((o) => o[0]!),
  );
  let best: [number, number, number, number, number, number] | null = null;
  let bestD = -EPS;
  let spent = 0;
  for (let a = 0; a < N; a++) {
    for (let b = 0; b < N; b++) {
      if (a === b) continue;
      for (const u of offers[a]!) {
        for (const v of offers[b]!) {
          const d1 = state.delta(a, b, [u], [v]);
          if (d1 === Infinity) continue;
          state.apply(a, b, [u], [v]);
          for (let c = 0; c < N; c++) {
            if (c === a || c === b) continue;
            for (const w of offers[c]!) {
              const d = d1 + state.delta(a, c, [v], [w]);
              if (d < bestD - EPS) {
                bestD = d;
                best = [a, b, c, u, v, w];
              }
            }
            spent += offers[c]!.length;
          }
          state.apply(a, b, [v], [u]);
          if (spent > CYCLE_BUDGET) return best;
        }
      }
    }
  }
  return best;
}

interface Exchange {
  a: number;
  b: number;
  U: readonly number[];
  V: readonly number[];
  /** Change of the counts' cost, then of the scores' cost. */
  d: number;
  dScore: number;
}

/** The best of `best` and the exchanges between classes a and b that lower the counts' cost. */
function betterExchange(
  state: ClassState,
  a: number,
  b: number,
  offers: readonly (readonly (readonly number[])[])[],
  best: Exchange | null,
): Exchange | null {
  for (const U of offers[a]!) {
    for (const V of offers[b]!) {
      if (U.length + V.length === 0) continue;
      const d = state.delta(a, b, U, V);
      if (d >= -EPS) continue;
      if (best === null || d < best.d - EPS || (d <= best.d + EPS && state.dScore < best.dScore))
        best = { a, b, U, V, d, dScore: state.dScore };
    }
  }
  return best;
}

/**
 * What class c can give in an exchange: nobody, one student, and when wide two students or a
 * together-group. Of each profile only students with apart-partners and two without are offered.
 */
function exchangeOffers(state: ClassState, c: number, wide: boolean): number[][] {
  const { profile, units } = state;
  const free = new Array<number>(8).fill(0);
  const singles: number[] = [];
  const groups = new Set<number>();
  for (const i of state.members[c]!) {
    if (!state.isSingle(i)) groups.add(units.blockOf[i]!);
    else if (units.partners[i]!.length > 0) singles.push(i);
    else if (free[profile[i]!]! < 2) {
      free[profile[i]!]!++;
      singles.push(i);
    }
  }
  const offers: number[][] = [[], ...singles.map((i) => [i])];
  if (!wide) return offers;
  for (let x = 0; x < singles.length; x++)
    for (let y = x + 1; y < singles.length; y++) offers.push([singles[x]!, singles[y]!]);
  for (const g of groups) offers.push(units.blocks[g]!);
  return offers;
}

/** Spread of class means and how many classes sit at either end; smaller is better, in that order. */
interface MeanGap {
  spread: number;
  atEnds: number;
}

const better = (x: MeanGap, y: MeanGap) =>
  x.spread < y.spread - MEAN_TIE || (x.spread <= y.spread + MEAN_TIE && x.atEnds < y.atEnds);

/**
 * Swaps of two students of one profile (gender, 随班就读, 留守: every count is kept) between any
 * two classes, one of them at the highest or lowest mean, that narrow the spread of class means
 * or, at equal spread, leave fewer classes at its ends; among equals, the one costing least.
 */
function polishMeans(state: ClassState): void {
  const { N, members, nS, sum, hasScore, score, profile } = state;
  const scoredClasses = Array.from({ length: N }, (_, c) => c).filter((c) => nS[c]! > 0);
  if (scoredClasses.length < 2) return;
  const u1 = [0];
  const v1 = [0];
  const mean = new Float64Array(N);
  const gap: MeanGap = { spread: 0, atEnds: 0 };
  const best: MeanGap = { spread: 0, atEnds: 0 };
  for (let round = 0; round < 20 * state.n; round++) {
    for (const c of scoredClasses) mean[c] = sum[c]! / nS[c]!;
    const current = endsOf(scoredClasses, mean, -1, -1);
    const now: MeanGap = { spread: current.top - current.bottom, atEnds: current.nTop + current.nBottom };
    if (now.spread <= MEAN_TIE) return;
    const atEnd = (c: number) => mean[c]! >= current.top - MEAN_TIE || mean[c]! <= current.bottom + MEAN_TIE;
    best.spread = now.spread;
    best.atEnds = now.atEnds;
    let bestScore = Infinity;
    let swap = null as [number, number, number, number] | null;
    for (const a of scoredClasses) {
      for (const b of scoredClasses) {
        // a gives the higher score; one of the two classes must be at an end to change the gap.
        if (a === b || mean[a]! < mean[b]! || !(atEnd(a) || atEnd(b))) continue;
        const others = endsOf(scoredClasses, mean, a, b);
        const byProfile = singlesByProfile(state, members[b]!);
        for (const u of members[a]!) {
          if (!hasScore[u] || !state.isSingle(u)) continue;
          for (const v of byProfile[profile[u]!]!) {
            const x = score[u]! - score[v]!;
            if (x <= 0) continue;
            gapWith(others, (sum[a]! - x) / nS[a]!, (sum[b]! + x) / nS[b]!, gap);
            if (!better(gap, now) || better(best, gap)) continue;
            u1[0] = u;
            v1[0] = v;
            if (state.delta(a, b, u1, v1) > EPS) continue; // an apart-pair would share a class
            if (better(gap, best) || state.dScore < bestScore) {
              best.spread = gap.spread;
              best.atEnds = gap.atEnds;
              bestScore = state.dScore;
              swap = [a, b, u, v];
            }
          }
        }
      }
    }
    if (swap === null) return;
    const [a, b, u, v] = swap;
    state.apply(a, b, [u], [v]);
  }
}

/** Scored single students of a class by profile. */
function singlesByProfile(state: ClassState, list: readonly number[]): number[][] {
  const out: number[][] = Array.from({ length: 8 }, () => []);
  for (const v of list) if (state.hasScore[v] && state.isSingle(v)) out[state.profile[v]!]!.push(v);
  return out;
}

/** Highest and lowest mean of the classes other than a and b, and how many classes sit at each. */
interface Ends {
  top: number;
  bottom: number;
  nTop: number;
  nBottom: number;
}

function endsOf(classes: readonly number[], mean: Float64Array, a: number, b: number): Ends {
  let top = Number.NEGATIVE_INFINITY;
  let bottom = Number.POSITIVE_INFINITY;
  for (const c of classes) {
    if (c === a || c === b) continue;
    top = Math.max(top, mean[c]!);
    bottom = Math.min(bottom, mean[c]!);
  }
  let nTop = 0;
  let nBottom = 0;
  for (const c of classes) {
    if (c === a || c === b) continue;
    if (mean[c]! >= top - MEAN_TIE) nTop++;
    if (mean[c]! <= bottom + MEAN_TIE) nBottom++;
  }
  return { top, bottom, nTop, nBottom };
}

/** The gap once the two classes left out of `others` have means ma and mb (written into out). */
function gapWith(others: Ends, ma: number, mb: number, out: MeanGap): void {
  const top = Math.max(others.top, ma, mb);
  const bottom = Math.min(others.bottom, ma, mb);
  let atEnds = 0;
  if (others.top >= top - MEAN_TIE) atEnds += others.nTop;
  if (others.bottom <= bottom + MEAN_TIE) atEnds += others.nBottom;
  if (ma >= top - MEAN_TIE) atEnds++;
  if (ma <= bottom + MEAN_TIE) atEnds++;
  if (mb >= top - MEAN_TIE) atEnds++;
  if (mb <= bottom + MEAN_TIE) atEnds++;
  out.spread = top - bottom;
  out.atEnds = atEnds;
}
