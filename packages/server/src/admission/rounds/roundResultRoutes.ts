/**
 * @module 招生申请 lottery and admission: the round's lottery list committed (one entry a household;
 * the applicants are frozen from then on), admission by category after the draw, and the results.
 */
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses, versionBody } from '../../platform/schemas.js';
import { admitRound, commitRoundDraw, roundResults } from './commands/index.js';
import { presentCommit } from './present.js';
import { commitAnswer, idParams, results, TAG } from './schema.js';

export function roundResultRoutes(app: RouteApp, ctx: AppContext): void {
  app.post(
    '/admission/rounds/:id/commit',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '生成派位名单并公布承诺值：每户一个派位条目，之后申请名单冻结',
        params: idParams,
        body: versionBody,
        response: { 200: commitAnswer, ...errorResponses },
      },
    },
    async (req) =>
      presentCommit(await commitRoundDraw(commandContext(ctx, req), { ...req.body, id: req.params.id })),
  );

  app.post(
    '/admission/rounds/:id/admit',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '按类别录取（派位之后）：本片区按类别顺序，录不满的类别按派位序号，其余统筹安排',
        params: idParams,
        body: versionBody,
        response: { 200: results, ...errorResponses },
      },
    },
    async (req) => admitRound(commandContext(ctx, req), { ...req.body, id: req.params.id }),
  );

  app.get(
    '/admission/rounds/:id/results',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '录取结果：各校计划数、各类别录取人数、截止类别、是否派位（学校用户只看本校）',
        params: idParams,
        response: { 200: results, ...errorResponses },
      },
    },
    async (req) => roundResults(commandContext(ctx, req), req.params),
  );
}
