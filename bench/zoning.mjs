// 划片 zoning benchmark: 500 residential areas × 60 schools solved as an integer program with HiGHS
// (WebAssembly, in a worker thread; target < 5 s for the whole solveZoning call: model building, worker
// start, WASM load, solve, evaluation), against the greedy heuristic (each area to its nearest school
// with room, largest areas first) on the same instance. Both objectives are printed as the
// student-weighted mean distance, so the solver's gain is visible next to its cost in time.
// Runs the built packages (npx tsc -b packages/io). Standalone: node bench/zoning.mjs
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  evaluatePrepared,
  greedyZoning,
  prepareZoning,
} from '../packages/core/dist/admission/zoning/index.js';
import { createRandom } from '../packages/core/dist/random.js';
import { solveZoning } from '../packages/io/dist/admission/zoning/solve.js';
import { median } from './timing.mjs';

const AREAS = 500;
const SCHOOLS = 60;
const TARGET_MS = 5000;
const KM_LAT = 1 / 110.574;
const KM_LON = 1 / (111.32 * Math.cos((39 * Math.PI) / 180));

/**
 * A county-like instance: a county seat (150 小区 within ~3.5 km, 12 schools) and 12 townships on a
 * ring 12–24 km out (350 村 within ~7 km of their seat, 4 schools each). Entrants 10–60 per 小区,
 * 3–30 per 村. Each school gets classes for 0.8–1.4 × the entrants of the areas nearest to it
 * (45 per class), so some schools are short of places and the areas around them must be shared out.
 */
export function generateZoningInstance(seed = 20251) {
  const rng = createRandom(seed);
  const pt = (x, y) => ({ lon: 115.8 + x * KM_LON, lat: 39 + y * KM_LAT });
  const near = (c, r) => {
    const a = rng.float(0, 2 * Math.PI);
    const d = r * Math.sqrt(rng.next());
    return pt(c.x + d * Math.cos(a), c.y + d * Math.sin(a));
  };
  const centers = [{ x: 0, y: 0, r: 3, n: 12 }];
  for (let i = 0; i < 12; i++) {
    const a = (2 * Math.PI * i) / 12 + rng.float(-0.15, 0.15);
    const R = rng.float(12, 24);
    centers.push({ x: R * Math.cos(a), y: R * Math.sin(a), r: 6, n: 4 });
  }
  const schools = [];
  centers.forEach((c, ci) => {
    for (let j = 0; j < c.n; j++) {
      schools.push({
        id: `S${schools.length + 1}`,
        name: `学校${schools.length + 1}`,
        stages: ['primary'],
        classes: { primary: 1 },
        ...near(c, j === 0 ? 0.3 : c.r * (ci === 0 ? 1 : 0.8)),
      });
    }
  });
  const areas = [];
  for (let i = 0; i < AREAS; i++) {
    const urban = i < 150;
    const c = urban ? centers[0] : centers[1 + (i % 12)];
    areas.push({
      id: `A${i + 1}`,
      name: `${urban ? '小区' : '村'}${i + 1}`,
      kind: urban ? 'estate' : 'village',
      ...near(c, urban ? 3.5 : 7),
      entrants: { primary: urban ? rng.int(10, 60) : rng.int(3, 30), junior: 0 },
    });
  }
  const prep = prepareZoning({ stage: 'primary', areas, schools });
  const nearestDemand = new Float64Array(schools.length);
  for (let a = 0; a < areas.length; a++) nearestDemand[prep.nearest[a]] += prep.demand[a];
  for (const [s, school] of schools.entries()) {
    school.classes.primary = Math.max(1, Math.ceil((nearestDemand[s] * rng.float(0.8, 1.4)) / 45));
  }
  return { stage: 'primary', areas, schools };
}

/** Runs the benchmark; `report(name, oursMs, baselineMs, baselineName, targetMs)` as in bench/run.mjs. */
export async function runZoningBenchmarks(report, { runs = 3 } = {}) {
  const problem = generateZoningInstance();
  if (problem.schools.length !== SCHOOLS) throw new Error(`zoning: ${problem.schools.length} schools`);
  const times = [];
  const cpu = [];
  let solution;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    solution = await solveZoning(problem);
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const oursMs = median(times);

  const baseTimes = [];
  let greedyEval;
  for (let r = 0; r < 20; r++) {
    const t = performance.now();
    const prep = prepareZoning(problem);
    greedyEval = evaluatePrepared(prep, greedyZoning(prep));
    baseTimes.push(performance.now() - t);
  }
  const baseMs = median(baseTimes);

  const s = solution.solver;
  const ours = solution.evaluation.totals;
  const greedy = greedyEval.totals;
  if (ours.studentKm + s.penaltyKm * ours.overflowStudents > solution.greedyObjective + 1e-6) {
    throw new Error('zoning: the solver result is worse than greedy');
  }
  report(
    `zoning (划片), ${AREAS} areas × ${SCHOOLS} schools, HiGHS MIP in a worker (${s.binaries} binaries, ${s.rows} rows)`,
    oursMs,
    baseMs,
    'greedy: nearest school with room, largest areas first',
    TARGET_MS,
  );
  const gain = (1 - ours.meanDistanceKm / greedy.meanDistanceKm) * 100;
  console.log(
    `  objective (student-weighted mean distance): HiGHS ${ours.meanDistanceKm.toFixed(3)} km, greedy ${greedy.meanDistanceKm.toFixed(3)} km (${gain.toFixed(1)}% shorter); ` +
      `max ${ours.maxDistanceKm.toFixed(2)} km vs ${greedy.maxDistanceKm.toFixed(2)} km; children without a place ${ours.overflowStudents} vs ${greedy.overflowStudents}`,
  );
  console.log(
    `  solver: ${s.status}, gap to bound ${s.gap === null ? '—' : `${(s.gap * 100).toFixed(3)}%`}, solve() ${s.solveMs.toFixed(0)} ms of ${s.totalMs.toFixed(0)} ms; runs ${times.map((t) => t.toFixed(0)).join(' / ')} ms; ` +
      `CPU time of the process (worker included) ${cpu.map((t) => t.toFixed(0)).join(' / ')} ms (on a busy shared machine, roughly what an idle one would take in wall time)`,
  );
  return { oursMs, baseMs, meanKm: ours.meanDistanceKm, greedyMeanKm: greedy.meanDistanceKm, gap: s.gap };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runZoningBenchmarks((name, ours, baseline, baselineName, targetMs) => {
    const verdict = ours <= targetMs ? `目标 < ${targetMs} ms：达到` : `目标 < ${targetMs} ms：未达到`;
    console.log(
      `${name}\n  ours ${ours.toFixed(1)} ms | baseline (${baselineName}) ${baseline.toFixed(1)} ms | ratio ${(baseline / ours).toFixed(4)}x ${verdict}`,
    );
  });
}
