/**
 * @module 电脑派位: the county's (and a school's head-teacher) draws — list, read, create from entries
 * (JSON, or an uploaded .xlsx/.csv/pasted list of 编号 + 核验码), conduct with the public seed, print
 * the protocol — and the public verification data without login: the record, the result page by
 * page, the canonical list (list.txt, exactly the bytes `junheng lottery verify` reads) and the
 * result as CSV.
 *
 * Access is decided in @junheng/db (lotteryDraws.ts): every draw is public once committed; drawing
 * needs edit on the draw (the county's bureau; a school for its own head-teacher draw). Creating
 * here is only the county bureau's own admission draw from a list (createStandaloneDraw): a
 * head-teacher draw is made through a published class placement (POST /classes/:id/head-teachers),
 * a round's draw by its commit — a 400 for a head-teacher or a school's draw says so.
 */

import { randomBytes } from 'node:crypto';
import { type Actor, csvText, GENERATED_SECRET_HEX_DIGITS } from '@junheng/core';
import {
  canCreateDraw,
  checkStandaloneDraw,
  conductDraw,
  countyCodeOfSchool,
  createStandaloneDraw,
  DRAW_PURPOSE_NAMES,
  type DrawView,
  drawProtocol,
  getDraw,
  getPublicDraw,
  listDraws,
  listPublicDraws,
  regionName,
  resultPage,
} from '@junheng/db';
import { readLotteryEntries, readLotteryTickets } from '@junheng/io';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../../accounts/session.js';
import { type AppContext, UPLOAD_LIMIT } from '../../platform/context.js';
import { attachment, auditExport } from '../../platform/download.js';
import { ApiError } from '../../platform/errors.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { countyCode, errorResponses } from '../../platform/schemas.js';
import { importInvalid, uploadedFile } from '../../platform/upload.js';
import { resolveCounty } from '../../schools/county.js';
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

function publicView(d: DrawView) {
  const { committedByName: _c, ...rest } = d;
  return { ...rest, purposeName: DRAW_PURPOSE_NAMES[d.purpose] };
}

function withName<T extends DrawView>(d: T) {
  return { ...d, purposeName: DRAW_PURPOSE_NAMES[d.purpose] };
}

/** The county a list is about: the one asked for, the school's, or the user's own. */
async function countyFor(ctx: AppContext, actor: Actor, requested?: string): Promise<string> {
  if (requested) return requested;
  if (actor.schoolId) {
    const own = await countyCodeOfSchool(ctx.db, actor.schoolId);
    if (own) return own;
  }
  return (await resolveCounty(ctx.db, actor, 'lotteryDraw')).code;
}

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
      const auth = requireAuth(req);
      const code = await countyFor(ctx, auth.actor, req.query.countyCode);
      const items = await listDraws(ctx.db, auth.actor, { ...req.query, countyCode: code });
      const name = await regionName(ctx.db, code);
      return {
        county: { code, name: name ?? code },
        canCreate: canCreateDraw(auth.actor, code),
        items: items.map(withName),
      };
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
    async (req) => withName(await getDraw(ctx.db, requireAuth(req).actor, req.params.id)),
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
    async (req) => {
      const auth = requireAuth(req);
      const code = req.body.countyCode ?? (await countyFor(ctx, auth.actor));
      const d = await createStandaloneDraw(
        ctx.db,
        auth.actor,
        { ...req.body, countyCode: code },
        { ip: req.ip, now: ctx.now() },
      );
      return withName(d);
    },
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
      const auth = requireAuth(req);
      const code = req.query.countyCode ?? (await countyFor(ctx, auth.actor));
      // What and who may create here is checked before the file is read (as imports do).
      checkStandaloneDraw(auth.actor, {
        countyCode: code,
        purpose: req.query.purpose,
        schoolId: req.query.schoolId,
      });
      const { bytes, name } = uploadedFile(
        req,
        ' .xlsx、.csv 或 .txt 名单文件（编号、核验码两列），或粘贴名单文本',
        '名单.txt',
      );
      const read = await readLotteryEntries(bytes, name);
      if (read.errors.length > 0) throw importInvalid(read.errors, name, '名单条目');
      const d = await createStandaloneDraw(
        ctx.db,
        auth.actor,
        { countyCode: code, year: req.query.year, title: req.query.title, entries: read.entries },
        { ip: req.ip, now: ctx.now() },
      );
      return withName(d);
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
      const auth = requireAuth(req);
      const code = req.query.countyCode ?? (await countyFor(ctx, auth.actor));
      // Only who may create the county's draw (checked before the file is read).
      checkStandaloneDraw(auth.actor, { countyCode: code });
      const { bytes, name } = uploadedFile(
        req,
        ' .txt、.csv 或 .xlsx 编号名单（每户一个编号）',
        '编号名单.txt',
      );
      const read = await readLotteryTickets(bytes, name);
      if (read.errors.length > 0) throw importInvalid(read.errors, name, '编号');
      // node:crypto: the family's 核验码 must be unguessable (never Math.random). Not stored: the
      // draw keeps only the digests of the list uploaded afterwards.
      const entries = read.tickets.map((ticket) => ({
        ticket,
        secret: randomBytes(GENERATED_SECRET_HEX_DIGITS / 2).toString('hex'),
      }));
      return { file: name, entries };
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
    async (req) => {
      const auth = requireAuth(req);
      const d = await conductDraw(ctx.db, auth.actor, req.params.id, req.body, {
        ip: req.ip,
        now: ctx.now(),
      });
      return withName(d);
    },
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
      await getDraw(ctx.db, requireAuth(req).actor, req.params.id);
      const p = await drawProtocol(ctx.db, req.params.id);
      const { order } = await getPublicDraw(ctx.db, req.params.id);
      const ranks = (order ?? []).slice(0, p.ranksShown).map((ticket, k) => ({
        rank: k + 1,
        ticket,
        slot: p.draw.slots ? (p.draw.slots[k] ?? null) : null,
      }));
      return {
        record: { ...p.record, witnesses: [...p.record.witnesses] },
        text: p.text,
        ranksShown: p.ranksShown,
        ranks,
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
      const auth = requireAuth(req);
      await getDraw(ctx.db, auth.actor, req.params.id);
      const p = await drawProtocol(ctx.db, req.params.id);
      await auditExport(ctx, auth, req, {
        action: 'export.lotteryProtocol',
        entity: 'lottery_draw',
        entityId: String(req.params.id),
        after: { title: p.draw.title, resultHash: p.draw.resultHash },
      });
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
    async (req) => (await listPublicDraws(ctx.db, req.query.countyCode)).map(publicView),
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
      const pub = await getPublicDraw(ctx.db, req.params.id);
      const { page, pageSize } = req.query;
      // Objects for the requested page only (up to 200,000 ranks, anonymous).
      const results = pub.order
        ? resultPage(pub.order, pub.draw.slots, { page, pageSize, ticket: req.query.ticket?.trim() })
        : null;
      return { draw: publicView(pub.draw), results };
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
      const pub = await getPublicDraw(ctx.db, req.params.id);
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
      const pub = await getPublicDraw(ctx.db, req.params.id);
      if (pub.resultText === null)
        throw new ApiError(404, 'notFound', `“${pub.draw.title}”尚未派位，还没有结果`);
      return attachment(reply, utf8(pub.resultText), `lottery-${pub.draw.id}-result.txt`);
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
      const pub = await getPublicDraw(ctx.db, req.params.id);
      if (pub.order === null) throw new ApiError(404, 'notFound', `“${pub.draw.title}”尚未派位，还没有结果`);
      const slots = pub.draw.slots;
      const header = slots ? ['名次', '编号', '班级'] : ['名次', '编号'];
      const rows = pub.order.map((ticket, k) =>
        slots ? [k + 1, ticket, slots[k] ?? '候补'] : [k + 1, ticket],
      );
      return attachment(reply, csvText([header, ...rows]), `${pub.draw.title}-派位结果.csv`);
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
