/**
 * @module 均衡分班 placements listed and created: the list, the 新生名单 template, a new placement
 * from entrants given as JSON or the demo cohort, and one from an imported 新生名单 (commands/).
 */
import { message } from '@junheng/core';
import { writeEntrantTemplate } from '@junheng/io';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses } from '../../platform/schemas.js';
import { uploadedFile } from '../../platform/upload.js';
import {
  createPlacementOf,
  importPlacement,
  listPlacements,
  type NewPlacementRequest,
} from './commands/index.js';
import {
  importAnswer,
  importQuery,
  newPlacementBody,
  placementListQuery,
  summary,
  tags,
  view,
} from './schema.js';

export function classCreateRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/classes',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '分班方案列表（学校用户只见本校；最新的在前）',
        querystring: placementListQuery,
        response: { 200: z.array(summary), ...errorResponses },
      },
    },
    async (req) => listPlacements(commandContext(ctx, req), req.query),
  );

  app.get(
    '/classes/template.xlsx',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '新生名单 Excel 模板（姓名、性别、入学成绩、随班就读、留守儿童、同班组、分开组）',
      },
    },
    async (req, reply) => {
      requireAuth(req);
      return attachment(reply, await writeEntrantTemplate(), '新生名单模板.xlsx');
    },
  );

  app.post(
    '/classes',
    {
      config: signedIn,
      schema: {
        tags,
        summary: '新建分班方案（录入的新生名单，或 demo 演示名单）；姓名加密保存',
        body: newPlacementBody,
        response: { 200: view, ...errorResponses },
      },
    },
    // zod's optional entrant fields are core's EntrantInput (checked by core checkEntrants).
    async (req) => createPlacementOf(commandContext(ctx, req), req.body as NewPlacementRequest),
  );

  app.post(
    '/classes/import',
    {
      config: signedIn,
      schema: {
        tags,
        summary:
          '导入新生名单（.xlsx/.csv，application/octet-stream，文件名放 X-File-Name）并新建分班方案；有错误时 422，不写入',
        querystring: importQuery,
        response: { 200: importAnswer, ...errorResponses },
      },
    },
    async (req) => {
      // Who may place the school is checked before the file is read.
      const upload = () => uploadedFile(req, message('classes.uploadEntrantsExpect'));
      return importPlacement(commandContext(ctx, req), req.query, upload);
    },
  );
}
