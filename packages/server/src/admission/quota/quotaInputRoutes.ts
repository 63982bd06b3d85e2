/**
 * @module 指标到校 inputs: the county's junior schools with their graduates and the share rule, and
 * a preview of the allocation (nothing saved).
 */
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { previewQuota, quotaSchools } from './commands.js';
import { allocation, countyYearQuery, quotaBody, quotaSchoolsAnswer, tags } from './schema.js';

export function quotaInputRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/quota/schools',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '本县初中及毕业生数（学校报表只有初中在校生数：毕业生数按 ÷3 估算，请核实）和比例规定',
        querystring: countyYearQuery,
        response: { 200: quotaSchoolsAnswer, ...errorResponses },
      },
    },
    async (req) => quotaSchools(commandContext(ctx, req), req.query),
  );

  app.post(
    '/quota/preview',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '按参数试算（不保存）：最大余数法，合计恰好等于分配名额',
        body: quotaBody,
        response: { 200: allocation, ...errorResponses },
      },
    },
    async (req) => previewQuota(commandContext(ctx, req), req.body),
  );
}
