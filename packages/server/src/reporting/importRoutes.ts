/**
 * @module Excel/CSV/JSON import through the API — a whole county by the bureau, one school by its
 * own users — and the pre-filled workbooks to fill in. Same reader and same Chinese errors as the
 * CLI (@junheng/io); all or nothing: the file is read and checked completely before anything is
 * written, and the write is one transaction with its audit event.
 *
 * Decisions: a school import may only change the school's own reports while they are 填报中 or
 * 已退回 (like the form), and may not rename or retype the school (the bureau keeps the register);
 * a county import sends approved reports back to 填报中 with their history kept (locked reports
 * refuse it).
 *
 * 导入即审核 asks first (issue 10 #23): with dryRun=true the county import runs completely inside a
 * transaction that is then rolled back, and answers which reports it would approve (school, 学段,
 * status before the import → 审核通过); the page lists them for confirmation, then imports for real.
 */
import {
  type CountyDataset,
  LOCALITY_NAMES,
  REPORT_STATUS_NAMES,
  type ReportStatus,
  SCHOOL_TYPE_NAMES,
  STAGE_NAMES,
} from '@junheng/core';
import {
  appendAudit,
  approveImportedReports,
  getSchool,
  loadDataset,
  previousYearWithData,
  reportStatusesOf,
  requireAllowed,
  saveDataset,
} from '@junheng/db';
import { type ImportError, importDatasetBuffer, writeDatasetWorkbook, writeTemplate } from '@junheng/io';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthContext, requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { attachment, auditExport } from '../platform/download.js';
import {
  countyCode,
  errorResponses,
  reportStatus,
  reportStatusOrMissing,
  schoolId,
  stageValue,
  year,
} from '../platform/schemas.js';
import { importInvalid, uploadedFile } from '../platform/upload.js';
import { resolveCounty } from '../schools/county.js';

const summarySchema = z.object({
  file: z.string(),
  schools: z.number(),
  schoolsCreated: z.number(),
  reportsCreated: z.number(),
  reportsUpdated: z.number(),
  countyItems: z.number(),
  warnings: z.array(z.string()),
  otherReports: z.array(z.object({ schoolId: z.string(), stage: stageValue })),
  approved: z.number().describe('导入即审核通过的报表数'),
  dryRun: z.boolean().optional().describe('true：只是试导入，没有写入任何数据'),
  approvedReports: z
    .array(
      z.object({
        schoolId: z.string(),
        schoolName: z.string(),
        stage: stageValue,
        stageName: z.string(),
        from: reportStatusOrMissing.describe('导入前的状态，missing = 尚无报表'),
        fromName: z.string(),
        to: reportStatus,
        toName: z.string(),
      }),
    )
    .optional()
    .describe('导入即审核时审核通过（dryRun 时为将审核通过）的报表'),
});

/** Thrown to roll a dry run's transaction back, carrying its answer out. */
class DryRunDone<T> extends Error {
  constructor(readonly value: T) {
    super('dry run');
  }
}

/** The status of each report before the import ('missing' = none yet), for the confirmation list. */
async function statusesBefore(
  tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0],
  ds: CountyDataset,
): Promise<Map<string, ReportStatus>> {
  return reportStatusesOf(
    tx,
    ds.year,
    ds.schools.map((s) => s.id),
  );
}

async function saveImported(
  ctx: AppContext,
  auth: AuthContext,
  req: FastifyRequest,
  ds: CountyDataset,
  file: string,
  action: string,
  entityId: string,
  approve = false,
  dryRun = false,
) {
  const schoolImport = action === 'import.school';
  const run = ctx.db.transaction(async (tx) => {
    const before = approve ? await statusesBefore(tx, ds) : new Map<string, ReportStatus>();
    const summary = await saveDataset(tx, ds, auth.user.username, { schoolImport });
    const keys = ds.schools.flatMap((s) => s.stages.map((st) => ({ schoolId: s.id, stage: st.stage })));
    const approved = approve
      ? await approveImportedReports(tx, auth.actor, auth.user, ds.year, keys, req.ip)
      : [];
    await appendAudit(tx, {
      actor: auth.user.username,
      actorId: auth.user.id,
      action,
      entity: 'import',
      entityId,
      after: { file, year: ds.year, county: ds.county.code, ...summary, approved: approved.length },
      ip: req.ip,
      at: ctx.now(),
    });
    const names = new Map(ds.schools.map((s) => [s.id, s.name]));
    const approvedReports = approved.map((r) => {
      const from: ReportStatus | 'missing' = before.get(`${r.schoolId}/${r.stage}`) ?? 'missing';
      return {
        schoolId: r.schoolId,
        schoolName: names.get(r.schoolId) ?? r.schoolId,
        stage: r.stage,
        stageName: STAGE_NAMES[r.stage],
        from,
        fromName: from === 'missing' ? '尚无报表' : REPORT_STATUS_NAMES[from],
        to: 'approved' as const,
        toName: REPORT_STATUS_NAMES.approved,
      };
    });
    const answer = { ...summary, approved: approved.length, approvedReports, dryRun };
    if (dryRun) throw new DryRunDone(answer);
    return answer;
  });
  return run.catch((e: unknown) => {
    if (e instanceof DryRunDone) return e.value as Awaited<typeof run>;
    throw e;
  });
}

/**
 * The county's data of a year; for a year nobody has reported yet, the most recent earlier year's
 * complete (published) figures relabelled to the year asked for, so the bureau starts the new round
 * from last year's sheet instead of a blank one.
 */
async function datasetOrLatestBefore(
  ctx: AppContext,
  countyCode: string,
  year: number,
): Promise<CountyDataset> {
  const ds = await loadDataset(ctx.db, countyCode, year);
  if (ds.schools.length > 0) return ds;
  // A published year had every report approved: a complete sheet. Otherwise the latest year with data.
  const previous = await previousYearWithData(ctx.db, countyCode, year);
  if (previous === null || previous === undefined) return ds;
  return { ...(await loadDataset(ctx.db, countyCode, previous)), year };
}

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = { access: 'signedIn' as const };

    app.post(
      '/imports/county',
      {
        config: signedIn,
        schema: {
          tags: ['导入导出'],
          summary: '导入全县数据（教育局）：全部正确才写入；approve=true 时导入的报表直接审核通过',
          querystring: z.object({
            year,
            countyCode: countyCode.optional(),
            approve: z
              .enum(['true', 'false'])
              .default('false')
              .describe('教育局已收齐各校数据时：导入即审核通过'),
            dryRun: z
              .enum(['true', 'false'])
              .default('false')
              .describe('true：完整检查并试导入后撤销，返回将审核通过的报表（导入即审核的确认）'),
          }),
          response: { 200: summarySchema, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const county = await resolveCounty(ctx.db, auth.actor, 'schoolReport', req.query.countyCode);
        requireAllowed(
          auth.actor,
          'import',
          { kind: 'schoolReport', regionCode: county.code },
          '没有找到该县',
        );
        const { bytes, name } = uploadedFile(req, '要导入的 .xlsx、.csv 或 .json 文件');
        const read = await importDatasetBuffer(bytes, name, { now: ctx.now() });
        if (read.errors.length > 0 || !read.dataset) throw importInvalid(read.errors, name);
        const ds = read.dataset;
        const mismatch: ImportError[] = [];
        if (ds.county.code !== county.code) {
          mismatch.push({
            file: name,
            sheet: '县域信息',
            value: ds.county.code,
            message: `文件的县级行政区划代码不是本县（${county.name} ${county.code}）：请核对后再导入`,
          });
        }
        if (ds.year !== req.query.year) {
          mismatch.push({
            file: name,
            sheet: '县域信息',
            value: ds.year,
            message: `文件的学年与所选学年（${req.query.year}）不同：请在页面上选择 ${ds.year} 学年，或改正文件中的学年`,
          });
        }
        if (mismatch.length > 0) throw importInvalid(mismatch, name);
        const summary = await saveImported(
          ctx,
          auth,
          req,
          ds,
          name,
          'import.county',
          county.code,
          req.query.approve === 'true',
          req.query.dryRun === 'true',
        );
        return { file: name, ...summary, warnings: read.warnings };
      },
    );

    app.post(
      '/imports/school/:schoolId',
      {
        config: signedIn,
        schema: {
          tags: ['导入导出'],
          summary: '导入本校数据（学校用户）：只含本校的行，报表须为填报中或已退回',
          params: z.object({ schoolId }),
          querystring: z.object({ year }),
          response: { 200: summarySchema, ...errorResponses },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const school = await getSchool(ctx.db, auth.actor, req.params.schoolId, req.query.year);
        requireAllowed(
          auth.actor,
          'import',
          { kind: 'schoolReport', regionCode: school.regionCode, schoolId: school.id },
          '没有找到该学校',
        );
        const { bytes, name } = uploadedFile(req, '要导入的 .xlsx、.csv 或 .json 文件');
        const county = await resolveCounty(
          ctx.db,
          { id: 'system', role: 'system_admin' },
          'school',
          school.countyCode,
        );
        const read = await importDatasetBuffer(bytes, name, {
          now: ctx.now(),
          county: { county: { code: county.code, name: county.name }, year: req.query.year },
          countyInputs: {},
        });
        if (read.errors.length > 0 || !read.dataset) throw importInvalid(read.errors, name);
        const problems: ImportError[] = [];
        for (const s of read.dataset.schools) {
          if (s.id !== school.id) {
            problems.push({
              file: name,
              sheet: '学校基本情况',
              column: '学校标识码',
              value: s.id,
              message: `只能导入本校（${school.name} ${school.id}）的数据：请删除其他学校的行`,
            });
          } else {
            // The register (name, type, 城乡类型) is the bureau's: a school's file must agree with it.
            const differs = (
              [
                ['学校名称', s.name, school.name],
                ['学校类型', SCHOOL_TYPE_NAMES[s.type], SCHOOL_TYPE_NAMES[school.type]],
                ['城乡类型', LOCALITY_NAMES[s.locality], LOCALITY_NAMES[school.locality]],
              ] as const
            ).filter(([, mine, registered]) => mine !== registered);
            for (const [column, value] of differs) {
              problems.push({
                file: name,
                sheet: '学校基本情况',
                column,
                value,
                message:
                  '与教育局登记的不一致：学校名称、类型和城乡类型由教育局维护，请按登记填写；如登记有误请联系教育局',
              });
            }
          }
        }
        if (problems.length > 0) throw importInvalid(problems, name);
        const ds: CountyDataset = { ...read.dataset, countyInputs: undefined };
        delete ds.countyInputs;
        const summary = await saveImported(ctx, auth, req, ds, name, 'import.school', school.id);
        // The county's other reports are none of a school's business.
        return { file: name, ...summary, otherReports: [], warnings: read.warnings };
      },
    );

    app.get(
      '/templates/county.xlsx',
      {
        config: signedIn,
        schema: {
          tags: ['导入导出'],
          summary: '全县填报工作簿（已填入本县学校及当前数据）',
          querystring: z.object({ year, countyCode: countyCode.optional() }),
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const county = await resolveCounty(ctx.db, auth.actor, 'schoolReport', req.query.countyCode);
        requireAllowed(
          auth.actor,
          'export',
          { kind: 'schoolReport', regionCode: county.code },
          '没有找到该县',
        );
        const ds = await datasetOrLatestBefore(ctx, county.code, req.query.year);
        const bytes = ds.schools.length > 0 ? await writeDatasetWorkbook(ds) : await writeTemplate();
        await auditExport(ctx, auth, req, {
          action: 'export.template.county',
          entity: 'region',
          entityId: county.code,
          after: { year: req.query.year, schools: ds.schools.length, bytes: bytes.length },
        });
        return attachment(reply, bytes, `${county.name}${req.query.year}学年填报.xlsx`);
      },
    );

    app.get(
      '/templates/school/:schoolId',
      {
        config: signedIn,
        schema: {
          tags: ['导入导出'],
          summary: '本校填报工作簿（.xlsx，已填入本校当前数据）',
          params: z.object({ schoolId: z.string().regex(/^\d{10}(\.xlsx)?$/, '学校标识码应为 10 位数字') }),
          querystring: z.object({ year }),
        },
      },
      async (req, reply) => {
        const auth = requireAuth(req);
        const id = req.params.schoolId.replace(/\.xlsx$/, '');
        const school = await getSchool(ctx.db, auth.actor, id, req.query.year);
        requireAllowed(
          auth.actor,
          'export',
          { kind: 'schoolReport', regionCode: school.regionCode, schoolId: school.id },
          '没有找到该学校',
        );
        const all = await loadDataset(ctx.db, school.countyCode, req.query.year);
        const ds: CountyDataset = {
          county: all.county,
          year: all.year,
          schools: all.schools.filter((s) => s.id === id),
        };
        const bytes = await writeDatasetWorkbook(ds);
        await auditExport(ctx, auth, req, {
          action: 'export.template.school',
          entity: 'school',
          entityId: id,
          after: { year: req.query.year, bytes: bytes.length },
        });
        return attachment(reply, bytes, `${school.name}${req.query.year}学年填报.xlsx`);
      },
    );
  };
}
