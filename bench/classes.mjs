import { balanceClasses, demoCohort, snakeDraft } from '../packages/core/dist/admission/classes/index.js';
import { time } from './timing.mjs';

/** Runs the benchmark and reports through bench/run.mjs's report(name, ours, baseline, baselineName, targetMs). */
export function runClassesBenchmarks(report) {
  const { students, constraints } = demoCohort({ students: 1000, seed: 1 });
  const ours = time(() => balanceClasses(students, { classes: 20, constraints, seed: 1 }), 7);
  const base = time(() => snakeDraft(students, 20, constraints), 7);
  const b = ours.out;
  const s = base.out;
  const ok =
    b.violations.together === 0 &&
    b.violations.apart === 0 &&
    b.spread.size <= 1 &&
    b.spread.male <= 1 &&
    b.spread.female <= 1 &&
    b.spread.specialNeeds <= 1 &&
    b.spread.leftBehind <= 1 &&
    b.spread.meanScore <= s.spread.meanScore / 50;
  if (!ok)
    throw new Error(
      `均衡分班 quality target missed: ${JSON.stringify(b.spread)} ${JSON.stringify(b.violations)}`,
    );
  report(
    '均衡分班: 1,000 students into 20 classes (local search)',
    ours.ms,
    base.ms,
    'plain snake draft',
    1000,
  );
  console.log(
    `  (spread of class means: ours ${b.spread.meanScore.toFixed(3)}, snake ${s.spread.meanScore.toFixed(3)}, ` +
      `ratio ${(s.spread.meanScore / b.spread.meanScore).toFixed(0)}x; sd spread ${b.spread.sdScore.toFixed(3)}; ` +
      `snake splits ${s.violations.together} together-groups and joins ${s.violations.apart} apart-pairs, ours 0)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runClassesBenchmarks((name, ours, baseline, baselineName, targetMs) => {
    const verdict = ours <= targetMs ? `目标 < ${targetMs} ms：达到` : `目标 < ${targetMs} ms：未达到`;
    console.log(
      `${name}\n  ours ${ours.toFixed(1)} ms | baseline (${baselineName}) ${baseline.toFixed(1)} ms ${verdict}`,
    );
  });
}
