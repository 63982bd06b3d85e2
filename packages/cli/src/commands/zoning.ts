/**
 * @module `junheng zoning solve`: 划片 of a county map (GeoJSON, docs/zoning.md) for one stage with
 * HiGHS; prints each school's places and fill rate, the county totals and, when the map carries
 * current zones, the comparison with them; optionally writes the result as GeoJSON.
 * Exit codes: 0 solved, 1 the solver failed, 2 invalid input.
 */
import { writeFile } from 'node:fs/promises';
import {
  type Catalogue,
  formatKm,
  formatRate,
  message,
  STAGE_NAMES,
  type Stage,
  ZONING_STAGE_NAMES,
  ZoningInputError,
  ZoningSolveError,
  zoningComparisonLines,
  zoningTotalsLines,
} from '@junheng/core';
import {
  currentZones,
  readZoningMapFile,
  solveZoning,
  zoningProblemFromMap,
  zoningResultGeoJson,
} from '@junheng/io';
import { renderTable } from '../terminal/table.js';
import { type CliContext, InputError, inFile } from './input.js';

export interface ZoningSolveProps {
  file: string;
  /** As typed: primary / junior / 小学 / 初中. */
  stage: string | undefined;
  out?: string;
  /** Seconds, as typed. */
  timeLimit?: string;
}

const STAGE_ARGS: Record<string, Stage> = {
  primary: 'primary',
  junior: 'junior',
  [STAGE_NAMES.primary]: 'primary',
  [STAGE_NAMES.junior]: 'junior',
};

/** The result GeoJSON as text: one feature per line. */
function geoJsonText(value: Record<string, unknown>): string {
  const { features, ...head } = value as { features: unknown[] };
  return `${JSON.stringify(head).slice(0, -1)},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** Runs the command; returns the exit code. @throws InputError (or ZoningMapFileError) for invalid input */
export async function runZoningSolve(ctx: CliContext, props: ZoningSolveProps): Promise<number> {
  const typed = props.stage?.trim();
  const stage = typed !== undefined && Object.hasOwn(STAGE_ARGS, typed) ? STAGE_ARGS[typed] : undefined;
  if (!stage) {
    throw new InputError(
      props.stage === undefined
        ? message('cli.zoning.needStage')
        : message('cli.zoning.badStage', { value: props.stage }),
    );
  }
  let timeLimitSeconds = 30;
  if (props.timeLimit !== undefined) {
    timeLimitSeconds = Number(props.timeLimit);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(props.timeLimit) || !(timeLimitSeconds > 0)) {
      throw new InputError(message('cli.zoning.badTimeLimit', { value: props.timeLimit }));
    }
  }
  const map = await readZoningMapFile(props.file);
  const current = currentZones(map, stage);
  ctx.log(message('cli.zoning.solving', { stage: ZONING_STAGE_NAMES[stage], seconds: timeLimitSeconds }));
  let solution: Awaited<ReturnType<typeof solveZoning>>;
  try {
    solution = await solveZoning(zoningProblemFromMap(map, stage), { current, timeLimitSeconds });
  } catch (e) {
    if (e instanceof ZoningInputError) throw new InputError(inFile(props.file, e));
    if (e instanceof ZoningSolveError) {
      ctx.log(message('cli.zoning.failed', { reason: e.message }));
      return 1;
    }
    throw e;
  }

  const ev = solution.evaluation;
  const s = solution.solver;
  const right = (name: keyof Catalogue['cli']['zoning']['column']) => ({
    header: message(`cli.zoning.column.${name}`),
    align: 'right' as const,
  });
  const lines: string[] = [
    message('cli.zoning.heading', { name: map.name ?? props.file, stage: ZONING_STAGE_NAMES[stage] }),
    '',
    renderTable(
      [
        { header: message('cli.zoning.column.school') },
        right('classes'),
        right('places'),
        right('demand'),
        right('fillRate'),
        right('overflow'),
        right('areas'),
        right('meanDistance'),
        right('maxDistance'),
      ],
      ev.schools.map((r) => [
        r.name,
        String(r.classes),
        String(r.capacity),
        String(r.demand),
        formatRate(r.fillRate),
        r.overflow > 0 ? String(r.overflow) : '',
        String(r.areaIds.length),
        formatKm(r.meanDistanceKm),
        formatKm(r.maxDistanceKm),
      ]),
    ),
    '',
    ...zoningTotalsLines(ev),
    message('cli.zoning.solver', {
      status: s.statusName,
      gap: s.gap !== null ? message('cli.zoning.gap', { gap: `${(s.gap * 100).toFixed(3)}%` }) : '',
      binaries: s.binaries,
      candidates: s.candidates,
      widened: s.widened ? message('cli.zoning.widened') : '',
      seconds: (s.totalMs / 1000).toFixed(1),
      objective: s.objective.toFixed(1),
      greedy: solution.greedyObjective.toFixed(1),
    }),
  ];
  if (solution.current) {
    lines.push('', ...zoningComparisonLines(solution.current.comparison));
  } else {
    const property = `current${stage === 'primary' ? 'Primary' : 'Junior'}School`;
    lines.push('', message('cli.zoning.noCurrent', { stage: ZONING_STAGE_NAMES[stage], property }));
  }
  ctx.print(lines.join('\n'));
  if (props.out) {
    await writeFile(props.out, geoJsonText(zoningResultGeoJson(map, ev, solution.current?.comparison)));
    ctx.log(message('cli.zoning.written', { file: props.out }));
  }
  return 0;
}
