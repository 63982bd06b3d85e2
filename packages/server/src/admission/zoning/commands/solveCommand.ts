/**
 * @module 划片 (zoning) solving: the optimal zoning of a county's stage (HiGHS in a worker thread, so
 * the event loop stays free).
 *
 * Decisions:
 * - One solve per county at a time, and at most two in the whole server (the machine has few cores
 *   and a solve can take its whole time limit): a second request is refused with 409 and a message
 *   to wait, rather than queued behind a request whose browser may be gone. The solves running are
 *   the server's (a SolveGuard per app), not the database's.
 * - Solving writes nothing, but it is the bureau's work tool: it needs edit rights on the county's
 *   admission plans (inspectors and the city read plans, they do not run the solver).
 */
import { Refusal, requireAllowed, type Stage, ZoningInputError, ZoningSolveError } from '@junheng/core';
import { solveZoning, type ZoningSolution } from '@junheng/io';
import type { CommandContext } from '../../../platform/commands.js';
import { ApiError } from '../../../platform/errors.js';
import { buildZoningProblem, type ZoningPlace } from './readCommands.js';

/** The solves running now in this server: county code → who started it and when. */
export interface SolveGuard {
  readonly running: Map<string, { by: string; since: Date }>;
  /** At most this many solves at a time in the server. */
  readonly max: number;
}

export function createSolveGuard(max = 2): SolveGuard {
  return { running: new Map(), max };
}

export interface SolveProps extends ZoningPlace {
  stage: Stage;
  timeLimitSeconds: number;
  /** Who asks (the display name the next one is told). */
  by: string;
}

export type CountySolution = Omit<ZoningSolution, 'current'> & {
  current: NonNullable<ZoningSolution['current']> | null;
  unlocated: { schoolId: string; name: string }[];
  currentDropped: { areaId: string; schoolId: string }[];
};

/** core's and the solver's errors: bad input 400, a model the solver could not solve 422. */
function solveRefusal(e: unknown): never {
  if (e instanceof ZoningInputError)
    throw new Refusal('invalidRequest', 'zoning.inputInvalid', { message: e.message });
  if (e instanceof ZoningSolveError) throw new ApiError(422, 'solveFailed', e.message);
  throw e;
}

/**
 * The optimal zoning of a county's stage, compared with the current zones.
 * @throws Refusal notFound, notAllowed, conflict (a solve of the county running, or two in the
 *   server), wrongState (no areas imported for the year), invalidRequest; ApiError 422 solveFailed
 */
export async function solveCountyZoning(
  ctx: CommandContext,
  props: SolveProps,
  guard: SolveGuard,
): Promise<CountySolution> {
  const { countyCode, year, stage, timeLimitSeconds } = props;
  requireAllowed(
    ctx.actor,
    'edit',
    { kind: 'admissionPlan', regionCode: countyCode },
    { key: 'zoning.countyDataNotFound' },
  );
  const running = guard.running.get(countyCode);
  if (running) {
    throw new Refusal('conflict', 'zoning.solveRunning', {
      by: running.by,
      since: running.since.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
    });
  }
  if (guard.running.size >= guard.max) throw new Refusal('conflict', 'zoning.solveServerBusy');
  // Taken before any await, so two requests arriving together cannot both pass the check.
  guard.running.set(countyCode, { by: props.by, since: ctx.now?.() ?? new Date() });
  try {
    const built = await buildZoningProblem(ctx, { countyCode, year, stage });
    if (built.problem.areas.length === 0) throw new Refusal('wrongState', 'zoning.solveNoAreas', { year });
    const current = Object.keys(built.current).length > 0 ? built.current : undefined;
    const solution = await solveZoning(built.problem, {
      timeLimitSeconds,
      ...(current ? { current } : {}),
    }).catch(solveRefusal);
    return {
      ...solution,
      current: solution.current ?? null,
      unlocated: built.unlocated,
      currentDropped: built.currentDropped,
    };
  } finally {
    guard.running.delete(countyCode);
  }
}
