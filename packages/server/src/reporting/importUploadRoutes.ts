/**
 * @module Imports: the county's workbook by the bureau (optionally approved on import, with a dry
 * run first) and one school's sheet by its users (only its own rows, as registered).
 */
import { type CountyDataset, LOCALITY_NAMES, SCHOOL_TYPE_NAMES } from '@junheng/core';
import { getSchool, requireAllowed } from '@junheng/db';
import { type ImportError, importDatasetBuffer } from '@junheng/io';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type AuthContext, requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { importInvalid, uploadedFile } from '../platform/upload.js';
import { type CountyRef, resolveCounty } from '../schools/county.js';
import { saveImported } from './importSave.js';
import { countyImportQuery, importSummary, importTags, schoolParams, yearQuery } from './schema.js';

type RegisteredSchool = Awaited<ReturnType<typeof getSchool>>;

/** A county file that is not of this county or of the year chosen on the page. */
function countyMismatch(name: string, ds: CountyDataset, county: CountyRef, year: number): ImportError[] {
  const mismatch: ImportError[] = [];
  if (ds.county.code !== county.code) {
    mismatch.push({
      file: name,
      sheet: '县域信息',
      value: ds.county.code,
      message: `文件的县级行政区划代码不是本县（${county.name} ${county.code}）：请核对后再导入`,
    });
  }
  if (ds.year !== year) {
    mismatch.push({
      file: name,
      sheet: '县域信息',
      value: ds.year,
      message: `文件的学年与所选学年（${year}）不同：请在页面上选择 ${ds.year} 学年，或改正文件中的学年`,
    });
  }
  return mismatch;
}

/** A school's file: only its own rows, and its name, type and 城乡类型 as the bureau registered them. */
function schoolFileProblems(name: string, ds: CountyDataset, school: RegisteredSchool): ImportError[] {
  const problems: ImportError[] = [];
  for (const s of ds.schools) {
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
  return problems;
}

/** The county import: the import right checked before the file is read; then all or nothing. */
async function importCountyFile(
  ctx: AppContext,
  auth: AuthContext,
  req: FastifyRequest,
  query: z.infer<typeof countyImportQuery>,
) {
  const county = await resolveCounty(ctx.db, auth.actor, 'schoolReport', query.countyCode);
  requireAllowed(auth.actor, 'import', { kind: 'schoolReport', regionCode: county.code }, '没有找到该县');
  const { bytes, name } = uploadedFile(req, '要导入的 .xlsx、.csv 或 .json 文件');
  const read = await importDatasetBuffer(bytes, name, { now: ctx.now() });
  if (read.errors.length > 0 || !read.dataset) throw importInvalid(read.errors, name);
  const ds = read.dataset;
  const mismatch = countyMismatch(name, ds, county, query.year);
  if (mismatch.length > 0) throw importInvalid(mismatch, name);
  const summary = await saveImported(
    ctx,
    auth,
    req,
    ds,
    name,
    'import.county',
    county.code,
    query.approve === 'true',
    query.dryRun === 'true',
  );
  return { file: name, ...summary, warnings: read.warnings };
}

/** A school's import: the import right checked before the file is read; county items are ignored. */
async function importSchoolFile(
  ctx: AppContext,
  auth: AuthContext,
  req: FastifyRequest,
  schoolId: string,
  year: number,
) {
  const school = await getSchool(ctx.db, auth.actor, schoolId, year);
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
    county: { county: { code: county.code, name: county.name }, year },
    countyInputs: {},
  });
  if (read.errors.length > 0 || !read.dataset) throw importInvalid(read.errors, name);
  const problems = schoolFileProblems(name, read.dataset, school);
  if (problems.length > 0) throw importInvalid(problems, name);
  const ds: CountyDataset = { ...read.dataset, countyInputs: undefined };
  delete ds.countyInputs;
  const summary = await saveImported(ctx, auth, req, ds, name, 'import.school', school.id);
  // The county's other reports are none of a school's business.
  return { file: name, ...summary, otherReports: [], warnings: read.warnings };
}

export function importUploadRoutes(app: RouteApp, ctx: AppContext): void {
  app.post(
    '/imports/county',
    {
      config: signedIn,
      schema: {
        tags: importTags,
        summary: '导入全县数据（教育局）：全部正确才写入；approve=true 时导入的报表直接审核通过',
        querystring: countyImportQuery,
        response: { 200: importSummary, ...errorResponses },
      },
    },
    async (req) => importCountyFile(ctx, requireAuth(req), req, req.query),
  );

  app.post(
    '/imports/school/:schoolId',
    {
      config: signedIn,
      schema: {
        tags: importTags,
        summary: '导入本校数据（学校用户）：只含本校的行，报表须为填报中或已退回',
        params: schoolParams,
        querystring: yearQuery,
        response: { 200: importSummary, ...errorResponses },
      },
    },
    async (req) => importSchoolFile(ctx, requireAuth(req), req, req.params.schoolId, req.query.year),
  );
}
