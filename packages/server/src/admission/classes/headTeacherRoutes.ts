/**
 * @module 均衡分班 head teachers: the teachers of a published placement's draw and, once drawn, each
 * class's head teacher; the draw created (once per placement), to be conducted on the 电脑派位 page.
 */
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { createHeadTeacherDraw, headTeacherTable } from './commands/index.js';
import { headTeacherDraw, headTeachersBody, headTeacherTableSchema, placementId, tags } from './schema.js';

export function headTeacherRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/classes/:id/head-teachers',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '班主任派位：参加派位的教师，派位后各班班主任（未建立派位时为 null）',
        params: placementId,
        response: { 200: headTeacherTableSchema, ...errorResponses },
      },
    },
    async (req) => headTeacherTable(commandContext(ctx, req), req.params.id),
  );

  app.post(
    '/classes/:id/head-teachers',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          '建立班主任派位（仅限已公示的分班方案，每个方案一次，不能更换；每班一名教师，以教师姓名为编号），在电脑派位页面当众派位',
        params: placementId,
        body: headTeachersBody,
        response: { 200: headTeacherDraw, ...errorResponses },
      },
    },
    async (req) =>
      createHeadTeacherDraw(commandContext(ctx, req), req.params.id, {
        expectedVersion: req.body.version,
        teachers: req.body.teachers,
      }),
  );
}
