/**
 * @module 均衡分班 one placement: read it, run (or rerun) the placement, publish it, and download the
 * published class lists (.xlsx, masked names, audited).
 */
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses, versionBody } from '../../platform/schemas.js';
import { exportClassLists, getPlacement, publishPlacement, runPlacement } from './commands/index.js';
import { placementId, runBody, tags, view } from './schema.js';

export function classPlacementRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/classes/:id',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '一个分班方案：脱敏名单、均衡报告、各班名单',
        params: placementId,
        response: { 200: view, ...errorResponses },
      },
    },
    async (req) => getPlacement(commandContext(ctx, req), req.params.id),
  );

  app.post(
    '/classes/:id/run',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '开始分班（或按新的班级数、班级名称、随机种子重新分班），并与蛇形分班对比',
        params: placementId,
        body: runBody,
        response: { 200: view, ...errorResponses },
      },
    },
    async (req) => {
      const { version, ...rest } = req.body;
      return runPlacement(commandContext(ctx, req), req.params.id, { expectedVersion: version, ...rest });
    },
  );

  app.post(
    '/classes/:id/publish',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          '公示分班结果（各班名单只显示脱敏姓名）；公示后为最终结果，不能再重新分班；每校每学段每年只公示一个方案',
        params: placementId,
        body: versionBody,
        response: { 200: view, ...errorResponses },
      },
    },
    async (req) =>
      publishPlacement(commandContext(ctx, req), req.params.id, { expectedVersion: req.body.version }),
  );

  app.get(
    '/classes/:id/lists.xlsx',
    {
      config: signedIn,
      schema: { tags, summary: '已公示的各班名单（.xlsx，脱敏姓名）', params: placementId },
    },
    async (req, reply) => {
      const { placement: p, bytes } = await exportClassLists(commandContext(ctx, req), req.params.id);
      return attachment(reply, bytes, `${p.schoolName}${p.year}年${p.gradeLabel}分班名单.xlsx`);
    },
  );
}
