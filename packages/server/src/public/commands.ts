/**
 * @module 公示, the commands (no login: published results are public, so no policy check): the
 * counties and years with a published run, and the newest published run of each standard of a
 * county and year, as the public page, CSV and JSON show them. Only published runs are read.
 */
import {
  citeResultSources,
  coefficientSummary,
  type EvaluationResult,
  PUBLIC_ACTOR,
  Refusal,
} from '@junheng/core';
import { type Database, getPublishedRun, listPublishedCounties, type PublishedRun } from '@junheng/db';
import type { CommandContext } from '../platform/commands.js';
import { publishedVerdict, schoolFigures, schoolFiguresCsv } from './present.js';

/** The context of a public request: the database, and nobody signed in. */
export function publicContext(db: Database): CommandContext {
  return { db, actor: PUBLIC_ACTOR };
}

/** Counties with published results, each with its years (newest first). */
export function publishedCounties(ctx: CommandContext) {
  return listPublishedCounties(ctx.db);
}

/**
 * The newest published run of each standard of a county and year.
 * @throws Refusal notFound when neither standard has one
 */
async function publishedRuns(ctx: CommandContext, props: { countyCode: string; year: number }) {
  const { countyCode, year } = props;
  const [basic, quality] = await Promise.all([
    getPublishedRun(ctx.db, countyCode, year, 'basic'),
    getPublishedRun(ctx.db, countyCode, year, 'quality'),
  ]);
  if (!basic && !quality)
    throw new Refusal('notFound', 'evaluation.notPublished', { code: countyCode, year });
  return { basic, quality, any: (basic ?? quality)! };
}

const resultOf = (run: PublishedRun) => run.result as unknown as EvaluationResult;

/** The public page of a county and year: verdicts, coefficients and school-level figures. */
export async function publishedResults(ctx: CommandContext, props: { countyCode: string; year: number }) {
  const { basic, quality, any } = await publishedRuns(ctx, props);
  return {
    county: { code: any.countyCode, name: any.countyName },
    year: any.year,
    verdicts: { basic: publishedVerdict(basic), quality: publishedVerdict(quality) },
    coefficients: [
      ...(basic ? coefficientSummary(resultOf(basic), 'basic') : []),
      ...(quality ? coefficientSummary(resultOf(quality), 'quality') : []),
    ],
    schools: quality ? schoolFigures(resultOf(quality)) : [],
  };
}

/** A published result as a download: the school figures as CSV, or the results as JSON. */
export async function publishedDownload(
  ctx: CommandContext,
  props: { countyCode: string; year: number; format: 'csv' | 'json' },
): Promise<{ body: string; fileName: string }> {
  const { basic, quality, any } = await publishedRuns(ctx, props);
  const base = `${any.countyName}${any.year}学年均衡发展评估公示`;
  if (props.format === 'csv') {
    const figures = quality ? schoolFigures(resultOf(quality)) : [];
    return { body: schoolFiguresCsv(figures), fileName: `${base}.csv` };
  }
  // Items cite their documents' titles (the stored result keeps the tables' research tags).
  const cited = (run: PublishedRun | null) => (run ? citeResultSources(resultOf(run)) : null);
  const body = JSON.stringify({ basic: cited(basic), quality: cited(quality) }, null, 2);
  return { body, fileName: `${base}.json` };
}
