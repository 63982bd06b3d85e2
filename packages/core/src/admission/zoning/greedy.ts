/**
 * The greedy zoning heuristic: the baseline of the benchmark and a reference in tests, and a
 * candidate the model always contains (so the solver's answer is never worse than it).
 */
import type { PreparedZoning } from './prepare.js';

/**
 * Areas in order of decreasing entrants (ties: input order); each goes to the nearest school that
 * still has room for all its entrants; if none has, to the school with the most room left
 * (ties: the nearer), where it overflows. Areas without entrants go to their nearest school.
 * O(A·S log S) for the sorted school lists.
 */
export function greedyZoning(prep: PreparedZoning): Int32Array {
  const A = prep.areas.length;
  const S = prep.schools.length;
  const out = new Int32Array(A).fill(-1);
  const room = Float64Array.from(prep.capacity);
  const order = Array.from({ length: A }, (_, a) => a).sort(
    (x, y) => prep.demand[y]! - prep.demand[x]! || x - y,
  );
  const bySchool = Array.from({ length: S }, (_, s) => s);
  for (const a of order) {
    const d = prep.demand[a]!;
    if (d === 0) {
      out[a] = prep.nearest[a]!;
      continue;
    }
    const row = a * S;
    bySchool.sort((x, y) => prep.dist[row + x]! - prep.dist[row + y]! || x - y);
    let pick = -1;
    for (const s of bySchool) {
      if (room[s]! >= d) {
        pick = s;
        break;
      }
    }
    if (pick < 0) {
      pick = bySchool[0]!;
      for (const s of bySchool) if (room[s]! > room[pick]!) pick = s;
    }
    out[a] = pick;
    room[pick] -= d;
  }
  return out;
}

/**
 * Local search from an assignment: moves single areas to another school while that lowers
 * {@link zoningObjective} (student-km + overflow penalty), passes over the areas in input order
 * until none helps (at most `maxPasses`). Used to hand the solver a good start; returns a new array.
 * O(passes × A × S).
 */
export function improveZoning(prep: PreparedZoning, start: Int32Array, maxPasses = 50): Int32Array {
  const S = prep.schools.length;
  const out = Int32Array.from(start);
  const load = new Float64Array(S);
  for (let a = 0; a < out.length; a++) if (out[a]! >= 0) load[out[a]!] += prep.demand[a]!;
  const over = (s: number, l: number) => Math.max(0, l - prep.capacity[s]!);
  for (let pass = 0; pass < maxPasses; pass++) {
    let moved = false;
    for (let a = 0; a < out.length; a++) {
      const d = prep.demand[a]!;
      const from = out[a]!;
      if (d === 0 || from < 0) continue;
      const row = a * S;
      // Leaving `from`: its distance goes, its overflow may shrink.
      const leave =
        -prep.dist[row + from]! * d +
        prep.penaltyKm * (over(from, load[from]! - d) - over(from, load[from]!));
      let best = from;
      let bestDelta = -1e-9;
      for (let s = 0; s < S; s++) {
        if (s === from) continue;
        const delta =
          leave + prep.dist[row + s]! * d + prep.penaltyKm * (over(s, load[s]! + d) - over(s, load[s]!));
        if (delta < bestDelta) {
          bestDelta = delta;
          best = s;
        }
      }
      if (best !== from) {
        load[from] -= d;
        load[best] += d;
        out[a] = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}
