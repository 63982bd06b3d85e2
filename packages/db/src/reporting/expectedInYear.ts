/**
 * @module The schools whose reports a county waits for in a year, as a condition of typed queries:
 * schools.ts expectedInYearSql's rule (open, registered for the year), for queries that name the
 * school `s`. Kept here while schools.ts offers only the string form.
 */
import { type Expression, expressionBuilder, type SqlBool } from 'kysely';
import type { SchoolTable } from '../platform/tables.js';

/**
 * An open school registered for the year (first_year absent or not after it): the school `s` of
 * the query is expected to report for `year` (core's expectedReportStages say which 学段).
 */
export function expectedInYear(year: number): Expression<SqlBool> {
  const eb = expressionBuilder<{ s: SchoolTable }, 's'>();
  return eb.and([
    eb('s.status', '=', 'open'),
    eb.or([eb('s.first_year', 'is', null), eb('s.first_year', '<=', year)]),
  ]);
}
