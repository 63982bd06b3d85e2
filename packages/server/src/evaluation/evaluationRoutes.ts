/**
 * @module 督导评估: run an evaluation of a county and year (stored with its exact inputs), list and
 * read runs, publish one (immutable from then on; the county's approved reports are locked), and
 * download its Excel and Word reports (every download audited).
 */
import { citeResultSources } from '@junheng/core';
import {
  getRun,
  listRuns,
  publishRun,
  requireAllowed,
  runEvaluation,
  runFreshness,
  staleRunIds,
} from '@junheng/db';
import { writeResultReport, writeResultWorkbook } from '@junheng/io';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { attachment, auditExport } from '../platform/download.js';
import {
  countyCode,
  errorResponses,
  nullableTimestamp,
  pageOf,
  paging,
  stageValue,
  timestamp,
  verdictStatus,
  year,
} from '../platform/schemas.js';
import { resolveCounty } from '../schools/county.js';

export const runSummary = z.object({
  id: z.number(),
  countyCode: z.string(),
  countyName: z.string(),
  year: z.number(),
  standard: z.enum(['basic', 'quality', 'both']),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  publishedAt: nullableTimestamp,
  publishedByName: z.string().nullable(),
  inputsSha256: z.string(),
  verdict: verdictStatus,
  engineVersion: z.string(),
  stale: z.boolean().optional().describe('已过期：运行之后学校报表或县级指标有改动（评估记录列表中给出）'),
});

const STANDARD_FILE_NAMES = { basic: '基本均衡', quality: '优质均衡' } as const;

export function evaluationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };
    const runId = z.object({ id: z.coerce.number().int().min(1) });

    app.post(
      '/evaluations',
      {
        config: signedIn,
        schema: {
          tags: ['督导评估'],
          summary: '评估一个县的一个学年（结果连同所用数据一并保存）',
          body: z.object({
            year: z.number().int().min(2000).max(2100),
            standard: z.enum(['basic', 'quality', 'both']),
            countyCode: countyCode.optional(),
          }),
          response: { 200: z.object({ runs: z.array(runSummary) }), ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await resolveCounty(ctx.db, auth.actor, 'evaluationRun', req.body.countyCode);
        const runs = await runEvaluation(ctx.db, auth.actor, {
          countyCode: county.code,
          year: req.body.year,
          standard: req.body.standard,
          engineVersion: ctx.version,
        });
        return { runs };
      },
    );

    app.get(
      '/evaluations',
      {
        config: signedIn,
        schema: {
          tags: ['督导评估'],
          summary: '评估记录（最新的在前）',
          querystring: z.object({ year: year.optional(), countyCode: countyCode.optional(), ...paging }),
          response: { 200: pageOf(runSummary), ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const list = await listRuns(ctx.db, auth.actor, req.query);
        const stale = await staleRunIds(ctx.db, list.items);
        return { ...list, items: list.items.map((r) => ({ ...r, stale: stale.has(r.id) })) };
      },
    );

    app.get(
      '/evaluations/:id',
      {
        config: signedIn,
        schema: {
          tags: ['督导评估'],
          summary: '一次评估：结果（docs/result-schema.md）及所用数据的摘要',
          params: runId,
          response: {
            200: runSummary.extend({
              result: z.record(z.string(), z.unknown()),
              freshness: z
                .object({ current: z.boolean(), reasons: z.array(z.string()) })
                .describe('current = false 即已过期：reasons 说明运行之后哪些数据有改动，需重新运行评估'),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const detail = await getRun(ctx.db, auth.actor, req.params.id);
        const freshness = await runFreshness(ctx.db, detail);
        const { inputs: _inputs, rules: _rules, ...run } = detail;
        // Shown on the result page: items cite their documents, not the tables' research tags.
        return { ...run, result: citeResultSources(run.result), freshness } as typeof run & {
          result: Record<string, unknown>;
          freshness: typeof freshness;
        };
      },
    );

    app.post(
      '/evaluations/:id/publish',
      {
        config: signedIn,
        schema: {
          tags: ['督导评估'],
          summary: '发布（公示）：此后不可更改；本县本学年已通过的报表随之锁定',
          params: runId,
          response: {
            200: z.object({
              run: runSummary,
              lockedReports: z.array(
                z.object({ id: z.number(), schoolId: z.string(), stage: stageValue, version: z.number() }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        return publishRun(ctx.db, auth.actor, req.params.id);
      },
    );

    for (const format of ['xlsx', 'docx'] as const) {
      app.get(
        `/evaluations/:id/report.${format}`,
        {
          config: signedIn,
          schema: {
            tags: ['督导评估'],
            summary: format === 'xlsx' ? '下载评估结果 Excel' : '下载自评报告 Word',
            params: runId,
          },
        },
        async (req, reply) => {
          const auth = requireAuth(req);
          const run = await getRun(ctx.db, auth.actor, req.params.id);
          requireAllowed(
            auth.actor,
            'export',
            { kind: 'evaluationRun', regionCode: run.countyCode, published: run.publishedAt !== null },
            '没有找到这次评估',
          );
          const result = run.result as Parameters<typeof writeResultReport>[0];
          const bytes =
            format === 'xlsx' ? await writeResultWorkbook(result) : await writeResultReport(result);
          await auditExport(ctx, auth, req, {
            action: `export.evaluation.${format}`,
            entity: 'evaluation_run',
            entityId: String(run.id),
            after: { format, bytes: bytes.length, inputsSha256: run.inputsSha256 },
          });
          const name = `${run.countyName}${run.year}学年${STANDARD_FILE_NAMES[run.standard as 'basic' | 'quality'] ?? ''}${format === 'xlsx' ? '评估结果.xlsx' : '自评报告.docx'}`;
          return attachment(reply, bytes, name);
        },
      );
    }
  };
}
