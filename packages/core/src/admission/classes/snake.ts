import { summarizePlacement } from './summary.js';
import type { ClassConstraints, ClassPlacement, Entrant } from './types.js';

/** Class (0-based) of the i-th student in draft order: 0,1,…,N−1, N−1,…,0, 0,1,… */
export function snakeClass(i: number, classes: number): number {
  const round = Math.floor(i / classes);
  const pos = i % classes;
  return round % 2 === 0 ? pos : classes - 1 - pos;
}

/** Students by score, best first; no score last; ties by id. */
export function draftOrder(students: readonly Entrant[]): number[] {
  return students
    .map((_, i) => i)
    .sort((a, b) => {
      const sa = students[a]!.score ?? Number.NEGATIVE_INFINITY;
      const sb = students[b]!.score ?? Number.NEGATIVE_INFINITY;
      if (sa !== sb) return sb - sa;
      const ia = students[a]!.id;
      const ib = students[b]!.id;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    });
}

/**
 * The plain snake draft (蛇形分班): students by score, dealt 1…N then N…1. It ignores the
 * constraints; they are only counted in `violations`, for comparison.
 */
export function snakeDraft(
  students: readonly Entrant[],
  classes: number,
  constraints: ClassConstraints = {},
): ClassPlacement {
  if (!Number.isSafeInteger(classes) || classes < 1)
    throw new RangeError(`班级数必须是正整数，收到 ${classes}`);
  const cls = new Int32Array(students.length);
  draftOrder(students).forEach((s, i) => {
    cls[s] = snakeClass(i, classes);
  });
  return summarizePlacement(students, cls, classes, constraints);
}
