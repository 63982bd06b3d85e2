/**
 * @module Which children of a round the actor may read, and the masked list of them with its
 * filters (no decryption). The full records and the export (applicantRecords.ts) use the same scope
 * and filters.
 */
import { type Actor, can, explain } from '@junheng/core';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { type Page, paging, searchText } from '../../platform/queryKit.js';
import { listItem, type Row, SELECT } from './applicantRows.js';
import type { ApplicantListItem, ApplicantListQuery } from './applicantTypes.js';
import { roundAccess } from './roundAccess.js';
import { isId, readRoundRow, roundNotFoundMessage } from './roundRecords.js';

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

/** The WHERE clause and parameters of the list's filters (a school user: its placed children). */
export function listFilter(roundId: number, q: ApplicantListQuery, school: string | null) {
  const params: unknown[] = [roundId];
  const where = ['a.round_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (school !== null) add('a.placement_school_id = ?', school);
  if (q.zoneSchoolId) add('a.zone_school_id = ?', String(q.zoneSchoolId));
  if (q.placementSchoolId) add('a.placement_school_id = ?', String(q.placementSchoolId));
  if (q.category) add('a.category = ?', String(q.category));
  switch (q.status) {
    case undefined:
      break;
    case 'unplaced':
      where.push('a.placement_how IS NULL');
      break;
    case 'placed':
      where.push(`a.placement_school_id IS NOT NULL`);
      break;
    case 'pending':
      where.push(`a.placement_how = 'pending'`);
      break;
    case 'migrant':
      where.push('a.migrant_eligible');
      break;
    case 'special':
      where.push('a.special_needs IS NOT NULL');
      break;
    default:
      throw new AccessError(
        'invalidData',
        `状态只能是 unplaced、placed、pending、migrant 或 special，收到 ${String(q.status)}`,
      );
  }
  const text = searchText(q.q);
  if (text !== undefined) {
    params.push(text);
    const p = `$${params.length}`;
    where.push(`(a.ticket = ${p} OR strpos(COALESCE(a.area_name, ''), ${p}) > 0)`);
  }
  return { where: where.join(' AND '), params };
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
  const { where, params } = listFilter(roundId, query, school);
  const total = await db.query<{ n: number }>(`SELECT count(*) AS n FROM applicant a WHERE ${where}`, params);
  const { rows } = await db.query<Row>(
    `${SELECT} WHERE ${where} ORDER BY a.ticket LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  return {
    items: rows.map((r) => listItem(r, round.categories)),
    total: Number(total.rows[0]!.n),
    page,
    pageSize,
  };
}
