/**
 * @module 首页, the command: the county at a glance — verdicts of both standards on the data as it
 * is now, each difference coefficient against its threshold, schools meeting the 优质均衡 school
 * indicators, reports by workflow status, the latest and the published run, and the trend over
 * years. The evaluation and the trend are recomputed only when their rows changed (liveResult.ts).
 */
import { coefficientSummary, type EvaluationResult, STATUS_NAMES } from '@junheng/core';
import type { CommandContext } from '../platform/commands.js';
import { reportStatusCounts } from '../reporting/commands/index.js';
import { resolveCounty } from '../schools/county.js';
import { liveCountyResult, liveCountyTrend, liveFingerprint } from './liveResult.js';
import { listRuns } from './runQueries.js';

/** A standard's verdict with its name and reasons (null when the result has none). */
function verdictOf(r: { status: keyof typeof STATUS_NAMES; reasons: string[] } | undefined) {
  return r ? { status: r.status, statusName: STATUS_NAMES[r.status], reasons: r.reasons } : null;
}

/** 优质均衡 school stages by result. */
function schoolCounts(result: EvaluationResult) {
  const schools = result.quality?.schools ?? [];
  const count = (s: string) => schools.filter((x) => x.status === s).length;
  return { total: schools.length, met: count('met'), unmet: count('unmet'), incomplete: count('incomplete') };
}

/**
 * The county's dashboard of a year: the county asked for (or the actor's own).
 * @throws Refusal notFound when the county does not exist or is outside the actor's view
 */
export async function countyDashboard(ctx: CommandContext, props: { year: number; countyCode?: string }) {
  const county = await resolveCounty(ctx.db, ctx.actor, 'countyInput', props.countyCode);
  const y = props.year;
  const fingerprint = await liveFingerprint(ctx.db, county.code, y);
  const [result, reports, trend, runs] = await Promise.all([
    liveCountyResult(ctx.db, county.code, y, fingerprint),
    reportStatusCounts(ctx, { countyCode: county.code, year: y }),
    liveCountyTrend(ctx, county.code, fingerprint),
    listRuns(ctx, { countyCode: county.code, year: y, page: 1, pageSize: 50 }),
  ]);
  return {
    county,
    year: y,
    verdicts: { basic: verdictOf(result.basic), quality: verdictOf(result.quality) },
    coefficients: [...coefficientSummary(result, 'basic'), ...coefficientSummary(result, 'quality')],
    schools: schoolCounts(result),
    reports,
    trend,
    latestRun: runs.items[0] ?? null,
    publishedRun: runs.items.find((r) => r.publishedAt !== null) ?? null,
  };
}
