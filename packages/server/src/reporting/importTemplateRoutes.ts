/**
 * @module The workbooks to fill in: the county's (its schools and current data; a new year starts
 * from the latest earlier one) and one school's, each needing the export right and audited.
 */
import { message } from '@junheng/core';
import { writeDatasetWorkbook, writeTemplate } from '@junheng/io';
import { requireAuth } from '../accounts/session.js';
import { commandContext } from '../platform/commands.js';
import type { AppContext } from '../platform/context.js';
import { attachment, auditExport } from '../platform/download.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { countyWorkbookData, schoolWorkbookData } from './commands/index.js';
import { countyYearQuery, importTags, schoolTemplateParams, yearQuery } from './schema.js';

export function importTemplateRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/templates/county.xlsx',
    {
      config: signedIn,
      schema: {
        tags: importTags,
        summary: '全县填报工作簿（已填入本县学校及当前数据）',
        querystring: countyYearQuery,
      },
    },
    async (req, reply) => {
      const { county, dataset: ds } = await countyWorkbookData(commandContext(ctx, req), req.query);
      const bytes = ds.schools.length > 0 ? await writeDatasetWorkbook(ds) : await writeTemplate();
      await auditExport(ctx, requireAuth(req), req, {
        action: 'export.template.county',
        entity: 'region',
        entityId: county.code,
        after: { year: req.query.year, schools: ds.schools.length, bytes: bytes.length },
      });
      const name = message('reporting.countyWorkbookName', { county: county.name, year: req.query.year });
      return attachment(reply, bytes, name);
    },
  );

  app.get(
    '/templates/school/:schoolId',
    {
      config: signedIn,
      schema: {
        tags: importTags,
        summary: '本校填报工作簿（.xlsx，已填入本校当前数据）',
        params: schoolTemplateParams,
        querystring: yearQuery,
      },
    },
    async (req, reply) => {
      const id = req.params.schoolId.replace(/\.xlsx$/, '');
      const { school, dataset } = await schoolWorkbookData(commandContext(ctx, req), {
        schoolId: id,
        year: req.query.year,
      });
      const bytes = await writeDatasetWorkbook(dataset);
      await auditExport(ctx, requireAuth(req), req, {
        action: 'export.template.school',
        entity: 'school',
        entityId: id,
        after: { year: req.query.year, bytes: bytes.length },
      });
      const name = message('reporting.schoolWorkbookName', { school: school.name, year: req.query.year });
      return attachment(reply, bytes, name);
    },
  );
}
