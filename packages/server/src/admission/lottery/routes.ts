/**
 * @module 电脑派位: the county's (and a school's head-teacher) draws — list, read, create from entries
 * (JSON, or an uploaded .xlsx/.csv/pasted list of 编号 + 核验码), conduct with the public seed, print
 * the protocol — and the public verification data without login: the record, the result page by
 * page, the canonical list (list.txt, exactly the bytes `junheng lottery verify` reads) and the
 * result as CSV.
 *
 * Each route parses, calls one command (commands/: access, checks, audit) and presents its answer
 * (present.ts): every draw is public once committed; drawing needs edit on the draw (the county's
 * bureau; a school for its own head-teacher draw). Creating here is only the county bureau's own
 * admission draw from a list (createStandaloneDraw): a
 * head-teacher draw is made through a published class placement (POST /classes/:id/head-teachers),
 * a round's draw by its commit — a 400 for a head-teacher or a school's draw says so.
 */

import { csvText, message } from '@junheng/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commandContext } from '../../platform/commands.js';
import { type AppContext, UPLOAD_LIMIT } from '../../platform/context.js';
import { attachment } from '../../platform/download.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { countyCode, errorResponses } from '../../platform/schemas.js';
import { uploadedFile } from '../../platform/upload.js';
import {
  conductDraw,
  createDrawFromUpload,
  createStandaloneDraw,
  drawnResult,
  drawProtocol,
  exportDrawProtocol,
  generateSecrets,
  getDraw,
  getPublicDraw,
  listDraws,
  listPublicDraws,
  publicDrawPage,
} from './commands/index.js';
import { presentDraw, presentPublicDraw, resultTable } from './present.js';
import {
  conductBody,
  drawId,
  drawList,
  drawListQuery,
  drawSchema,
  generatedSecrets,
  newDrawBody,
  protocolSchema,
  publicDrawAnswer,
  publicDrawSchema,
  resultsQuery,
  uploadQuery,
} from './schema.js';

/** A text file of exactly these UTF-8 bytes (the commitment and result hash are hashes of them). */
const utf8 = (text: string) => Buffer.from(text, 'utf8');

const open = { access: 'public' as const };

/** Signed in: a county's draws and one draw. */
function drawReadRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/lottery/draws',
    {
      config: signedIn,
      schema: {
        tags: ['电脑派位'],
        summary: '本县的派位（最新的在前）；canCreate 表示当前用户可新建派位',
        querystring: drawListQuery,
        response: {
          200: drawList,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const list = await listDraws(commandContext(ctx, req), req.query);
      return { ...list, items: list.items.map(presentDraw) };
    },
  );

  app.get(
    '/lottery/draws/:id',
    {
      config: signedIn,
      schema: {
        tags: ['电脑派位'],
        summary: '一次派位：名单承诺值、派位后的种子、结果哈希和现场情况',
        params: drawId,
        response: { 200: drawSchema, ...errorResponses },
      },
    },
    async (req) => presentDraw(await getDraw(commandContext(ctx, req), req.params.id)),
  );
}

/** Signed in: the county bureau's own admission draw (JSON or an uploaded list) and the 核验码 for a list. */
function drawCreateRoutes(app: RouteApp, ctx: AppContext): void {
  app.post(
    '/lottery/draws',
    {
      config: signedIn,
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['电脑派位'],
        summary:
          '县教育局新建招生派位并公示名单承诺值（每名儿童一个条目：编号 + 核验码）；班主任派位请在“均衡分班”页面公示分班结果后进行',
        body: newDrawBody,
        response: { 200: drawSchema, ...errorResponses },
      },
    },
    async (req) => presentDraw(await createStandaloneDraw(commandContext(ctx, req), req.body)),
  );

  app.post(
    '/lottery/draws/upload',
    {
      config: signedIn,
      schema: {
        tags: ['电脑派位'],
        summary:
          '县教育局上传名单新建招生派位：.xlsx / .csv / .txt（或粘贴的文本），编号、核验码两列；有错时逐行列出、不建派位',
        querystring: uploadQuery,
        response: { 200: drawSchema, ...errorResponses },
      },
    },
    async (req) => {
      // What and who may create here is checked before the file is read (as imports do).
      const upload = () => uploadedFile(req, message('lottery.uploadListExpect'), '名单.txt');
      return presentDraw(await createDrawFromUpload(commandContext(ctx, req), req.query, upload));
    },
  );

  app.post(
    '/lottery/secrets',
    {
      config: signedIn,
      schema: {
        tags: ['电脑派位'],
        summary:
          '县教育局为独立派位的编号名单生成核验码（每户 128 位随机数）：上传 .txt（每行一个编号）/.csv/.xlsx（编号列）；不保存，只返回一次（网页据此下载 编号,核验码 文件、打印核验码条）',
        querystring: z.object({ countyCode: countyCode.optional() }),
        response: {
          200: generatedSecrets,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      // Only who may create the county's draw (checked before the file is read).
      const upload = () => uploadedFile(req, message('lottery.uploadTicketsExpect'), '编号名单.txt');
      return generateSecrets(commandContext(ctx, req), req.query, upload);
    },
  );
}

/** Signed in: conducting a draw and its protocol (on screen and as text). */
function drawConductRoutes(app: RouteApp, ctx: AppContext): void {
  app.post(
    '/lottery/draws/:id/draw',
    {
      config: signedIn,
      schema: {
        tags: ['电脑派位'],
        summary: '开始派位：录入现场公开摇出的随机种子（至少 20 位数字）和见证情况；一次派位只能进行一次',
        params: drawId,
        body: conductBody,
        response: { 200: drawSchema, ...errorResponses },
      },
    },
    async (req) => presentDraw(await conductDraw(commandContext(ctx, req), req.params.id, req.body)),
  );

  app.get(
    '/lottery/draws/:id/protocol',
    {
      config: signedIn,
      schema: {
        tags: ['电脑派位'],
        summary: '派位公证记录（打印用）：由公示名单和种子复算，与保存的结果哈希核对',
        params: drawId,
        response: {
          200: protocolSchema,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const p = await drawProtocol(commandContext(ctx, req), req.params.id);
      return {
        record: { ...p.record, witnesses: [...p.record.witnesses] },
        text: p.text,
        ranksShown: p.ranksShown,
        ranks: p.ranks,
      };
    },
  );

  app.get(
    '/lottery/draws/:id/protocol.txt',
    {
      config: signedIn,
      schema: { tags: ['电脑派位'], summary: '下载派位公证记录（纯文本，UTF-8）', params: drawId },
    },
    async (req, reply) => {
      const p = await exportDrawProtocol(commandContext(ctx, req), req.params.id);
      return attachment(reply, utf8(p.text), `${p.draw.title}-派位公证记录.txt`);
    },
  );
}

/** No login: the public record, the result page by page, the canonical list and the result files. */
function publicDrawRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/public/lottery/draws',
    {
      config: open,
      schema: {
        tags: ['公示'],
        summary: '一个县的电脑派位（公示）：名单承诺值，派位后的种子和结果哈希',
        querystring: z.object({ countyCode }),
        response: { 200: z.array(publicDrawSchema), ...errorResponses },
      },
    },
    async (req) => (await listPublicDraws(ctx, req.query.countyCode)).map(presentPublicDraw),
  );

  app.get(
    '/public/lottery/draws/:id',
    {
      config: open,
      schema: {
        tags: ['公示'],
        summary: '一次派位的公示记录和派位结果（分页；ticket 按编号查找）',
        params: drawId,
        querystring: resultsQuery,
        response: {
          200: publicDrawAnswer,
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { draw, results } = await publicDrawPage(ctx, req.params.id, req.query);
      return { draw: presentPublicDraw(draw), results };
    },
  );

  app.get(
    '/public/lottery/draws/:id/list.txt',
    {
      config: open,
      schema: {
        tags: ['公示'],
        summary:
          '公示名单（规范形式，UTF-8，无 BOM）：其 SHA-256 即名单承诺值，junheng lottery verify 读取的就是它',
        params: drawId,
      },
    },
    async (req, reply) => {
      const pub = await getPublicDraw(ctx, req.params.id);
      return attachment(reply, utf8(pub.listText), `lottery-${pub.draw.id}-list.txt`);
    },
  );

  app.get(
    '/public/lottery/draws/:id/result.txt',
    {
      config: open,
      schema: {
        tags: ['公示'],
        summary: '派位结果列表（“名次,编号”每行一条，UTF-8）：其 SHA-256 即结果哈希',
        params: drawId,
      },
    },
    async (req, reply) => {
      const r = await drawnResult(ctx, req.params.id);
      return attachment(reply, utf8(r.resultText), `lottery-${r.draw.id}-result.txt`);
    },
  );

  app.get(
    '/public/lottery/draws/:id/result.csv',
    {
      config: open,
      schema: {
        tags: ['公示'],
        summary: '派位结果 CSV（名次、编号，班主任派位另有班级；UTF-8 带 BOM，供 Excel 打开）',
        params: drawId,
      },
    },
    async (req, reply) => {
      const r = await drawnResult(ctx, req.params.id);
      return attachment(reply, csvText(resultTable(r.order, r.draw.slots)), `${r.draw.title}-派位结果.csv`);
    },
  );
}

/** The routes, registered in this order (also the order of the API contract, openapi.json). */
export function lotteryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    drawReadRoutes(app, ctx);
    drawCreateRoutes(app, ctx);
    drawConductRoutes(app, ctx);
    publicDrawRoutes(app, ctx);
  };
}
