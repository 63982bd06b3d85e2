/**
 * @module The workbooks to fill in: the county's (its schools and current data; a new year starts
 * from the latest earlier one) and one school's, each needing the export right and audited.
 */
import type { CountyDataset } from '@junheng/core';
import { getSchool, loadDataset, previousYearWithData, requireAllowed } from '@junheng/db';
import { writeDatasetWorkbook, writeTemplate } from '@junheng/io';
import { requireAuth } from '../accounts/session.js';
import type { AppContext } from '../platform/context.js';
import { attachment, auditExport } from '../platform/download.js';
import { type RouteApp, signedIn } from '../platform/routeKit.js';
import { resolveCounty } from '../schools/county.js';
import { countyYearQuery, importTags, schoolTemplateParams, yearQuery } from './schema.js';

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
      const auth = requireAuth(req);
      const county = await resolveCounty(ctx.db, auth.actor, 'schoolReport', req.query.countyCode);
      requireAllowed(auth.actor, 'export', { kind: 'schoolReport', regionCode: county.code }, '没有找到该县');
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
        tags: importTags,
        summary: '本校填报工作簿（.xlsx，已填入本校当前数据）',
        params: schoolTemplateParams,
        querystring: yearQuery,
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
}
