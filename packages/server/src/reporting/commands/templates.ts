/**
 * @module The data of the workbooks to fill in: the county's (its schools and current data; a new
 * year starts from the latest earlier one) and one school's, each needing the export right.
 */
import { type CountyDataset, reportResource, requireAllowed } from '@junheng/core';
import { loadDataset, previousYearWithData } from '@junheng/db';
import type { CommandContext } from '../../platform/commands.js';
import { type CountyRef, resolveCounty } from '../../schools/county.js';
import type { SchoolDetail } from '../../schools/present.js';
import { getSchool } from '../../schools/schoolCommands.js';

/**
 * The county's data of a year; for a year nobody has reported yet, the most recent earlier year's
 * complete (published) figures relabelled to the year asked for, so the bureau starts the new round
 * from last year's sheet instead of a blank one.
 */
async function datasetOrLatestBefore(
  ctx: CommandContext,
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

/**
 * The county's workbook data of a year (the county asked for, or the user's own).
 * @throws ApiError/Refusal notFound (county), notAllowed (no export right)
 */
export async function countyWorkbookData(
  ctx: CommandContext,
  q: { countyCode?: string; year: number },
): Promise<{ county: CountyRef; dataset: CountyDataset }> {
  const county = await resolveCounty(ctx.db, ctx.actor, 'schoolReport', q.countyCode);
  requireAllowed(
    ctx.actor,
    'export',
    { kind: 'schoolReport', regionCode: county.code },
    { key: 'reporting.importCountyNotFound' },
  );
  return { county, dataset: await datasetOrLatestBefore(ctx, county.code, q.year) };
}

/**
 * One school's workbook data of a year.
 * @throws AccessError/Refusal notFound (school), notAllowed (no export right)
 */
export async function schoolWorkbookData(
  ctx: CommandContext,
  q: { schoolId: string; year: number },
): Promise<{ school: SchoolDetail; dataset: CountyDataset }> {
  const school = await getSchool(ctx, { id: q.schoolId, year: q.year });
  requireAllowed(ctx.actor, 'export', reportResource(school.regionCode, school.id), {
    key: 'reporting.importSchoolNotFound',
  });
  const all = await loadDataset(ctx.db, school.countyCode, q.year);
  const dataset: CountyDataset = {
    county: all.county,
    year: all.year,
    schools: all.schools.filter((s) => s.id === q.schoolId),
  };
  return { school, dataset };
}
