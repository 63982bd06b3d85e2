/**
 * @module The request and response schemas of the 招生申请 routes (routes.ts): zod, validating
 * requests and generating the OpenAPI document (packages/server/openapi.json).
 */
import { APPLICANT_LIMITS, SPECIAL_NEEDS } from '@junheng/core';
import { z } from 'zod';
import {
  countyCode,
  nullableTimestamp,
  paging,
  schoolId,
  stage,
  timestamp,
  year,
} from '../../platform/schemas.js';

export const TAG = ['招生申请'];
export const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const category = z.object({
  id: z.string().max(32).describe('类别标识，如 hukouProperty'),
  name: z.string().max(20).describe('类别名称，如 户籍与房产一致'),
  migrantGuarantee: z.boolean().describe('随迁子女保障：满足条件的保障安排公办学位'),
});
export const placesInput = z
  .array(z.object({ schoolId, places: z.number().int().min(0).max(100000) }))
  .max(2000);
export const roundStatus = z
  .enum(['open', 'committed', 'admitted'])
  .describe('open 报名中，committed 名单已公布，admitted 已录取');

export const roundSummary = z.object({
  id: z.number(),
  countyCode: z.string(),
  countyName: z.string(),
  year: z.number(),
  stage,
  title: z.string(),
  status: roundStatus,
  drawId: z.number().nullable(),
  applicantCount: z.number(),
  placesTotal: z.number(),
  version: z.number(),
  updatedAt: timestamp,
});
export const roundDetail = roundSummary.extend({
  categories: z.array(category),
  siblingPriority: z.boolean(),
  schools: z.array(
    z.object({
      schoolId: z.string(),
      schoolName: z.string(),
      group: z.string(),
      places: z.number(),
      zoneApplicants: z.number(),
    }),
  ),
  familyCount: z.number(),
  drawStatus: z.enum(['committed', 'drawn']).nullable(),
  admittedAt: nullableTimestamp,
  updatedByName: z.string().nullable(),
  canEdit: z.boolean(),
  canViewApplicants: z.boolean(),
  canViewPersonal: z
    .boolean()
    .describe(
      '可查看儿童完整信息并导出含个人信息的名单（县教育局；学校填报员限录取到本校的学生），否则只有脱敏名单',
    ),
});

export const placementHow = z.enum(['zone', 'lottery', 'assigned', 'migrantGuarantee', 'pending']);
export const specialNeeds = z.enum(
  SPECIAL_NEEDS as unknown as ['learningInClass', 'specialSchool', 'homeTeaching', 'other'],
);
export const applicantItem = z.object({
  id: z.number(),
  roundId: z.number(),
  ticket: z.string(),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  guardianNameMasked: z.string(),
  phoneMasked: z.string(),
  gender: z.enum(['male', 'female']),
  birthMonth: z.string(),
  areaName: z.string().nullable(),
  zoneSchoolId: z.string().nullable(),
  zoneSchoolName: z.string().nullable(),
  category: z.string(),
  categoryName: z.string(),
  migrantEligible: z.boolean(),
  specialNeeds: specialNeeds.nullable(),
  siblingAtSchool: z.boolean(),
  familyKey: z.string().nullable(),
  choices: z.array(z.string()),
  placementSchoolId: z.string().nullable(),
  placementSchoolName: z.string().nullable(),
  placementHow: placementHow.nullable(),
  placementLabel: z.string().nullable(),
  lotteryRank: z.number().nullable(),
  version: z.number(),
  updatedAt: timestamp,
});
export const applicantDetail = applicantItem.extend({
  name: z.string(),
  idNumber: z.string(),
  guardianName: z.string(),
  phone: z.string(),
  address: z.string().nullable(),
  specialNeedsNote: z.string().nullable(),
  secret: z
    .string()
    .nullable()
    .describe('核验码：家长用派位编号和核验码在公示页核对自己的派位条目；只给县教育局（学校用户为 null）'),
  lotteryTicket: z.string().describe('派位编号：同户多胞胎共用第一个申请编号'),
});

// Text limits are core's (APPLICANT_LIMITS), which the checks and the forms use too.
export const applicantInput = z.object({
  name: z.string().max(APPLICANT_LIMITS.name),
  idNumber: z.string().max(30),
  gender: z.enum(['male', 'female']).nullable().optional(),
  guardianName: z.string().max(APPLICANT_LIMITS.name),
  phone: z.string().max(30),
  address: z.string().max(APPLICANT_LIMITS.address).nullable().optional(),
  areaName: z.string().max(APPLICANT_LIMITS.areaName).nullable().optional(),
  zoneSchoolId: schoolId.nullable(),
  category: z.string().max(32),
  migrantEligible: z.boolean().default(false),
  specialNeeds: specialNeeds.nullable().default(null),
  specialNeedsNote: z.string().max(APPLICANT_LIMITS.specialNeedsNote).nullable().optional(),
  siblingAtSchool: z.boolean().default(false),
  familyKey: z.string().max(APPLICANT_LIMITS.familyKey).nullable().default(null),
  choices: z.array(schoolId).max(APPLICANT_LIMITS.choices).default([]),
});

export const cutOff = z.object({ categoryId: z.string(), siblings: z.boolean().nullable() }).nullable();
export const results = z.object({
  round: roundDetail,
  schools: z.array(
    z.object({
      schoolId: z.string(),
      schoolName: z.string(),
      group: z.string(),
      capacity: z.number(),
      zoneApplicants: z.number(),
      admittedByCategory: z.record(z.string(), z.number()),
      zoneAdmitted: z.number(),
      refused: z.number(),
      assigned: z.number(),
      migrantGuaranteed: z.number(),
      seatsLeft: z.number(),
      cutOff,
      lotteryUsed: z.boolean(),
    }),
  ),
  pending: z.number().nullable(),
  migrants: z.object({ eligible: z.number(), placed: z.number() }).nullable(),
  choiceComparison: z
    .object({
      basis: z.literal('seatsLeftForAssignment'),
      applicants: z.number(),
      seats: z.number(),
      rows: z.array(
        z.object({
          mechanism: z.enum(['deferred-acceptance', 'boston']),
          name: z.string(),
          label: z.string(),
          strategyProof: z.boolean(),
          placed: z.number(),
          firstChoice: z.number(),
          unplaced: z.number(),
          envyApplicants: z.number(),
          justifiedEnvyPairs: z.number(),
        }),
      ),
    })
    .nullable()
    .describe(
      '志愿录取方式对比：本片区未录取且填报志愿的儿童，在统筹剩余学位上分别按延迟接受（本系统）与按志愿顺序录取（先一志愿）计算；null = 未录取或学校用户',
    ),
});

export const listQuery = z.object({
  zoneSchoolId: schoolId.optional(),
  placementSchoolId: schoolId.optional(),
  category: z.string().max(32).optional(),
  status: z.enum(['unplaced', 'placed', 'pending', 'migrant', 'special']).optional(),
  q: z.string().max(100).optional(),
  page: paging.page,
  pageSize: paging.pageSize,
});

/** A round or an applicant by its id. */
export const idParams = z.object({ id });

export const roundListQuery = z.object({ countyCode: countyCode.optional(), year: year.optional() });

export const newRoundBody = z.object({
  countyCode: countyCode.optional(),
  year,
  stage,
  title: z.string().max(100),
  categories: z.array(category).max(12).optional(),
  siblingPriority: z.boolean().optional(),
  places: placesInput.optional(),
});

export const roundChangesBody = z.object({
  version: z.number().int().min(1),
  title: z.string().max(100).optional(),
  categories: z.array(category).max(12).optional(),
  siblingPriority: z.boolean().optional(),
  places: placesInput.optional(),
});

export const applicantChangesBody = applicantInput.extend({ version: z.number().int().min(1) });
export const versionQuery = z.object({ version: z.coerce.number().int().min(1) });
export const exportQuery = listQuery.omit({ page: true, pageSize: true });

export const importAnswer = z.object({
  file: z.string(),
  created: z.number(),
  firstTicket: z.string().nullable(),
  lastTicket: z.string().nullable(),
});

export const commitAnswer = z.object({
  round: roundDetail,
  draw: z.object({
    id: z.number(),
    commitment: z.string(),
    entryCount: z.number(),
    title: z.string(),
  }),
});
