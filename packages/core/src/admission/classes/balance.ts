/**
 * @module 均衡分班 by local search. Start: a constraint-respecting snake draft (together-groups
 * placed first, then students dealt by score in snake order, skipping full classes and classes
 * holding an apart-partner). Then seeded simulated annealing over three moves that keep every class
 * size within ⌊n/N⌋…⌈n/N⌉: swap two students of different classes, move a student from a larger
 * to a smaller class, swap a together-group with as many students of another class. Last, a
 * polish pass narrows the gap between the classes of highest and lowest mean score by swaps that
 * keep every categorical count.
 *
 * The objective is a sum over classes (so a move is scored from its two classes only):
 *   W_CAT × Σ over male, female, 随班就读, 留守 of (count − total/N)²  — least exactly when every
 *     count is ⌊total/N⌋ or ⌈total/N⌉, i.e. differs by at most 1 between classes;
 *   W_MEAN × ((class mean − grade mean)/σ)² + W_SD × ((class sd − σ)/σ)²  — σ the grade's sd;
 *   W_APART per apart-pair sharing a class (together-groups always move as one block).
 */
import { createRandom } from '../../random.js';
import { draftOrder, snakeClass } from './snake.js';
import { summarizePlacement } from './summary.js';
import type { BalanceOptions, ClassPlacement, Entrant } from './types.js';
import { buildUnits } from './units.js';

const W_CAT = 1000;
const W_MEAN = 10_000;
const W_SD = 1000;
const W_APART = 1e9;
/** Annealing temperature, start and end (objective units). */
const T_START = 0.5;
const T_END = 1e-4;
const EPS = 1e-12;

export interface BalancedPlacement extends ClassPlacement {
  seed: number | string;
  iterations: number;
  /** Final objective value (see the module comment). */
  objective: number;
}

export function balanceClasses(students: readonly Entrant[], options: BalanceOptions): BalancedPlacement {
  const N = options.classes;
  if (!Number.isSafeInteger(N) || N < 1) throw new RangeError(`班级数必须是正整数，收到 ${N}`);
  const n = students.length;
  const seed = options.seed ?? 1;
  const iterations = options.iterations ?? Math.max(20_000, 300 * n);
  const constraints = options.constraints ?? {};
  const lo = Math.floor(n / N);
  const hi = Math.ceil(n / N);
  const { blockOf, blocks, partners } = buildUnits(students, constraints, hi);

  // Student features.
  const isMale = new Uint8Array(n);
  const isSpec = new Uint8Array(n);
  const isLeft = new Uint8Array(n);
  const hasScore = new Uint8Array(n);
  const score = new Float64Array(n);
  let tot = [0, 0, 0, 0];
  let sSum = 0;
  let sSq = 0;
  let sN = 0;
  students.forEach((s, i) => {
    isMale[i] = s.gender === 'male' ? 1 : 0;
    isSpec[i] = s.specialNeeds ? 1 : 0;
    isLeft[i] = s.leftBehind ? 1 : 0;
    if (s.score !== undefined) {
      if (!Number.isFinite(s.score)) throw new RangeError(`${s.id} 的成绩无效：${s.score}`);
      hasScore[i] = 1;
      score[i] = s.score;
      sSum += s.score;
      sSq += s.score * s.score;
      sN++;
    }
  });
  tot = [
    isMale.reduce((a, b) => a + b, 0),
    0,
    isSpec.reduce((a, b) => a + b, 0),
    isLeft.reduce((a, b) => a + b, 0),
  ];
  tot[1] = n - tot[0]!;
  const [tM, tF, tS, tL] = tot.map((t) => t / N) as [number, number, number, number];
  const mu = sN > 0 ? sSum / sN : 0;
  const sigmaRaw = sN > 0 ? Math.sqrt(Math.max(0, sSq / sN - mu * mu)) : 0;
  const sigma = sigmaRaw > 0 ? sigmaRaw : 1;

  // Class statistics.
  const cnt = new Float64Array(N);
  const nS = new Float64Array(N);
  const sum = new Float64Array(N);
  const sq = new Float64Array(N);
  const cm = new Float64Array(N);
  const cs = new Float64Array(N);
  const cl = new Float64Array(N);
  const costOf = (c: number, nSc: number, su: number, q: number, m: number, sp: number, l: number) => {
    const f = c - m;
    let v = W_CAT * ((m - tM) ** 2 + (f - tF) ** 2 + (sp - tS) ** 2 + (l - tL) ** 2);
    if (nSc > 0) {
      const mean = su / nSc;
      const sd = Math.sqrt(Math.max(0, q / nSc - mean * mean));
      v += W_MEAN * ((mean - mu) / sigma) ** 2 + W_SD * ((sd - sigmaRaw) / sigma) ** 2;
    }
    return v;
  };
  const classCost = (c: number) => costOf(cnt[c]!, nS[c]!, sum[c]!, sq[c]!, cm[c]!, cs[c]!, cl[c]!);

  const cls = new Int32Array(n).fill(-1);
  const members: number[][] = Array.from({ length: N }, () => []);
  const pos = new Int32Array(n);
  const put = (i: number, c: number) => {
    cls[i] = c;
    pos[i] = members[c]!.length;
    members[c]!.push(i);
    cnt[c]!++;
    cm[c]! += isMale[i]!;
    cs[c]! += isSpec[i]!;
    cl[c]! += isLeft[i]!;
    if (hasScore[i]) {
      nS[c]!++;
      sum[c]! += score[i]!;
      sq[c]! += score[i]! * score[i]!;
    }
  };
  const take = (i: number) => {
    const c = cls[i]!;
    const list = members[c]!;
    const last = list.pop()!;
    if (last !== i) {
      list[pos[i]!] = last;
      pos[last] = pos[i]!;
    }
    cnt[c]!--;
    cm[c]! -= isMale[i]!;
    cs[c]! -= isSpec[i]!;
    cl[c]! -= isLeft[i]!;
    if (hasScore[i]) {
      nS[c]!--;
      sum[c]! -= score[i]!;
      sq[c]! -= score[i]! * score[i]!;
    }
    cls[i] = -1;
  };
  const conflicts = (i: number, c: number) => partners[i]!.some((p) => cls[p] === c);

  // Start: constraint-respecting snake draft.
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
  for (const b of multi) {
    const mem = blocks[b]!;
    let best = -1;
    for (const strict of [true, false]) {
      for (let c = 0; c < N; c++) {
        if (room[c]! < mem.length || (strict && mem.some((i) => conflicts(i, c)))) continue;
        if (best < 0 || room[c]! > room[best]!) best = c;
      }
      if (best >= 0) break;
    }
    if (best < 0) throw new RangeError('同班组无法装入班级：请减少同班要求或调整班级数');
    for (const i of mem) put(i, best);
    room[best]! -= mem.length;
  }
  let k = 0;
  for (const i of order) {
    if (blocks[blockOf[i]!]!.length > 1) continue;
    let c = -1;
    for (let t = 0; t < 2 * N && c < 0; t++) {
      const d = snakeClass(k + t, N);
      if (room[d]! > 0 && !conflicts(i, d)) c = d;
    }
    if (c < 0) c = room.findIndex((r) => r > 0);
    while (snakeClass(k, N) !== c) k++;
    k++;
    put(i, c);
    room[c]!--;
  }

  // Local search.
  const rng = createRandom(seed);
  const singles = students.map((_, i) => i).filter((i) => blocks[blockOf[i]!]!.length === 1);
  const dest = new Int32Array(n).fill(-1);
  /** Change of objective when U moves a→b and V moves b→a; Infinity when a size leaves lo…hi. */
  const delta = (a: number, b: number, U: readonly number[], V: readonly number[]) => {
    const dc = V.length - U.length;
    if (cnt[a]! + dc < lo || cnt[a]! + dc > hi || cnt[b]! - dc < lo || cnt[b]! - dc > hi) return Infinity;
    let dn = 0;
    let ds = 0;
    let dq = 0;
    let dm = 0;
    let dsp = 0;
    let dl = 0;
    const acc = (i: number, sign: number) => {
      dm += sign * isMale[i]!;
      dsp += sign * isSpec[i]!;
      dl += sign * isLeft[i]!;
      if (hasScore[i]) {
        dn += sign;
        ds += sign * score[i]!;
        dq += sign * score[i]! * score[i]!;
      }
    };
    for (const i of U) acc(i, -1);
    for (const i of V) acc(i, 1);
    let d =
      costOf(cnt[a]! + dc, nS[a]! + dn, sum[a]! + ds, sq[a]! + dq, cm[a]! + dm, cs[a]! + dsp, cl[a]! + dl) +
      costOf(cnt[b]! - dc, nS[b]! - dn, sum[b]! - ds, sq[b]! - dq, cm[b]! - dm, cs[b]! - dsp, cl[b]! - dl) -
      classCost(a) -
      classCost(b);
    if (partners.length > 0) {
      for (const i of U) dest[i] = b;
      for (const i of V) dest[i] = a;
      let dv = 0;
      const pairs = (i: number) => {
        for (const p of partners[i]!) {
          if (dest[p]! >= 0 && p < i) continue;
          const after = dest[i] === (dest[p]! >= 0 ? dest[p] : cls[p]) ? 1 : 0;
          dv += after - (cls[i] === cls[p] ? 1 : 0);
        }
      };
      for (const i of U) pairs(i);
      for (const i of V) pairs(i);
      for (const i of U) dest[i] = -1;
      for (const i of V) dest[i] = -1;
      d += W_APART * dv;
    }
    return d;
  };
  const apply = (a: number, b: number, U: readonly number[], V: readonly number[]) => {
    for (const i of U) take(i);
    for (const i of V) take(i);
    for (const i of U) put(i, b);
    for (const i of V) put(i, a);
  };

  const u1 = [0];
  const v1 = [0];
  const none: number[] = [];
  const picked: number[] = [];
  const cool = Math.log(T_END / T_START);
  const pickClass = (not: number) => {
    const c = rng.int(0, N - 2);
    return c >= not ? c + 1 : c;
  };
  for (let it = 0; it < iterations && N > 1 && n > 1; it++) {
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
    const d = delta(a, b, U, V);
    if (d <= EPS || (d < Infinity && rng.next() < Math.exp(-d / T))) apply(a, b, U, V);
  }

  // Polish, means first: while the classes of highest and lowest mean can swap two students of the
  // same gender, 随班就读 and 留守 status so that their gap narrows, make the swap that narrows it and
  // costs least in the objective (it may rise slightly in the sd term).
  if (sN > 0 && N > 1) {
    const meanOf = (c: number) => (nS[c]! > 0 ? sum[c]! / nS[c]! : mu);
    const profile = (i: number) => isMale[i]! * 4 + isSpec[i]! * 2 + isLeft[i]!;
    for (let round = 0; round < 20 * N; round++) {
      let hiC = 0;
      let loC = 0;
      for (let c = 1; c < N; c++) {
        if (meanOf(c) > meanOf(hiC)) hiC = c;
        if (meanOf(c) < meanOf(loC)) loC = c;
      }
      const gap = meanOf(hiC) - meanOf(loC);
      if (gap <= EPS || nS[hiC]! === 0 || nS[loC]! === 0) break;
      let best = Infinity;
      let bu = -1;
      let bv = -1;
      for (const u of members[hiC]!) {
        if (!hasScore[u] || blocks[blockOf[u]!]!.length > 1) continue;
        u1[0] = u;
        for (const v of members[loC]!) {
          if (!hasScore[v] || blocks[blockOf[v]!]!.length > 1 || profile(u) !== profile(v)) continue;
          const x = score[u]! - score[v]!;
          if (x <= 0) continue;
          const newGap = Math.abs((sum[hiC]! - x) / nS[hiC]! - (sum[loC]! + x) / nS[loC]!);
          if (newGap >= gap - 1e-9) continue;
          v1[0] = v;
          const d = delta(hiC, loC, u1, v1);
          if (d < best && d < W_APART / 2) {
            best = d;
            bu = u;
            bv = v;
          }
        }
      }
      if (bu < 0) break;
      apply(hiC, loC, [bu], [bv]);
    }
  }

  let objective = 0;
  for (let c = 0; c < N; c++) objective += classCost(c);
  const placement = summarizePlacement(students, cls, N, constraints);
  objective += W_APART * placement.violations.apart;
  return { ...placement, seed, iterations, objective };
}
