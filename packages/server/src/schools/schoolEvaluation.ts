/**
 * @module A school against the standards, on the county's data as it is now: its figures in each
 * difference coefficient and its 优质均衡 school indicators, and its plan (一校一策) per 学段. The
 * county's evaluation is computed once per state of its data (evaluation/liveResult.ts); only the
 * school's own lines leave the server (present.ts).
 */
import type { Stage } from '@junheng/core';
import { liveCountyResult } from '../evaluation/liveResult.js';
import type { CommandContext } from '../platform/commands.js';
import { planStages, presentSchoolEvaluation } from './present.js';
import { checkSchoolYear, visibleSchool } from './schoolCommands.js';

/**
 * The school's lines of the county's evaluation now.
 * @throws Refusal notFound (not visible), invalidRequest (bad year)
 */
export async function readSchoolEvaluation(ctx: CommandContext, props: { id: string; year: number }) {
  checkSchoolYear(props.year);
  const s = await visibleSchool(ctx, props.id);
  const result = await liveCountyResult(ctx.db, s.countyCode, props.year);
  return presentSchoolEvaluation(result, s.id, props.year);
}

/**
 * The school's plan (一校一策) of each 学段, or of the one asked for.
 * @throws Refusal notFound (not visible), invalidRequest (bad year)
 */
export async function readSchoolPlan(
  ctx: CommandContext,
  props: { id: string; year: number; stage?: Stage },
) {
  checkSchoolYear(props.year);
  const s = await visibleSchool(ctx, props.id);
  const result = await liveCountyResult(ctx.db, s.countyCode, props.year);
  return { schoolId: s.id, name: s.name, year: props.year, stages: planStages(result, s.id, props.stage) };
}
