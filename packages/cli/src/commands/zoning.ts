/**
 * @module `junheng zoning solve`: 划片 of a county map (GeoJSON, docs/zoning.md) for one stage with
 * HiGHS; prints each school's places and fill rate, the county totals and, when the map carries
 * current zones, the comparison with them; optionally writes the result as GeoJSON.
 * Exit codes: 0 solved, 1 the solver failed, 2 invalid input.
 */
import { writeFile } from 'node:fs/promises';
import {
  formatKm,
  formatRate,
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
import { type CliContext, InputError } from './input.js';

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
  小学: 'primary',
  初中: 'junior',
};

/** The result GeoJSON as text: one feature per line. */
function geoJsonText(value: Record<string, unknown>): string {
  const { features, ...head } = value as { features: unknown[] };
  return `${JSON.stringify(head).slice(0, -1)},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** Runs the command; returns the exit code. @throws InputError (or ZoningMapFileError) for invalid input */
export async function runZoningSolve(ctx: CliContext, props: ZoningSolveProps): Promise<number> {
  const stage = props.stage === undefined ? undefined : STAGE_ARGS[props.stage.trim()];
  if (!stage) {
    throw new InputError(
      props.stage === undefined
        ? '请用 --stage 指定学段：--stage primary（小学）或 --stage junior（初中）'
        : `--stage 的值 “${props.stage}” 无效：应为 primary（小学）或 junior（初中）`,
    );
  }
  let timeLimitSeconds = 30;
  if (props.timeLimit !== undefined) {
    timeLimitSeconds = Number(props.timeLimit);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(props.timeLimit) || !(timeLimitSeconds > 0)) {
      throw new InputError(`--time-limit 的值 “${props.timeLimit}” 无效：应为正数（秒），例如 30`);
    }
  }
  const map = await readZoningMapFile(props.file);
  const current = currentZones(map, stage);
  ctx.log(`正在求解${ZONING_STAGE_NAMES[stage]}划片（HiGHS，时间限制 ${timeLimitSeconds} 秒）……`);
  let solution: Awaited<ReturnType<typeof solveZoning>>;
  try {
    solution = await solveZoning(zoningProblemFromMap(map, stage), { current, timeLimitSeconds });
  } catch (e) {
    if (e instanceof ZoningInputError) throw new InputError(`${props.file}：${e.message}`);
    if (e instanceof ZoningSolveError) {
      ctx.log(`划片失败：${e.message}`);
      return 1;
    }
    throw e;
  }

  const ev = solution.evaluation;
  const s = solution.solver;
  const lines: string[] = [
    `${map.name ?? props.file}　${ZONING_STAGE_NAMES[stage]}划片（按人数加权的直线距离最短，不超过学位）`,
    '',
    renderTable(
      [
        { header: '学校' },
        { header: '班数', align: 'right' },
        { header: '学位', align: 'right' },
        { header: '划入人数', align: 'right' },
        { header: '满额率', align: 'right' },
        { header: '超出', align: 'right' },
        { header: '小区/村', align: 'right' },
        { header: '平均距离', align: 'right' },
        { header: '最远', align: 'right' },
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
    `求解：${s.statusName}${s.gap !== null ? `，与下界相差 ${(s.gap * 100).toFixed(3)}%` : ''}；` +
      `${s.binaries} 个 0-1 变量（每个小区/村 ${s.candidates} 所最近的学校${s.widened ? '，因有超额已扩大到全部学校' : ''}），` +
      `用时 ${(s.totalMs / 1000).toFixed(1)} 秒；` +
      `目标值 ${s.objective.toFixed(1)}，贪心法 ${solution.greedyObjective.toFixed(1)}`,
  ];
  if (solution.current) {
    lines.push('', ...zoningComparisonLines(solution.current.comparison));
  } else {
    lines.push(
      '',
      `地图中没有现行${ZONING_STAGE_NAMES[stage]}划片（current${stage === 'primary' ? 'Primary' : 'Junior'}School），不作对比`,
    );
  }
  ctx.print(lines.join('\n'));
  if (props.out) {
    await writeFile(props.out, geoJsonText(zoningResultGeoJson(map, ev, solution.current?.comparison)));
    ctx.log(`划片结果已写入 ${props.out}`);
  }
  return 0;
}
