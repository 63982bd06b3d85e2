/**
 * @module 公示 (no login): the published results of a county and year — verdicts, coefficients and
 * school-level figures — as JSON for the public page, as CSV and as the published result JSON.
 * Only published runs are read, and only school-level aggregates leave (no person is named).
 */
import {
  citeResultSources,
  coefficientSummary,
  csvText,
  type EvaluationResult,
  LOCALITY_NAMES,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
  STATUS_NAMES,
} from '@junheng/core';
import { getPublishedRun, listPublishedCounties } from '@junheng/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coefficientRow, schoolFigure, verdict } from '../evaluation/schema.js';
import type { AppContext } from '../platform/context.js';
import { attachment } from '../platform/download.js';
import { ApiError } from '../platform/errors.js';
import { countyCode, errorResponses, nullableTimestamp, year } from '../platform/schemas.js';

/** A published verdict: the run, when it was published and its reasons. */
const publishedVerdict = verdict.extend({ runId: z.number(), publishedAt: nullableTimestamp });

type Published = NonNullable<Awaited<ReturnType<typeof getPublishedRun>>>;

export type SchoolFigure = z.infer<typeof schoolFigure>;

/** School-level figures of a published 优质均衡 result (the 7 school indicators per stage). */
function schoolFigures(result: EvaluationResult): SchoolFigure[] {
  return (result.quality?.schools ?? []).map((s) => ({
    schoolId: s.schoolId,
    name: s.name,
    type: SCHOOL_TYPE_NAMES[s.type],
    locality: LOCALITY_NAMES[s.locality],
    stage: STAGE_NAMES[s.stage],
    students: s.students,
    status: STATUS_NAMES[s.status],
    indicators: s.indicators.map((i) => ({
      indicator: i.indicator,
      name: i.name,
      unit: i.unit,
      value: i.value,
      requirement: i.requirement,
      status: i.status,
    })),
  }));
}

/** One row per school and stage, one column pair per indicator; UTF-8 with BOM for Excel. */
export function schoolFiguresCsv(figures: SchoolFigure[]): string {
  const indicators = figures[0]?.indicators.map((i) => `${i.name}（${i.unit}）`) ?? [];
  const header = [
    '学校标识码',
    '学校名称',
    '学校类型',
    '城乡类型',
    '学段',
    '在校生数',
    '达标情况',
    ...indicators,
  ];
  const rows = figures.map((f) => [
    f.schoolId,
    f.name,
    f.type,
    f.locality,
    f.stage,
    f.students,
    f.status,
    ...f.indicators.map((i) => (i.value === null ? '' : Math.round(i.value * 100) / 100)),
  ]);
  return csvText([header, ...rows]);
}

export function publicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const open = { access: 'public' as const };
    const params = z.object({ countyCode, year });

    async function published(code: string, y: number) {
      const [basic, quality] = await Promise.all([
        getPublishedRun(ctx.db, code, y, 'basic'),
        getPublishedRun(ctx.db, code, y, 'quality'),
      ]);
      if (!basic && !quality) {
        throw new ApiError(404, 'notFound', `${code} 县 ${y} 学年尚未公示评估结果`);
      }
      return { basic, quality };
    }

    const verdictOf = (run: Published | null) =>
      run
        ? {
            runId: run.id,
            status: run.verdict,
            statusName: STATUS_NAMES[run.verdict as keyof typeof STATUS_NAMES] ?? run.verdict,
            publishedAt: run.publishedAt,
            reasons: (run.result as unknown as EvaluationResult).reasons ?? [],
          }
        : null;

    app.get(
      '/public/counties',
      {
        config: open,
        schema: {
          tags: ['公示'],
          summary: '已公示评估结果的县及学年',
          response: {
            200: z.array(z.object({ code: z.string(), name: z.string(), years: z.array(z.number()) })),
            ...errorResponses,
          },
        },
      },
      async () => listPublishedCounties(ctx.db),
    );

    app.get(
      '/public/results/:countyCode/:year',
      {
        config: open,
        schema: {
          tags: ['公示'],
          summary: '公示结果：结论、差异系数、各校指标（不含任何个人信息）',
          params,
          response: {
            200: z.object({
              county: z.object({ code: z.string(), name: z.string() }),
              year: z.number(),
              verdicts: z.object({
                basic: publishedVerdict.nullable(),
                quality: publishedVerdict.nullable(),
              }),
              coefficients: z.array(coefficientRow),
              schools: z.array(schoolFigure),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const { basic, quality } = await published(req.params.countyCode, req.params.year);
        const any = (basic ?? quality)!;
        const qualityResult = quality?.result as unknown as EvaluationResult | undefined;
        return {
          county: { code: any.countyCode, name: any.countyName },
          year: any.year,
          verdicts: { basic: verdictOf(basic), quality: verdictOf(quality) },
          coefficients: [
            ...(basic ? coefficientSummary(basic.result as unknown as EvaluationResult, 'basic') : []),
            ...(qualityResult ? coefficientSummary(qualityResult, 'quality') : []),
          ],
          schools: qualityResult ? schoolFigures(qualityResult) : [],
        };
      },
    );

    for (const format of ['csv', 'json'] as const) {
      app.get(
        `/public/results/:countyCode/:year.${format}`,
        {
          config: open,
          schema: {
            tags: ['公示'],
            summary:
              format === 'csv' ? '各校指标 CSV（UTF-8）' : '公示的评估结果 JSON（docs/result-schema.md）',
            params,
          },
        },
        async (req, reply) => {
          const { basic, quality } = await published(req.params.countyCode, req.params.year);
          const any = (basic ?? quality)!;
          const base = `${any.countyName}${any.year}学年均衡发展评估公示`;
          if (format === 'csv') {
            const figures = quality ? schoolFigures(quality.result as unknown as EvaluationResult) : [];
            return attachment(reply, schoolFiguresCsv(figures), `${base}.csv`);
          }
          // Items cite their documents' titles (the stored result keeps the tables' research tags).
          const cited = (run: Published | null) =>
            run ? citeResultSources(run.result as unknown as EvaluationResult) : null;
          const body = JSON.stringify({ basic: cited(basic), quality: cited(quality) }, null, 2);
          return attachment(reply, body, `${base}.json`);
        },
      );
    }
  };
}
