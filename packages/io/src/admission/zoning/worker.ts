/**
 * The HiGHS worker: solve() is synchronous WebAssembly and blocks its thread for as long as the
 * model takes, so it runs in a worker_thread and the server's event loop stays free.
 *
 * The worker is started from this source text (`new Worker(source, { eval: true })`) rather than
 * from a file path: the same code then runs from the TypeScript sources under vitest (where a
 * `.ts` worker file cannot be loaded by node) and from the built dist, with no build step copying a
 * plain-JS file. It `require`s highs by the absolute path the parent resolved, so the worker's
 * working directory does not matter.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** What the worker receives. */
export interface HighsJob {
  /** Absolute path of highs' CommonJS entry (require.resolve('highs')). */
  highsPath: string;
  lp: string;
  options: Record<string, string | number | boolean>;
  /** A feasible start (column name → value; columns not named start at 0). */
  start?: Record<string, number>;
}

/** What the worker sends back: the solver status, objective, bound, and each column's value. */
export type HighsReply =
  | {
      ok: true;
      /** Model status as highs' legacy API names it ("Optimal", "Time limit reached", …). */
      Status: string;
      ObjectiveValue: number;
      /** Proved lower bound of the objective (NaN when none). */
      dualBound: number;
      /** Relative gap between the objective and the bound (NaN when none). */
      gap: number;
      /** Values of the columns, empty when there is no primal solution. */
      Columns: Record<string, { Primal?: number }>;
      /** Wall time of run() alone, ms. */
      solveMs: number;
    }
  | { ok: false; stage: 'load' | 'solve'; message: string };

/**
 * Plain CommonJS run by the worker (no TypeScript, no imports of ours). It uses highs' persistent
 * model API rather than the one-shot solve(): only that one accepts a start solution (the best of
 * the greedy and current assignments, so HiGHS prunes with a good bound from the root on) and
 * reports the proved bound and gap.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const STATUS = ['Not Set', 'Load error', 'Model error', 'Presolve error', 'Solve error', 'Postsolve error',
  'Empty', 'Optimal', 'Infeasible', 'Primal infeasible or unbounded', 'Unbounded', 'Bound on objective reached',
  'Target for objective reached', 'Time limit reached', 'Iteration limit reached', 'Unknown',
  'Solution limit reached', 'Interrupted'];
const fail = (stage, e) => parentPort.postMessage({ ok: false, stage, message: String((e && e.message) || e) });
const num = (v) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN);
let loader = null;
try {
  loader = require(workerData.highsPath);
} catch (e) {
  fail('load', e);
}
if (loader) Promise.resolve()
  .then(() => loader())
  .then(
    (highs) => {
      try {
        const reply = highs.withModel({ format: 'lp', data: workerData.lp }, (model) => {
          model.options.set(workerData.options);
          const n = model.getDimensions().numCols;
          const names = [];
          for (let i = 0; i < n; i++) names.push(model.getColName(i));
          if (workerData.start) {
            const colValue = new Float64Array(n);
            for (let i = 0; i < n; i++) colValue[i] = workerData.start[names[i]] || 0;
            model.setSolution({ colValue });
          }
          const t = Date.now();
          model.run();
          const solveMs = Date.now() - t;
          const code = Number(model.getModelStatus());
          const Columns = {};
          // 2 = feasible primal solution.
          if (num(model.info.get('primal_solution_status')) === 2) {
            const x = model.getSolution().colValue;
            for (let i = 0; i < n; i++) Columns[names[i]] = { Primal: x[i] };
          }
          return {
            ok: true,
            Status: STATUS[code] || 'Unknown',
            ObjectiveValue: model.getObjectiveValue(),
            dualBound: num(model.info.get('mip_dual_bound')),
            gap: num(model.info.get('mip_gap')),
            Columns,
            solveMs,
          };
        });
        parentPort.postMessage(reply);
      } catch (e) {
        fail('solve', e);
      }
    },
    (e) => fail('load', e),
  );
`;

/**
 * Runs one HiGHS solve in a fresh worker. Resolves with the reply; rejects with an Error when the
 * worker dies or does not answer within `hardLimitMs` (the worker is then terminated).
 */
export function runHighsWorker(job: HighsJob, hardLimitMs: number): Promise<HighsReply> {
  return new Promise((resolve, reject) => {
    const options: WorkerOptions = { eval: true, workerData: job };
    const worker = new Worker(WORKER_SOURCE, options);
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`求解器在 ${Math.round(hardLimitMs / 1000)} 秒内没有返回`))),
      hardLimitMs,
    );
    worker.once('message', (reply: HighsReply) => finish(() => resolve(reply)));
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) => finish(() => reject(new Error(`求解器线程意外退出（退出码 ${code}）`))));
  });
}
