/**
 * @module Synthetic cohorts for tests and the benchmark: one-decimal scores, about half boys,
 * 2% 随班就读, 15% 留守, some twin groups asking to be together and some pairs to be apart.
 */
import { createRandom } from '../../random.js';
import type { ClassConstraints, Entrant } from './types.js';

export interface DemoCohort {
  students: Entrant[];
  constraints: Required<ClassConstraints>;
}

export interface DemoCohortOptions {
  students: number;
  seed: number | string;
  /** Together-groups (twins, one in five triplets). Default students / 50. */
  togetherGroups?: number;
  /** Apart pairs. Default students / 100. */
  apartPairs?: number;
  /** Whether students have an entry score (初中). Default true. */
  scores?: boolean;
}

export function demoCohort(options: DemoCohortOptions): DemoCohort {
  const rng = createRandom(options.seed);
  const n = options.students;
  const students: Entrant[] = Array.from({ length: n }, (_, i) => {
    const s: Entrant = {
      id: `S${String(i + 1).padStart(5, '0')}`,
      gender: rng.chance(0.51) ? 'male' : 'female',
      specialNeeds: rng.chance(0.02),
      leftBehind: rng.chance(0.15),
    };
    if (options.scores ?? true)
      s.score = Math.round(Math.min(120, Math.max(0, rng.normal(80, 15))) * 10) / 10;
    return s;
  });
  // Disjoint groups from a shuffled order, so no student is in two constraints.
  const ids = rng.shuffle(students.map((s) => s.id));
  const together: string[][] = [];
  const apart: [string, string][] = [];
  let next = 0;
  const groups = options.togetherGroups ?? Math.floor(n / 50);
  for (let g = 0; g < groups && next + 3 <= ids.length; g++) {
    const size = g % 5 === 4 ? 3 : 2;
    together.push(ids.slice(next, next + size));
    next += size;
  }
  const pairs = options.apartPairs ?? Math.floor(n / 100);
  for (let p = 0; p < pairs && next + 2 <= ids.length; p++) {
    apart.push([ids[next]!, ids[next + 1]!]);
    next += 2;
  }
  return { students, constraints: { together, apart } };
}
