/**
 * Brute-force zoning for tiny instances: tries every assignment of the areas with entrants to the
 * schools and keeps the least {@link zoningObjective}. The reference the solver is checked against
 * in tests; exponential (schools^areas), so it refuses anything large.
 */
import { type PreparedZoning, ZoningInputError, zoningObjective } from './prepare.js';

export interface ExhaustiveResult {
  /** School index per area. */
  assignment: Int32Array;
  objective: number;
  /** Assignments tried. */
  tried: number;
}

/**
 * Enumerates all schools^(areas with entrants) assignments (areas without entrants: nearest school).
 * @throws ZoningInputError when that is more than `limit` (default 2,000,000)
 */
export function exhaustiveZoning(prep: PreparedZoning, limit = 2_000_000): ExhaustiveResult {
  const S = prep.schools.length;
  const free: number[] = [];
  const current = Int32Array.from(prep.nearest);
  for (let a = 0; a < prep.areas.length; a++) if (prep.demand[a]! > 0) free.push(a);
  const total = S ** free.length;
  if (total > limit) {
    throw new ZoningInputError(`穷举划片方案过多（${S}^${free.length}），只用于很小的例子`);
  }
  for (const a of free) current[a] = 0;
  let best = Int32Array.from(current);
  let bestObjective = zoningObjective(prep, current);
  let tried = 1;
  // Odometer over the free areas.
  for (;;) {
    let i = 0;
    while (i < free.length && current[free[i]!] === S - 1) {
      current[free[i]!] = 0;
      i++;
    }
    if (i === free.length) break;
    current[free[i]!]++;
    tried++;
    const objective = zoningObjective(prep, current);
    if (objective < bestObjective) {
      bestObjective = objective;
      best = Int32Array.from(current);
    }
  }
  return { assignment: best, objective: bestObjective, tried };
}
