/**
 * Solves a zoning problem with HiGHS (npm `highs`, WebAssembly) in a worker thread, and returns the
 * assignment with its evaluation, the solver's status, and — when current zones are given — the
 * comparison with them.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import {
  assignmentToIndices,
  buildZoningModel,
  compareZonings,
  DEFAULT_CANDIDATES,
  evaluatePrepared,
  greedyZoning,
  improveZoning,
  indicesToAssignment,
  type PreparedZoning,
  prepareZoning,
  readZoningSolution,
  solverStatusName,
  startColumns,
  type ZoningAssignment,
  type ZoningComparison,
  type ZoningEvaluation,
  type ZoningProblem,
  ZoningSolveError,
  zoningObjective,
} from '@junheng/core';
import { runHighsWorker } from './worker.js';

export interface SolveZoningOptions {
  /** Solver time limit in seconds (default 30). The best assignment found by then is returned. */
  timeLimitSeconds?: number;
  /** Nearest schools per area kept as candidates (default core's DEFAULT_CANDIDATES = 8). */
  candidates?: number;
  /**
   * Relative gap between the assignment and HiGHS' proved lower bound at which it stops (default
   * 1e-3: within 0.1 % of the optimum, i.e. a few metres of average distance; the gap reached is
   * reported). Proving the last 0.1 % took longer than the rest on the demo county (HiGHS'
   * own default is 1e-4); pass 0 for a proof of optimality.
   */
  mipRelGap?: number;
  /** Current zones (area id → school id): candidates of the model, and compared with the result. */
  current?: ZoningAssignment;
}

export interface ZoningSolverInfo {
  /** HiGHS status, e.g. "Optimal", "Time limit reached". */
  status: string;
  /** The status in Chinese. */
  statusName: string;
  /** True when HiGHS proved the optimum (within mipRelGap of the lower bound). */
  optimal: boolean;
  /** Objective of the returned assignment: student-km + penaltyKm × overflow (recomputed exactly). */
  objective: number;
  /** HiGHS' own objective value (coefficients rounded to 1e-6). */
  solverObjective: number;
  /** Relative gap to the proved lower bound (0 … mipRelGap when optimal); null when unknown. */
  gap: number | null;
  /** HiGHS' proved lower bound of the objective; null when unknown. */
  lowerBound: number | null;
  /** Overflow penalty per child, km. */
  penaltyKm: number;
  /** Nearest schools per area in the last model solved. */
  candidates: number;
  binaries: number;
  rows: number;
  /**
   * True when the first model (k nearest) left children without a place and the model was solved
   * again with every school as a candidate, to be sure the overflow is not due to the pruning.
   */
  widened: boolean;
  /** Time in solve() (ms), summed over the models solved. */
  solveMs: number;
  /** Time of the whole call (model building, worker start, WASM load, solve, evaluation), ms. */
  totalMs: number;
}

export interface ZoningSolution {
  stage: ZoningProblem['stage'];
  /** Area id → school id, every area. */
  assignment: Record<string, string>;
  evaluation: ZoningEvaluation;
  solver: ZoningSolverInfo;
  /** The greedy heuristic's objective, for reference (the result is never worse: it is a candidate). */
  greedyObjective: number;
  /** When `current` was given: its evaluation and the comparison current → result. */
  current?: { evaluation: ZoningEvaluation; comparison: ZoningComparison };
}

const PROVED = new Set(['Optimal']);

let highsPath: string | undefined;

/** Absolute path of highs' CommonJS entry. @throws ZoningSolveError when the package is missing */
function resolveHighs(): string {
  if (highsPath) return highsPath;
  try {
    highsPath = createRequire(import.meta.url).resolve('highs');
    return highsPath;
  } catch {
    throw new ZoningSolveError('找不到求解器 HiGHS（npm 包 highs）：请在项目目录运行 npm install 后重试');
  }
}

async function solveOnce(
  prep: PreparedZoning,
  candidates: number,
  include: Int32Array[],
  start: Int32Array,
  timeLimitSeconds: number,
  mipRelGap: number,
) {
  const model = buildZoningModel(prep, { candidates, include: [...include, start] });
  let reply: Awaited<ReturnType<typeof runHighsWorker>>;
  try {
    reply = await runHighsWorker(
      {
        highsPath: resolveHighs(),
        lp: model.lp,
        start: startColumns(prep, model, start),
        options: {
          output_flag: false,
          time_limit: timeLimitSeconds,
          mip_rel_gap: mipRelGap,
          random_seed: 0,
        },
      },
      // HiGHS checks its limit between steps; leave time for WASM loading and a late check.
      timeLimitSeconds * 1000 + 15_000,
    );
  } catch (e) {
    throw new ZoningSolveError(
      `求解器 HiGHS 运行失败：${(e as Error).message}。请重试；若反复出现，请缩小问题规模或延长时间限制`,
    );
  }
  if (!reply.ok) {
    throw new ZoningSolveError(
      reply.stage === 'load'
        ? `无法加载求解器 HiGHS（npm 包 highs）：${reply.message}。请运行 npm install 后重试`
        : `求解器 HiGHS 出错：${reply.message}`,
    );
  }
  let indices: Int32Array;
  try {
    indices = readZoningSolution(model, reply);
  } catch (e) {
    if (reply.Status === 'Time limit reached') {
      throw new ZoningSolveError(
        `求解器在时间限制 ${timeLimitSeconds} 秒内没有找到划片方案：请延长时间限制后重试`,
      );
    }
    throw e;
  }
  return { model, reply, indices };
}

/**
 * Solves the zoning problem (see core's model.ts for the integer program). The greedy assignment
 * and the current zones are candidates of the model, so the result is never worse than either by
 * the objective. If the result still leaves children without a place and not every school was a
 * candidate, the model is solved once more with all schools, so reported overflow is real.
 * @throws ZoningInputError for invalid input; ZoningSolveError when the solver fails or finds nothing in time
 */
export async function solveZoning(
  problem: ZoningProblem,
  options: SolveZoningOptions = {},
): Promise<ZoningSolution> {
  const started = performance.now();
  const timeLimitSeconds = options.timeLimitSeconds ?? 30;
  if (!(timeLimitSeconds > 0))
    throw new ZoningSolveError(`时间限制无效：${timeLimitSeconds}，应为正数（秒）`);
  const mipRelGap = options.mipRelGap ?? 1e-3;
  const prep = prepareZoning(problem);
  const greedy = greedyZoning(prep);
  const include = [greedy];
  const current = options.current ? assignmentToIndices(prep, options.current) : undefined;
  if (current) include.push(current);
  // The start: local search from the better of greedy and the current zones (when complete).
  const from =
    current && !current.includes(-1) && zoningObjective(prep, current) < zoningObjective(prep, greedy)
      ? current
      : greedy;
  const start = improveZoning(prep, from);

  let k = Math.min(prep.schools.length, options.candidates ?? DEFAULT_CANDIDATES);
  let run = await solveOnce(prep, k, include, start, timeLimitSeconds, mipRelGap);
  let solveMs = run.reply.solveMs;
  let evaluation = evaluatePrepared(prep, run.indices);
  let widened = false;
  if (evaluation.totals.overflowStudents > 0 && k < prep.schools.length) {
    k = prep.schools.length;
    const wide = await solveOnce(prep, k, include, run.indices, timeLimitSeconds, mipRelGap);
    solveMs += wide.reply.solveMs;
    run = wide;
    evaluation = evaluatePrepared(prep, run.indices);
    widened = true;
  }

  const solution: ZoningSolution = {
    stage: prep.stage,
    assignment: indicesToAssignment(prep, run.indices),
    evaluation,
    solver: {
      status: run.reply.Status,
      statusName: solverStatusName(run.reply.Status),
      optimal: PROVED.has(run.reply.Status),
      objective: zoningObjective(prep, run.indices),
      solverObjective: run.reply.ObjectiveValue,
      gap: Number.isFinite(run.reply.gap) ? run.reply.gap : null,
      lowerBound: Number.isFinite(run.reply.dualBound) ? run.reply.dualBound : null,
      penaltyKm: prep.penaltyKm,
      candidates: k,
      binaries: run.model.binaries,
      rows: run.model.rows,
      widened,
      solveMs,
      totalMs: 0,
    },
    greedyObjective: zoningObjective(prep, greedy),
  };
  if (current) {
    const currentEvaluation = evaluatePrepared(prep, current);
    solution.current = {
      evaluation: currentEvaluation,
      comparison: compareZonings(currentEvaluation, evaluation),
    };
  }
  solution.solver.totalMs = performance.now() - started;
  return solution;
}
