/**
 * @module Largest-remainder (Hamilton) apportionment with per-entry guaranteed places, in exact
 * integer arithmetic (BigInt), so equal remainders compare equal and the tie-break decides.
 */

export interface LrEntry {
  id: string;
  graduates: number;
  /** Integer weight (graduates × scaled multiplier). */
  weight: bigint;
  /** Guaranteed places. */
  lower: number;
  /** Most places the entry can take (a school's graduates). */
  upper: number;
}

export interface LrResult {
  /** Held at its guarantee (lower). */
  held: boolean;
  /** Held at its cap (upper). */
  capped: boolean;
  exact: number;
  floor: number;
  remainder: number;
  extra: 0 | 1;
  final: number;
}

/**
 * Shares `places` in proportion to weight, each entry getting at least its `lower` and at most its
 * `upper`:
 * 1. every entry's exact share is clamp(λ × weight, lower, upper) for the one λ at which the
 *    shares add up to the places (water-filling): entries below their guarantee are held at it,
 *    entries above their cap at the cap, and the rest share what is left in proportion to weight;
 * 2. every other entry gets the floor of its exact share;
 * 3. the leftover seats go one each by largest remainder; ties: more graduates first, then id
 *    (code-unit order).
 * Throws when the guarantees exceed the places.
 */
export function largestRemainder(places: number, entries: readonly LrEntry[]): LrResult[] {
  const guaranteed = entries.reduce((s, e) => s + e.lower, 0);
  if (guaranteed > places) {
    throw new RangeError(`保底名额合计 ${guaranteed} 超过可分配名额 ${places}`);
  }
  const room = entries.reduce((s, e) => s + e.upper, 0);
  if (places > room) throw new RangeError(`可分配名额 ${places} 超过各校上限合计 ${room}`);
  const heldAt = boundedShares(places, entries);
  const held = heldAt.map((h) => h !== null);
  const bound = (e: LrEntry, i: number) => (heldAt[i] === 'upper' ? e.upper : e.lower);
  let heldPlaces = 0;
  let total = 0n;
  entries.forEach((e, i) => {
    if (held[i]) heldPlaces += bound(e, i);
    else total += e.weight;
  });
  const rest = BigInt(places - heldPlaces);
  if (total === 0n && rest > 0n) throw new RangeError(`没有毕业生的学校无法分配 ${rest} 个名额`);
  const out: LrResult[] = entries.map((e, i) => {
    if (held[i]) {
      const at = bound(e, i);
      return {
        held: heldAt[i] === 'lower',
        capped: heldAt[i] === 'upper',
        exact: at,
        floor: at,
        remainder: 0,
        extra: 0,
        final: at,
      };
    }
    const num = rest * e.weight;
    const fl = total === 0n ? 0n : num / total;
    const remNum = total === 0n ? 0n : num % total;
    return {
      held: false,
      capped: false,
      exact: total === 0n ? 0 : Number(num) / Number(total),
      floor: Number(fl),
      remainder: total === 0n ? 0 : Number(remNum) / Number(total),
      extra: 0,
      final: Number(fl),
    };
  });
  const remNums = entries.map((e, i) => (held[i] || total === 0n ? -1n : (rest * e.weight) % total));
  let leftover = places - out.reduce((s, r) => s + r.final, 0);
  const order = entries
    .map((_, i) => i)
    .filter((i) => !held[i])
    .sort((a, b) => {
      const ra = remNums[a]!;
      const rb = remNums[b]!;
      if (ra !== rb) return ra > rb ? -1 : 1;
      const ga = entries[a]!.graduates;
      const gb = entries[b]!.graduates;
      if (ga !== gb) return gb - ga;
      const ia = entries[a]!.id;
      const ib = entries[b]!.id;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    });
  for (const i of order) {
    if (leftover <= 0) break;
    if (out[i]!.final >= entries[i]!.upper) continue;
    out[i]!.extra = 1;
    out[i]!.final += 1;
    leftover--;
  }
  return out;
}

/** A non-negative rational λ = num / den (den > 0). */
interface Ratio {
  num: bigint;
  den: bigint;
}

/**
 * Which entries are held at a bound in the water-filling solution: the exact share of entry i is
 * clamp(λ·wᵢ, lowerᵢ, upperᵢ), with λ the level at which the shares add up to `places`. The sum is
 * non-decreasing in λ and linear between the breakpoints lowerᵢ/wᵢ and upperᵢ/wᵢ, so λ lies at a
 * breakpoint or strictly between two consecutive ones. "Held" is strict, as an entry exactly at a
 * bound gets the same share either way: held at its guarantee when λ·wᵢ < lowerᵢ, at its cap when
 * λ·wᵢ > upperᵢ.
 *
 * Holding entries at both bounds in one pass and never releasing them (the earlier loop) could
 * overshoot — e.g. 7 places, a rural school of 3 graduates above its cap and a town school of 4
 * just below its guarantee of 3 — and leave places no free school could take.
 */
function boundedShares(places: number, entries: readonly LrEntry[]): ('lower' | 'upper' | null)[] {
  const breakpoints: Ratio[] = [{ num: 0n, den: 1n }];
  for (const e of entries) {
    if (e.weight <= 0n) continue;
    breakpoints.push({ num: BigInt(e.lower), den: e.weight }, { num: BigInt(e.upper), den: e.weight });
  }
  breakpoints.sort((a, b) => compareRatio(a, b));
  // Σ clamp(λ·wᵢ, lᵢ, uᵢ) compared with places, exactly: both sides times λ's denominator.
  const sumVersusPlaces = (l: Ratio): number => {
    let sum = 0n;
    for (const e of entries) {
      const x = l.num * e.weight;
      const lo = BigInt(e.lower) * l.den;
      const hi = BigInt(e.upper) * l.den;
      sum += x < lo ? lo : x > hi ? hi : x;
    }
    const target = BigInt(places) * l.den;
    return sum < target ? -1 : sum > target ? 1 : 0;
  };
  // The last breakpoint whose sum does not exceed the places (the first one, λ = 0, never does).
  let k = 0;
  while (k + 1 < breakpoints.length && sumVersusPlaces(breakpoints[k + 1]!) <= 0) k++;
  const at = breakpoints[k]!;
  const next = breakpoints[k + 1];
  if (sumVersusPlaces(at) === 0 || next === undefined) {
    // λ is the breakpoint itself.
    return entries.map((e) => {
      const x = at.num * e.weight;
      if (x < BigInt(e.lower) * at.den) return 'lower';
      if (x > BigInt(e.upper) * at.den) return 'upper';
      return null;
    });
  }
  // λ lies strictly between `at` and `next`: below its guarantee iff lowerᵢ/wᵢ ≥ next, above its
  // cap iff upperᵢ/wᵢ ≤ at.
  return entries.map((e) => {
    if (e.weight <= 0n) return e.lower > 0 ? 'lower' : null;
    if (compareRatio({ num: BigInt(e.lower), den: e.weight }, next) >= 0) return 'lower';
    if (compareRatio({ num: BigInt(e.upper), den: e.weight }, at) <= 0) return 'upper';
    return null;
  });
}

function compareRatio(a: Ratio, b: Ratio): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}
