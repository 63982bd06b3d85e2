import type { ClassConstraints, ClassPlacement, ClassSummary, Entrant } from './types.js';

const spreadOf = (xs: readonly number[]) => (xs.length === 0 ? 0 : Math.max(...xs) - Math.min(...xs));

/** Per-class figures, spreads and constraint violations of a placement (class index per student, 0-based). */
export function summarizePlacement(
  students: readonly Entrant[],
  classIndex: ArrayLike<number>,
  classes: number,
  constraints: ClassConstraints = {},
): ClassPlacement {
  const out: ClassSummary[] = Array.from({ length: classes }, (_, c) => ({
    classNo: c + 1,
    size: 0,
    meanScore: null,
    sdScore: null,
    male: 0,
    female: 0,
    specialNeeds: 0,
    leftBehind: 0,
    studentIds: [],
  }));
  const sums = Array.from({ length: classes }, () => ({ n: 0, sum: 0, sq: 0 }));
  const classOf: Record<string, number> = {};
  students.forEach((s, i) => {
    const c = classIndex[i]!;
    const k = out[c]!;
    k.size++;
    k.studentIds.push(s.id);
    if (s.gender === 'male') k.male++;
    else k.female++;
    if (s.specialNeeds) k.specialNeeds++;
    if (s.leftBehind) k.leftBehind++;
    if (s.score !== undefined) {
      const t = sums[c]!;
      t.n++;
      t.sum += s.score;
      t.sq += s.score * s.score;
    }
    classOf[s.id] = c + 1;
  });
  out.forEach((k, c) => {
    const t = sums[c]!;
    if (t.n > 0) {
      k.meanScore = t.sum / t.n;
      k.sdScore = Math.sqrt(Math.max(0, t.sq / t.n - k.meanScore * k.meanScore));
    }
  });
  const scored = out.filter((k) => k.meanScore !== null);
  let together = 0;
  for (const g of constraints.together ?? []) {
    if (new Set(g.map((id) => classOf[id])).size > 1) together++;
  }
  let apart = 0;
  for (const [a, b] of constraints.apart ?? []) if (classOf[a] === classOf[b]) apart++;
  return {
    classes: out,
    classOf,
    spread: {
      size: spreadOf(out.map((k) => k.size)),
      meanScore: spreadOf(scored.map((k) => k.meanScore!)),
      sdScore: spreadOf(scored.map((k) => k.sdScore!)),
      male: spreadOf(out.map((k) => k.male)),
      female: spreadOf(out.map((k) => k.female)),
      specialNeeds: spreadOf(out.map((k) => k.specialNeeds)),
      leftBehind: spreadOf(out.map((k) => k.leftBehind)),
    },
    violations: { together, apart },
  };
}
