/**
 * @module 招生申请 round routes: the rounds a user may see, a new round (教育局), one round and its
 * changes before the list is published.
 */
import { z } from 'zod';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { createRound, getRound, listRounds, updateRound } from './commands/index.js';
import {
  idParams,
  newRoundBody,
  roundChangesBody,
  roundDetail,
  roundListQuery,
  roundSummary,
  TAG,
} from './schema.js';

export function roundRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/admission/rounds',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '招生轮次列表（本人可见的）',
        querystring: roundListQuery,
        response: { 200: z.array(roundSummary), ...errorResponses },
      },
    },
    async (req) => listRounds(commandContext(ctx, req), req.query),
  );

  app.post(
    '/admission/rounds',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '新建招生轮次（教育局）：类别默认为五类，学校默认为本县该学段全部学校',
        body: newRoundBody,
        response: { 200: roundDetail, ...errorResponses },
      },
    },
    async (req) => createRound(commandContext(ctx, req), req.body),
  );

  app.get(
    '/admission/rounds/:id',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '招生轮次：类别、学校与计划招生数、状态',
        params: idParams,
        response: { 200: roundDetail, ...errorResponses },
      },
    },
    async (req) => getRound(commandContext(ctx, req), req.params),
  );

  app.put(
    '/admission/rounds/:id',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '修改招生轮次（名单公布前）：名称、类别顺序、同校兄弟姐妹优先、计划招生数',
        params: idParams,
        body: roundChangesBody,
        response: { 200: roundDetail, ...errorResponses },
      },
    },
    async (req) => updateRound(commandContext(ctx, req), { ...req.body, id: req.params.id }),
  );
}
