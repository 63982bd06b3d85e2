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
 * 1. entries whose proportional share is below their guarantee are held at it, entries whose share
 *    is above their cap are held at the cap, and the rest is shared again among the others, until
 *    no share falls outside its bounds;
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
  /** Where each entry is held: at its guarantee, at its cap, or not held. */
  const heldAt = entries.map((): 'lower' | 'upper' | null => null);
  const held = entries.map(() => false);
  const bound = (e: LrEntry, i: number) => (heldAt[i] === 'upper' ? e.upper : e.lower);
  let rest = 0n;
  let total = 0n;
  for (;;) {
    let heldPlaces = 0;
    total = 0n;
    entries.forEach((e, i) => {
      if (held[i]) heldPlaces += bound(e, i);
      else total += e.weight;
    });
    rest = BigInt(places - heldPlaces);
    let changed = false;
    entries.forEach((e, i) => {
      // exact < lower  ⇔  rest × weight < lower × total; exact > upper likewise
      if (held[i]) return;
      if (rest * e.weight < BigInt(e.lower) * total) heldAt[i] = 'lower';
      else if (rest * e.weight > BigInt(e.upper) * total) heldAt[i] = 'upper';
      else return;
      held[i] = true;
      changed = true;
    });
    if (!changed) break;
  }
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
