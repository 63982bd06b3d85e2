/**
 * @module The request and response schemas of the 指标到校 routes (routes.ts): zod, validating
 * requests and generating the OpenAPI document (packages/server/openapi.json).
 */
import { z } from 'zod';
import { countyCode, timestamp, year } from '../../platform/schemas.js';

export const tags = ['指标到校'];
export const quotaId = z.object({ id: z.coerce.number().int().min(1) });

export const quotaRow = z.object({
  schoolId: z.string(),
  name: z.string().optional(),
  graduates: z.number(),
  rural: z.boolean(),
  weight: z.number(),
  weightedGraduates: z.number(),
  guaranteed: z.number(),
  heldAtGuarantee: z.boolean(),
  heldAtCap: z.boolean().describe('应得名额超过毕业生数，按毕业生数封顶'),
  exactQuota: z.number(),
  floor: z.number(),
  remainder: z.number(),
  extraSeat: z.number(),
  final: z.number(),
});

export const allocation = z.object({
  plan: z.number(),
  share: z.number(),
  places: z.number().describe('分配到初中的名额 = ⌈总名额 × 比例⌉'),
  unallocated: z.number(),
  unplaced: z.number().describe('无法分配的名额：各校毕业生合计少于分配名额时，每校至多分得其毕业生数'),
  ruralWeight: z.number(),
  minimum: z.number(),
  proportionalPlaces: z.number(),
  leftoverSeats: z.number(),
  rows: z.array(quotaRow),
});

/** A school as saved: name and 乡村 from the register (school.locality). */
export const school = z.object({
  schoolId: z.string(),
  name: z.string(),
  graduates: z.number().int().min(0).max(100_000),
  rural: z.boolean().describe('乡村学校：取自学校名录的城乡类型（school.locality），不由请求决定'),
});

/** A school as submitted: which one and its confirmed graduates; 乡村 is not taken from the client. */
export const schoolInput = z.object({
  schoolId: z.string(),
  name: z.string().optional().describe('忽略：以学校名录中的名称为准'),
  graduates: z.number().int().min(0).max(100_000),
});

/** The allocation's parameters, as a preview, a new allocation and a change bring them. */
export const quotaParams = {
  highSchoolName: z.string().min(1).max(100),
  places: z.number().int().min(0).max(100_000),
  share: z.number().min(0).max(1).describe('指标到校比例（0～1），不低于规定比例'),
  ruralTilt: z.number().min(1).max(5).describe('乡村学校倾斜系数，1 为不倾斜'),
  minimum: z.number().int().min(0).max(1000),
  schools: z
    .array(schoolInput)
    .min(1)
    .max(1000)
    .describe('参加分配的初中及毕业生数；是否乡村学校按学校名录（城乡类型）确定'),
};

export const summary = z.object({
  id: z.number(),
  countyCode: z.string(),
  year: z.number(),
  highSchoolName: z.string(),
  places: z.number(),
  share: z.number(),
  ruralTilt: z.number(),
  minimum: z.number(),
  allocated: z.number(),
  schools: z.number(),
  version: z.number(),
  createdAt: timestamp,
  createdByName: z.string().nullable(),
  updatedAt: timestamp,
  updatedByName: z.string().nullable(),
});

export const view = summary.extend({ inputs: z.array(school), result: allocation });

// The least share and the document it comes from (the research tags stay in docs/standards.md).
export const rule = z.object({ minShare: z.number(), document: z.string() });

export const countyYearQuery = z.object({ year, countyCode: countyCode.optional() });

/** What a preview and a new allocation bring: the county (default the user's), the year, the parameters. */
export const quotaBody = z.object({
  year: z.number().int().min(2000).max(2100),
  countyCode: countyCode.optional(),
  ...quotaParams,
});

export const quotaChangesBody = z.object({ version: z.number().int().min(1), ...quotaParams });

export const quotaSchoolsAnswer = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  rule,
  schools: z.array(
    z.object({
      schoolId: z.string(),
      name: z.string(),
      rural: z.boolean().describe('乡村学校：学校名录的城乡类型（只读，修改请到学校名录）'),
      juniorStudents: z.number().nullable(),
      reportYear: z.number().nullable(),
      graduates: z.number(),
      estimated: z.boolean(),
    }),
  ),
});
