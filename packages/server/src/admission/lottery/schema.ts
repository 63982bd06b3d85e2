/**
 * @module The request and response schemas of the 电脑派位 routes (routes.ts): zod, validating
 * requests and generating the OpenAPI document (packages/server/openapi.json).
 */
import { MAX_DRAW_ENTRIES } from '@junheng/core';
import { z } from 'zod';
import { countyCode, nullableTimestamp, schoolId, timestamp, year } from '../../platform/schemas.js';

export const purpose = z
  .enum(['admission', 'headTeacher'])
  .describe('admission 招生派位；headTeacher 班主任派位');
export const witness = z.object({ name: z.string(), role: z.string() });

/** A draw as the public sees it (no account names). */
export const publicDrawSchema = z.object({
  id: z.number(),
  countyCode: z.string(),
  countyName: z.string(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  year: z.number(),
  purpose,
  purposeName: z.string(),
  title: z.string(),
  roundId: z.number().nullable(),
  slots: z.array(z.string()).nullable(),
  status: z.enum(['committed', 'drawn']).describe('committed 已公示名单待派位；drawn 已派位'),
  entryCount: z.number(),
  commitment: z.string().describe('名单承诺值：公示名单（list.txt）的 SHA-256'),
  seed: z.string().nullable().describe('随机种子（派位后）'),
  resultHash: z.string().nullable().describe('结果哈希：派位结果列表的 SHA-256（派位后）'),
  committedAt: timestamp,
  drawnAt: nullableTimestamp,
  operatorName: z.string().nullable(),
  witnesses: z.array(witness),
  place: z.string().nullable(),
  notary: z.string().nullable(),
});

/** A draw as a signed-in user sees it: who committed it, and whether they may draw it. */
export const drawSchema = publicDrawSchema.extend({
  committedByName: z.string().nullable(),
  canDraw: z.boolean().describe('当前用户可组织此次派位'),
});

/** One entry of a draw's list: the family's ticket and 核验码. */
const lotteryEntry = z.object({ ticket: z.string(), secret: z.string() });

/** A rank of a drawn result, with the class it takes in a head-teacher draw. */
const rankRow = z.object({ rank: z.number(), ticket: z.string(), slot: z.string().nullable() });

/** The :id of a draw. */
export const drawId = z.object({ id: z.coerce.number().int().min(1) });

/** GET /lottery/draws: the county (default the user's), year and purpose. */
export const drawListQuery = z.object({
  countyCode: countyCode.optional(),
  year: year.optional(),
  purpose: purpose.optional(),
});

/** The draws of a county, and whether the user may create one there. */
export const drawList = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  canCreate: z.boolean(),
  items: z.array(drawSchema),
});

/** POST /lottery/draws: a county's admission draw from its entries. */
export const newDrawBody = z.object({
  countyCode: countyCode.optional(),
  // Accepted only to answer 400 with where a school's or a head-teacher draw is made.
  schoolId: schoolId.nullable().optional().describe('不可填写：学校不在这里新建派位'),
  year: z.number().int().min(2000).max(2100),
  purpose: purpose.optional().describe('只能是 admission（默认）；班主任派位请在“均衡分班”页面进行'),
  title: z.string(),
  entries: z.array(lotteryEntry).max(MAX_DRAW_ENTRIES),
  slots: z.array(z.string()).nullable().optional().describe('不可填写：只有班主任派位有班级'),
  // No roundId: a round's ONE draw is created by POST /admission/rounds/:id/commit.
});

/** POST /lottery/draws/upload: what the uploaded list is for. */
export const uploadQuery = z.object({
  countyCode: countyCode.optional(),
  schoolId: schoolId.optional().describe('不可填写：学校不在这里新建派位'),
  year: year,
  purpose: purpose.optional().describe('只能是 admission（默认）；班主任派位请在“均衡分班”页面进行'),
  title: z.string().min(1, '请填写派位名称'),
});

/** The 核验码 generated for an uploaded list of tickets (never stored). */
export const generatedSecrets = z.object({
  file: z.string(),
  entries: z.array(lotteryEntry),
});

/** What is entered at the draw. */
export const conductBody = z.object({
  seed: z.string(),
  operatorName: z.string(),
  witnesses: z.array(witness),
  place: z.string(),
  notary: z.string().nullable().optional(),
});

/** The printable 派位公证记录 with the ranks it shows. */
export const protocolSchema = z.object({
  record: z.object({
    drawnAt: z.string(),
    operator: z.string(),
    witnesses: z.array(z.string()),
    notary: z.string().optional(),
    commitment: z.string(),
    seed: z.string(),
    resultHash: z.string(),
    entryCount: z.number(),
  }),
  text: z.string(),
  ranksShown: z.number(),
  ranks: z.array(rankRow),
});

/** One page of a drawn result, optionally searched by ticket. */
export const resultsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  ticket: z.string().max(64).optional().describe('按编号查找（包含即可）'),
});

/** A draw as the public sees it, with one page of its result once drawn. */
export const publicDrawAnswer = z.object({
  draw: publicDrawSchema,
  results: z
    .object({
      items: z.array(rankRow),
      total: z.number(),
      page: z.number(),
      pageSize: z.number(),
    })
    .nullable()
    .describe('派位前为 null'),
});
