/**
 * The zoning integer program as CPLEX LP text (the format HiGHS reads), and the solver's answer
 * read back as an assignment. Pure: running the solver is the caller's business (packages/io runs
 * HiGHS in a worker thread).
 *
 *   minimise   Σ_a Σ_{s ∈ C(a)} entrants_a · km(a,s) · x[a,s]  +  P · Σ_s o[s]
 *   subject to Σ_{s ∈ C(a)} x[a,s] = 1                     for every area a with entrants
 *              Σ_a entrants_a · x[a,s] − o[s] ≤ capacity_s  for every school s
 *              x binary, o ≥ 0 (overflow: children without a place)
 *
 * C(a), the candidate schools of area a, are its k nearest schools plus the schools given to it by
 * the `include` assignments (the greedy heuristic, the current zones). Pruning keeps the model
 * small (500 areas × 60 schools: 4,000–5,000 binaries instead of 30,000); the overflow variables
 * keep it feasible whatever the pruning or the county's capacity, and including the greedy and
 * current assignments makes both feasible points of the model, so the optimum is never worse than
 * either. Areas without entrants are not in the model: they go to their nearest school.
 * P is {@link PreparedZoning.penaltyKm}.
 */
import type { PreparedZoning } from './prepare.js';

/** Nearest schools per area kept as candidates by default. */
export const DEFAULT_CANDIDATES = 8;

export interface ZoningModelOptions {
  /** Nearest schools per area kept as candidates (≥ 1; default {@link DEFAULT_CANDIDATES}). */
  candidates?: number;
  /** Assignments (school index per area, −1 = none) whose schools are added to the candidates. */
  include?: readonly Int32Array[];
}

export interface ZoningModel {
  /** CPLEX LP text. */
  lp: string;
  /** Candidate school indices per area (empty for an area without entrants). */
  candidates: Int32Array[];
  /** School index of areas outside the model (no entrants: nearest school), −1 for modelled areas. */
  fixed: Int32Array;
  /** Number of x variables. */
  binaries: number;
  /** Number of constraints. */
  rows: number;
  penaltyKm: number;
}

/** LP column name of x[a,s]. */
export function assignColumn(a: number, s: number): string {
  return `x${a}_${s}`;
}

/** LP column name of the overflow of school s. */
export function overflowColumn(s: number): string {
  return `o${s}`;
}

/** A coefficient rounded to 1e-6 (a millimetre-child): plain decimal text, never exponent form. */
function coef(x: number): string {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? '0' : r.toFixed(6).replace(/\.?0+$/, '');
}

/** Appends `terms` to `out` as one expression, a few terms per line (LP lines stay short). */
function pushTerms(out: string[], head: string, terms: string[]): void {
  const PER_LINE = 12;
  for (let i = 0; i < terms.length; i += PER_LINE) {
    out.push((i === 0 ? head : '   ') + terms.slice(i, i + PER_LINE).join(' '));
  }
}

/** Builds the model (see module comment). O(A·S log S) to pick the nearest candidates. */
export function buildZoningModel(prep: PreparedZoning, options: ZoningModelOptions = {}): ZoningModel {
  const A = prep.areas.length;
  const S = prep.schools.length;
  const k = Math.max(1, Math.min(S, Math.floor(options.candidates ?? DEFAULT_CANDIDATES)));
  const include = options.include ?? [];
  const candidates: Int32Array[] = [];
  const fixed = new Int32Array(A).fill(-1);
  const order = Array.from({ length: S }, (_, s) => s);
  const mark = new Uint8Array(S);
  const bySchool: number[][] = Array.from({ length: S }, () => []);
  let binaries = 0;
  for (let a = 0; a < A; a++) {
    if (prep.demand[a] === 0) {
      fixed[a] = prep.nearest[a]!;
      candidates.push(new Int32Array(0));
      continue;
    }
    const row = a * S;
    order.sort((x, y) => prep.dist[row + x]! - prep.dist[row + y]! || x - y);
    mark.fill(0);
    for (let i = 0; i < k; i++) mark[order[i]!] = 1;
    for (const assignment of include) {
      const s = assignment[a]!;
      if (s >= 0 && s < S) mark[s] = 1;
    }
    const list: number[] = [];
    for (let s = 0; s < S; s++) if (mark[s]) list.push(s);
    candidates.push(Int32Array.from(list));
    for (const s of list) bySchool[s]!.push(a);
    binaries += list.length;
  }

  const lines: string[] = ['\\ junheng zoning (划片): student-km + overflow penalty', 'Minimize'];
  const objective: string[] = [];
  for (let a = 0; a < A; a++) {
    for (const s of candidates[a]!) {
      objective.push(`+ ${coef(prep.demand[a]! * prep.dist[a * S + s]!)} ${assignColumn(a, s)}`);
    }
  }
  for (let s = 0; s < S; s++) {
    if (bySchool[s]!.length > 0) objective.push(`+ ${prep.penaltyKm} ${overflowColumn(s)}`);
  }
  if (objective.length === 0) objective.push('0 dummy');
  pushTerms(lines, ' obj: ', objective);
  lines.push('Subject To');
  let rows = 0;
  for (let a = 0; a < A; a++) {
    const c = candidates[a]!;
    if (c.length === 0) continue;
    pushTerms(
      lines,
      ` a${a}: `,
      Array.from(c, (s) => `+ ${assignColumn(a, s)}`),
    );
    lines.push('   = 1');
    rows++;
  }
  for (let s = 0; s < S; s++) {
    const areas = bySchool[s]!;
    if (areas.length === 0) continue;
    pushTerms(lines, ` c${s}: `, [
      ...areas.map((a) => `+ ${coef(prep.demand[a]!)} ${assignColumn(a, s)}`),
      `- ${overflowColumn(s)}`,
    ]);
    lines.push(`   <= ${coef(prep.capacity[s]!)}`);
    rows++;
  }
  lines.push('Binary');
  const names: string[] = [];
  for (let a = 0; a < A; a++) for (const s of candidates[a]!) names.push(assignColumn(a, s));
  if (names.length === 0) names.push('dummy');
  for (let i = 0; i < names.length; i += 12) lines.push(` ${names.slice(i, i + 12).join(' ')}`);
  lines.push('End', '');
  return { lp: lines.join('\n'), candidates, fixed, binaries, rows, penaltyKm: prep.penaltyKm };
}

/** The part of a HiGHS solve() result this module reads (highs' `HighsSolution`). */
export interface SolverSolution {
  Status: string;
  ObjectiveValue: number;
  Columns: Readonly<Record<string, { Primal?: number } | undefined>>;
}

/** HiGHS statuses in Chinese. */
export const SOLVER_STATUS_NAMES: Readonly<Record<string, string>> = {
  Optimal: '最优解',
  'Time limit reached': '达到时间限制，结果可能不是最优',
  'Iteration limit reached': '达到迭代次数限制，结果可能不是最优',
  'Target for objective reached': '达到目标值，结果可能不是最优',
  'Bound on objective reached': '达到目标界，结果可能不是最优',
  Infeasible: '无可行解',
  'Primal infeasible or unbounded': '无可行解或无界',
  Unbounded: '无界',
  Empty: '空模型',
  'Not Set': '未求解',
  'Load error': '模型载入错误',
  'Model error': '模型错误',
  'Presolve error': '预处理错误',
  'Solve error': '求解错误',
  'Postsolve error': '后处理错误',
  Unknown: '未知状态',
  'Solution limit reached': '达到解数限制，结果可能不是最优',
  Interrupted: '求解被中断，结果可能不是最优',
};

/** Chinese name of a solver status (the raw status when unknown). */
export function solverStatusName(status: string): string {
  return SOLVER_STATUS_NAMES[status] ?? status;
}

/** The solver did not return an assignment. */
export class ZoningSolveError extends Error {
  override name = 'ZoningSolveError';
}

/**
 * Reads the assignment from the solver's columns: per area the candidate with the largest x
 * (normally exactly one is 1). Areas outside the model keep their fixed school.
 * @throws ZoningSolveError when the result carries no values (infeasible, error, limit without a solution)
 */
export function readZoningSolution(model: ZoningModel, solution: SolverSolution): Int32Array {
  const out = Int32Array.from(model.fixed);
  for (let a = 0; a < model.candidates.length; a++) {
    const c = model.candidates[a]!;
    if (c.length === 0) continue;
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const s of c) {
      const v = solution.Columns[assignColumn(a, s)]?.Primal;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new ZoningSolveError(
          `求解器没有给出划片结果（状态：${solverStatusName(solution.Status)}）：缺少变量 ${assignColumn(a, s)} 的取值`,
        );
      }
      if (v > bestValue) {
        bestValue = v;
        best = s;
      }
    }
    if (bestValue < 0.5) {
      throw new ZoningSolveError(
        `求解器的结果不完整（状态：${solverStatusName(solution.Status)}）：第 ${a + 1} 个居住区没有划入任何学校`,
      );
    }
    out[a] = best;
  }
  return out;
}

/**
 * A start solution for the solver from an assignment whose schools are candidates of the model
 * (pass it in `include` when building): x = 1 for each area's school, o = each school's overflow.
 * Column name → value; columns not named are 0.
 * @throws ZoningSolveError when an area's school is not one of its candidates
 */
export function startColumns(
  prep: PreparedZoning,
  model: ZoningModel,
  indices: Int32Array,
): Record<string, number> {
  const out: Record<string, number> = {};
  const load = new Float64Array(prep.schools.length);
  for (let a = 0; a < model.candidates.length; a++) {
    const c = model.candidates[a]!;
    if (c.length === 0) continue;
    const s = indices[a]!;
    if (!c.includes(s)) throw new ZoningSolveError(`起始方案中第 ${a + 1} 个居住区的学校不在候选学校中`);
    out[assignColumn(a, s)] = 1;
    load[s] += prep.demand[a]!;
  }
  load.forEach((l, s) => {
    const o = l - prep.capacity[s]!;
    if (o > 0) out[overflowColumn(s)] = o;
  });
  return out;
}
