/**
 * @module A placement under local search: each class's counts and score sums, kept up to date as
 * students move, and the two-level objective of a move scored from its two classes only.
 *
 * Counts (primary): W_APART per apart-pair sharing a class, plus Σ over male, female, 随班就读,
 *   留守 of (count − total/N)² — least exactly when every count is ⌊total/N⌋ or ⌈total/N⌉, i.e.
 *   differs by at most 1 between classes.
 * Scores (secondary): W_MEAN × ((class mean − grade mean)/σ)² + W_SD × ((class sd − σ)/σ)², σ the
 *   grade's sd.
 * A move that worsens the counts is never taken for a better score: the counts come first.
 */
import type { Entrant } from './types.js';
import type { Units } from './units.js';

export const W_APART = 1e9;
/** Weight of the counts in the single figure reported as `objective`. */
export const W_CAT = 1000;
const W_MEAN = 10_000;
const W_SD = 1000;

/** Male, 随班就读, 留守 bits of a student: students of one profile can swap keeping every count. */
export const profileOf = (s: Entrant) =>
  (s.gender === 'male' ? 4 : 0) + (s.specialNeeds ? 2 : 0) + (s.leftBehind ? 1 : 0);

export class ClassState {
  readonly n: number;
  readonly N: number;
  readonly lo: number;
  readonly hi: number;
  readonly units: Units;
  readonly isMale: Uint8Array;
  readonly isSpec: Uint8Array;
  readonly isLeft: Uint8Array;
  readonly hasScore: Uint8Array;
  readonly score: Float64Array;
  readonly profile: Uint8Array;
  /** Grade totals per class: male, female, 随班就读, 留守 (total / N). */
  readonly target: readonly [number, number, number, number];
  readonly totals: readonly [number, number, number, number];
  readonly scored: number;
  readonly mu: number;
  readonly sigmaRaw: number;
  private readonly sigma: number;

  readonly cls: Int32Array;
  readonly members: number[][];
  private readonly pos: Int32Array;
  readonly cnt: Float64Array;
  readonly nS: Float64Array;
  readonly sum: Float64Array;
  readonly sq: Float64Array;
  private readonly cm: Float64Array;
  private readonly cs: Float64Array;
  private readonly cl: Float64Array;
  private readonly dest: Int32Array;

  /** Score part of the last {@link delta}. */
  dScore = 0;

  constructor(students: readonly Entrant[], classes: number, units: Units) {
    const n = students.length;
    const N = classes;
    this.n = n;
    this.N = N;
    this.lo = Math.floor(n / N);
    this.hi = Math.ceil(n / N);
    this.units = units;
    this.isMale = new Uint8Array(n);
    this.isSpec = new Uint8Array(n);
    this.isLeft = new Uint8Array(n);
    this.hasScore = new Uint8Array(n);
    this.score = new Float64Array(n);
    this.profile = new Uint8Array(n);
    let scored = 0;
    students.forEach((s, i) => {
      this.isMale[i] = s.gender === 'male' ? 1 : 0;
      this.isSpec[i] = s.specialNeeds ? 1 : 0;
      this.isLeft[i] = s.leftBehind ? 1 : 0;
      this.profile[i] = profileOf(s);
      if (s.score !== undefined) {
        if (!Number.isFinite(s.score)) throw new RangeError(`${s.id} 的成绩无效：${s.score}`);
        this.hasScore[i] = 1;
        this.score[i] = s.score;
        scored++;
      }
    });
    const male = this.isMale.reduce((a, b) => a + b, 0);
    this.totals = [
      male,
      n - male,
      this.isSpec.reduce((a, b) => a + b, 0),
      this.isLeft.reduce((a, b) => a + b, 0),
    ];
    this.target = this.totals.map((t) => t / N) as unknown as [number, number, number, number];
    this.scored = scored;
    // Two passes (mean, then squared deviations): exact enough and free of cancellation.
    let sSum = 0;
    for (let i = 0; i < n; i++) if (this.hasScore[i]) sSum += this.score[i]!;
    this.mu = scored > 0 ? sSum / scored : 0;
    let dev = 0;
    for (let i = 0; i < n; i++) if (this.hasScore[i]) dev += (this.score[i]! - this.mu) ** 2;
    this.sigmaRaw = scored > 0 ? Math.sqrt(dev / scored) : 0;
    this.sigma = this.sigmaRaw > 0 ? this.sigmaRaw : 1;

    this.cls = new Int32Array(n).fill(-1);
    this.members = Array.from({ length: N }, () => []);
    this.pos = new Int32Array(n);
    this.cnt = new Float64Array(N);
    this.nS = new Float64Array(N);
    this.sum = new Float64Array(N);
    this.sq = new Float64Array(N);
    this.cm = new Float64Array(N);
    this.cs = new Float64Array(N);
    this.cl = new Float64Array(N);
    this.dest = new Int32Array(n).fill(-1);
  }

  /** Whether student i moves alone (is in no together-group). */
  isSingle(i: number): boolean {
    return this.units.blocks[this.units.blockOf[i]!]!.length === 1;
  }

  meanOf(c: number): number {
    return this.nS[c]! > 0 ? this.sum[c]! / this.nS[c]! : this.mu;
  }

  countCostOf(c: number, m: number, sp: number, l: number): number {
    const [tM, tF, tS, tL] = this.target;
    return (m - tM) ** 2 + (c - m - tF) ** 2 + (sp - tS) ** 2 + (l - tL) ** 2;
  }

  scoreCostOf(nSc: number, su: number, q: number): number {
    if (nSc === 0) return 0;
    const mean = su / nSc;
    const sd = Math.sqrt(Math.max(0, q / nSc - mean * mean));
    return W_MEAN * ((mean - this.mu) / this.sigma) ** 2 + W_SD * ((sd - this.sigmaRaw) / this.sigma) ** 2;
  }

  countCost(c: number): number {
    return this.countCostOf(this.cnt[c]!, this.cm[c]!, this.cs[c]!, this.cl[c]!);
  }

  scoreCost(c: number): number {
    return this.scoreCostOf(this.nS[c]!, this.sum[c]!, this.sq[c]!);
  }

  /** Σ over classes of the count part: the primary objective, apart-pairs aside. */
  totalCountCost(): number {
    let v = 0;
    for (let c = 0; c < this.N; c++) v += this.countCost(c);
    return v;
  }

  /**
   * The least count cost any placement could have, each count taken alone: reached exactly when
   * every count differs by at most 1 between classes.
   */
  countCostFloor(): number {
    let v = 0;
    for (const total of this.totals) {
      const t = total / this.N;
      const q = Math.floor(t);
      const over = total - q * this.N;
      v += over * (q + 1 - t) ** 2 + (this.N - over) * (q - t) ** 2;
    }
    return v;
  }

  put(i: number, c: number): void {
    this.cls[i] = c;
    this.pos[i] = this.members[c]!.length;
    this.members[c]!.push(i);
    this.cnt[c]!++;
    this.cm[c]! += this.isMale[i]!;
    this.cs[c]! += this.isSpec[i]!;
    this.cl[c]! += this.isLeft[i]!;
    if (this.hasScore[i]) {
      const x = this.score[i]!;
      this.nS[c]!++;
      this.sum[c]! += x;
      this.sq[c]! += x * x;
    }
  }

  take(i: number): void {
    const c = this.cls[i]!;
    const list = this.members[c]!;
    const last = list.pop()!;
    if (last !== i) {
      list[this.pos[i]!] = last;
      this.pos[last] = this.pos[i]!;
    }
    this.cnt[c]!--;
    this.cm[c]! -= this.isMale[i]!;
    this.cs[c]! -= this.isSpec[i]!;
    this.cl[c]! -= this.isLeft[i]!;
    if (this.hasScore[i]) {
      const x = this.score[i]!;
      this.nS[c]!--;
      this.sum[c]! -= x;
      this.sq[c]! -= x * x;
    }
    this.cls[i] = -1;
  }

  /** Whether student i has an apart-partner in class c. */
  conflicts(i: number, c: number): boolean {
    return this.units.partners[i]!.some((p) => this.cls[p] === c);
  }

  /**
   * Change of the count part (with apart-pairs) when U moves a→b and V moves b→a; Infinity when a
   * class size leaves lo…hi. The change of the score part is left in {@link dScore}.
   */
  delta(a: number, b: number, U: readonly number[], V: readonly number[]): number {
    const dc = V.length - U.length;
    const { cnt, lo, hi } = this;
    if (cnt[a]! + dc < lo || cnt[a]! + dc > hi || cnt[b]! - dc < lo || cnt[b]! - dc > hi) return Infinity;
    let dn = 0;
    let ds = 0;
    let dq = 0;
    let dm = 0;
    let dsp = 0;
    let dl = 0;
    for (let k = 0; k < U.length + V.length; k++) {
      const i = k < U.length ? U[k]! : V[k - U.length]!;
      const sign = k < U.length ? -1 : 1;
      dm += sign * this.isMale[i]!;
      dsp += sign * this.isSpec[i]!;
      dl += sign * this.isLeft[i]!;
      if (this.hasScore[i]) {
        const x = this.score[i]!;
        dn += sign;
        ds += sign * x;
        dq += sign * x * x;
      }
    }
    const { cm, cs, cl, nS, sum, sq } = this;
    this.dScore =
      this.scoreCostOf(nS[a]! + dn, sum[a]! + ds, sq[a]! + dq) +
      this.scoreCostOf(nS[b]! - dn, sum[b]! - ds, sq[b]! - dq) -
      this.scoreCost(a) -
      this.scoreCost(b);
    let d =
      this.countCostOf(cnt[a]! + dc, cm[a]! + dm, cs[a]! + dsp, cl[a]! + dl) +
      this.countCostOf(cnt[b]! - dc, cm[b]! - dm, cs[b]! - dsp, cl[b]! - dl) -
      this.countCost(a) -
      this.countCost(b);
    if (this.units.partners.length > 0) d += W_APART * this.apartDelta(a, b, U, V);
    return d;
  }

  /** Change in the number of apart-pairs sharing a class when U moves a→b and V moves b→a. */
  private apartDelta(a: number, b: number, U: readonly number[], V: readonly number[]): number {
    const { dest, cls } = this;
    const partners = this.units.partners;
    for (const i of U) dest[i] = b;
    for (const i of V) dest[i] = a;
    let dv = 0;
    // Each pair once: a pair of two moving students is counted from its larger index only.
    for (let k = 0; k < U.length + V.length; k++) {
      const i = k < U.length ? U[k]! : V[k - U.length]!;
      for (const p of partners[i]!) {
        if (dest[p]! >= 0 && p < i) continue;
        const after = dest[i] === (dest[p]! >= 0 ? dest[p] : cls[p]) ? 1 : 0;
        dv += after - (cls[i] === cls[p] ? 1 : 0);
      }
    }
    for (const i of U) dest[i] = -1;
    for (const i of V) dest[i] = -1;
    return dv;
  }

  /** Moves U from a to b and V from b to a. */
  apply(a: number, b: number, U: readonly number[], V: readonly number[]): void {
    for (const i of U) this.take(i);
    for (const i of V) this.take(i);
    for (const i of U) this.put(i, b);
    for (const i of V) this.put(i, a);
  }
}
