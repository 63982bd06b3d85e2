/**
 * @module Imports: the county's workbook by the bureau (optionally approved on import, with a dry
 * run first) and one school's sheet by its users (only its own rows, as registered). The file is
 * read only once the import right is checked (commands/imports.ts).
 */
import { message } from '@junheng/core';
import type { FastifyRequest } from 'fastify';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { errorResponses } from '../platform/schemas.js';
import { uploadedFile } from '../platform/upload.js';
import { importCountyWorkbook, importSchoolWorkbook } from './commands/index.js';
import { presentImport } from './present.js';
import { countyImportQuery, importSummary, importTags, schoolParams, yearQuery } from './schema.js';

/** The request's file, read when the command asks for it. */
const upload = (req: FastifyRequest) => () => uploadedFile(req, message('reporting.importFileLabel'));

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
    async (req) => {
      const q = req.query;
      const outcome = await importCountyWorkbook(commandContext(ctx, req), {
        countyCode: q.countyCode,
        year: q.year,
        approve: q.approve === 'true',
        dryRun: q.dryRun === 'true',
        upload: upload(req),
      });
      return presentImport(outcome);
    },
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
    async (req) => {
      const c = commandContext(ctx, req);
      const q = { schoolId: req.params.schoolId, year: req.query.year, upload: upload(req) };
      return presentImport(await importSchoolWorkbook(c, q));
    },
  );
}
