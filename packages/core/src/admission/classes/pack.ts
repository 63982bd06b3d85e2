/**
 * @module Exact packing of together-groups into classes (a small bin packing). Groups are tried
 * largest first, each in the class with most room first (so an easy input gets the same balanced
 * packing a greedy pass would), with three prunings that keep the search exact:
 *   - symmetry: two classes with the same capacity and the same room, neither holding a group
 *     linked to another group by an apart-pair, are interchangeable — only one is tried;
 *   - waste: room smaller than the smallest group still to place can hold no group, and the
 *     remaining groups must fit into the room left without it;
 *   - memory: a state (next group, room of each class up to symmetry) that failed once fails again.
 * The search first keeps groups linked by an apart-pair in different classes; when no packing
 * does, it packs them ignoring those pairs (the local search then separates what it can).
 */

export interface PackInput {
  /** Size of each group, largest first (the order the groups are placed in). */
  sizes: readonly number[];
  /** Capacity of each class. */
  capacity: readonly number[];
  /** Groups (by position in `sizes`) that an apart-pair links and that should not share a class. */
  conflicts: readonly (readonly number[])[];
}

/** Search steps before giving up; a real grade's twins and triplets need a few hundred at most. */
const NODE_LIMIT = 2_000_000;

/** Thrown when the search exceeds NODE_LIMIT (not seen on any realistic input). */
export class PackingTooHardError extends RangeError {}

/**
 * @returns the class (index into `capacity`) of each group, or null when no packing exists
 * @throws PackingTooHardError when the search exceeds its step limit
 */
export function packGroups(input: PackInput): number[] | null {
  const linked = input.conflicts.some((c) => c.length > 0);
  if (linked) {
    try {
      const strict = searchPacking(input, true, NODE_LIMIT / 10);
      if (strict) return strict;
    } catch (e) {
      if (!(e instanceof PackingTooHardError)) throw e;
    }
  }
  return searchPacking(input, false, NODE_LIMIT);
}

function searchPacking(input: PackInput, strict: boolean, nodeLimit: number): number[] | null {
  const { sizes, capacity, conflicts } = input;
  const N = capacity.length;
  const G = sizes.length;
  const room = capacity.slice();
  const at = new Int32Array(G).fill(-1);
  /** Linked groups each class holds (strict search only): such a class is not interchangeable. */
  const linkedIn = new Int32Array(N);
  const remaining = new Float64Array(G + 1);
  for (let k = G - 1; k >= 0; k--) remaining[k] = remaining[k + 1]! + sizes[k]!;
  const failed = new Set<string>();
  const order = Array.from({ length: N }, (_, c) => c);
  let nodes = 0;

  const stateKey = (k: number) => {
    const plain: string[] = [];
    const own: string[] = [];
    for (let c = 0; c < N; c++) {
      if (linkedIn[c]! > 0) own.push(`${c}:${room[c]}`);
      else plain.push(`${capacity[c]}/${room[c]}`);
    }
    return `${k}|${plain.sort().join(',')}|${own.join(',')}`;
  };
  const fitsAfterWaste = (k: number) => {
    const smallest = sizes[G - 1]!;
    let usable = 0;
    for (let c = 0; c < N; c++) if (room[c]! >= smallest) usable += room[c]!;
    return usable >= remaining[k]!;
  };
  const clashes = (k: number, c: number) => conflicts[k]!.some((g) => at[g] === c);

  const place = (k: number): boolean => {
    if (k === G) return true;
    if (++nodes > nodeLimit) throw new PackingTooHardError('同班组过多，无法排定');
    if (!fitsAfterWaste(k)) return false;
    const key = stateKey(k);
    if (failed.has(key)) return false;
    const size = sizes[k]!;
    const tried = new Set<string>();
    // Strict: clashing classes are out. Relaxed: they come last, so a pair is joined only if need be.
    const clash = order.map((c) => (clashes(k, c) ? 1 : 0));
    const candidates = order.slice().sort((a, b) => clash[a]! - clash[b]! || room[b]! - room[a]! || a - b);
    const isLinked = strict && conflicts[k]!.length > 0 ? 1 : 0;
    for (const c of candidates) {
      if (room[c]! < size || (strict && clash[c] === 1)) continue;
      const kind = linkedIn[c]! > 0 ? `#${c}` : `${capacity[c]}/${room[c]}`;
      if (tried.has(kind)) continue;
      tried.add(kind);
      at[k] = c;
      room[c]! -= size;
      linkedIn[c]! += isLinked;
      if (place(k + 1)) return true;
      at[k] = -1;
      room[c]! += size;
      linkedIn[c]! -= isLinked;
    }
    failed.add(key);
    return false;
  };
  return place(0) ? Array.from(at) : null;
}
