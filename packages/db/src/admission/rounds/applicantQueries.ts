/**
 * @module The children of a round as a list: its filters (status checked by the caller), one page
 * with the total, or every row (the export). A school's list is the children placed at it.
 */
import type { ApplicantStatus } from '@junheng/core';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Queryable } from '../../platform/database.js';
import { paging, searchText } from '../../platform/queryKit.js';
import { type ApplicantRow, applicantsOf, rowOf, withNames } from './applicantRows.js';

/** The list's filters. */
export interface ApplicantFilter {
  zoneSchoolId?: string;
  placementSchoolId?: string;
  category?: string;
  /** unplaced: no placement yet; placed; pending: 待统筹安排; migrant: 随迁子女 meeting the conditions; special: 特殊需要. */
  status?: ApplicantStatus;
  /** Ticket, or part of the 居住小区/村 name. */
  q?: string;
}

/**
 * The applicants of a round that pass the filters (a school: its placed children only).
 * @throws AccessError invalidData (a search text too long)
 */
function filtered(db: Queryable, roundId: number, q: ApplicantFilter, school: string | null) {
  const status = q.status;
  const text = searchText(q.q);
  return applicantsOf(db).where((eb) => {
    const where: Expression<SqlBool>[] = [eb('a.round_id', '=', roundId)];
    if (school !== null) where.push(eb('a.placement_school_id', '=', school));
    if (q.zoneSchoolId) where.push(eb('a.zone_school_id', '=', String(q.zoneSchoolId)));
    if (q.placementSchoolId) where.push(eb('a.placement_school_id', '=', String(q.placementSchoolId)));
    if (q.category) where.push(eb('a.category', '=', String(q.category)));
    if (status === 'unplaced') where.push(eb('a.placement_how', 'is', null));
    if (status === 'placed') where.push(eb('a.placement_school_id', 'is not', null));
    if (status === 'pending') where.push(eb('a.placement_how', '=', 'pending'));
    if (status === 'migrant') where.push(eb.ref('a.migrant_eligible'));
    if (status === 'special') where.push(eb('a.special_needs', 'is not', null));
    if (text !== undefined) {
      where.push(
        eb.or([
          eb('a.ticket', '=', text),
          eb(eb.fn<number>('strpos', [eb.fn.coalesce('a.area_name', sql.lit('')), eb.val(text)]), '>', 0),
        ]),
      );
    }
    return eb.and(where);
  });
}

/**
 * One page of the filtered applicants, by ticket, with their total.
 * @throws AccessError invalidData (paging, a search text too long)
 */
export async function applicantPage(
  db: Queryable,
  roundId: number,
  query: ApplicantFilter & { page?: number; pageSize?: number },
  school: string | null,
): Promise<{ rows: ApplicantRow[]; total: number; page: number; pageSize: number }> {
  const { page, pageSize, offset } = paging(query);
  const applicants = filtered(db, roundId, query, school);
  const total = await applicants.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await withNames(applicants).orderBy('a.ticket').limit(pageSize).offset(offset).execute();
  return { rows: rows.map(rowOf), total: total.n, page, pageSize };
}

/** Every filtered applicant, by ticket. */
export async function applicantList(
  db: Queryable,
  roundId: number,
  filters: ApplicantFilter,
  school: string | null,
): Promise<ApplicantRow[]> {
  return (
    await withNames(filtered(db, roundId, filters, school))
      .orderBy('a.ticket')
      .execute()
  ).map(rowOf);
}
