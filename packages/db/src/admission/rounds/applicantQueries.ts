/**
 * @module Which children of a round the actor may read, and the masked list of them with its
 * filters (no decryption). The full records and the export (applicantRecords.ts) use the same scope
 * and filters.
 */
import { type Actor, can, explain } from '@junheng/core';
import { type Expression, type SqlBool, sql } from 'kysely';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { type Page, paging, searchText } from '../../platform/queryKit.js';
import { applicantsOf, listItem, rowOf, withNames } from './applicantRows.js';
import type { ApplicantListItem, ApplicantListQuery, ApplicantStatus } from './applicantTypes.js';
import { roundAccess } from './roundAccess.js';
import { isId, readRoundRow, roundNotFoundMessage } from './roundRecords.js';

const STATUSES: readonly ApplicantStatus[] = ['unplaced', 'placed', 'pending', 'migrant', 'special'];

/**
 * Which children of a round the actor may read: all (the county's bureau), those placed at its
 * school (a school user), or none: 403 when the round itself is visible (inspectors, city), else 404.
 */
export async function applicantScope(db: Queryable, actor: Actor, roundId: number) {
  if (!isId(roundId)) throw new AccessError('notFound', roundNotFoundMessage(roundId));
  const round = await readRoundRow(db, roundId);
  const access = await roundAccess(db, actor, round, roundId);
  const county = round!.county_code;
  if (can(actor, 'view', { kind: 'applicant', regionCode: county })) return { round: round!, school: null };
  if (access === 'school') return { round: round!, school: actor.schoolId! };
  const d = explain(actor, 'view', { kind: 'applicant', regionCode: county });
  throw new AccessError(
    'notAllowed',
    `${d.reason}（招生申请含儿童个人信息，只有县教育局和录取学校可查看）`,
    undefined,
    d.rule,
  );
}

/**
 * The list's filters on `applicants` (a school user: its placed children), checked here, before
 * any query runs.
 * @throws AccessError invalidData (an unknown status, a search text too long)
 */
export function listFilter(
  applicants: ReturnType<typeof applicantsOf>,
  roundId: number,
  q: ApplicantListQuery,
  school: string | null,
) {
  const status = q.status;
  if (status !== undefined && !STATUSES.includes(status)) {
    throw new AccessError(
      'invalidData',
      `状态只能是 unplaced、placed、pending、migrant 或 special，收到 ${String(status)}`,
    );
  }
  const text = searchText(q.q);
  return applicants.where((eb) => {
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
 * The children of a round, masked, by ticket, one page at a time. A school user sees those placed
 * at its school only.
 * @throws AccessError notFound (round invisible), notAllowed (inspector, city), invalidData (filters)
 */
export async function listApplicants(
  db: Database | Queryable,
  actor: Actor,
  roundId: number,
  query: ApplicantListQuery = {},
): Promise<Page<ApplicantListItem>> {
  const { round, school } = await applicantScope(db, actor, roundId);
  const { page, pageSize, offset } = paging(query);
  const filtered = listFilter(applicantsOf(db), roundId, query, school);
  const total = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await withNames(filtered).orderBy('a.ticket').limit(pageSize).offset(offset).execute();
  return {
    items: rows.map((r) => listItem(rowOf(r), round.categories)),
    total: total.n,
    page,
    pageSize,
  };
}
