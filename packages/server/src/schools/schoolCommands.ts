/**
 * @module The school register's commands: the schools an actor may see (with each school's reports
 * of a year), one school with its figures, reports and status history, and the bureau's change of
 * a school's register entry or status (学校管理). Each is policy (core) → checks → repositories
 * (@junheng/db) → audit, refusing with core's Refusal.
 *
 * Decisions:
 * - The list is scoped by core's visibleRegionPrefix(actor, 'school') in SQL, so it never shows a
 *   school that getSchool would refuse; getSchool checks the same rules with requireAllowed. A
 *   school that does not exist and one the actor may not see get the same answer.
 * - A school's type is not changed here (a type change changes which 学段 it reports: it comes with
 *   the next county import); a merged school's target must be another open school of the same
 *   county; a school with a report of its latest year that is locked cannot be closed or merged
 *   (the published evaluation counted it). Every change is one transaction with its status-history
 *   row and its audit event; a request that changes nothing writes no event.
 */
import {
  checkRegisterChange,
  checkSchoolListFilters,
  isRunYear,
  Refusal,
  requireAllowed,
  type SchoolRegisterChange,
  type SchoolRegisterFields,
  visibleRegionPrefix,
} from '@junheng/core';
import {
  findSchool,
  inTransaction,
  lockedCountyAndStatus,
  lockedLatestReportYear,
  lockedRegisterEntry,
  lockSchools,
  type RegisterEntry,
  type SchoolListQuery,
  type SchoolRow,
  saveRegisterEntry,
  schoolPage,
  schoolYearRecords,
} from '@junheng/db';
import { actingUser, type CommandContext, recordChange } from '../platform/commands.js';
import {
  presentRegisterEntry,
  presentSchoolDetail,
  presentSchoolListItem,
  type SchoolDetail,
} from './present.js';

/** @throws Refusal invalidRequest for a year outside 2000–2100 */
export function checkSchoolYear(year: number): void {
  if (!isRunYear(year)) throw new Refusal('invalidRequest', 'schools.yearInvalid', { year: String(year) });
}

const notFound = (id: string) => ({ key: 'schools.notFound' as const, params: { id: String(id) } });

/**
 * Lists the schools the actor may see, with each school's stages, its students and its reports of
 * the year.
 * @returns one page of schools and the number of schools matching the filters
 * @throws Refusal invalidRequest for an unknown filter value; AccessError invalidData for a bad
 *   sort field or page (db queryKit)
 */
export async function listSchools(ctx: CommandContext, q: SchoolListQuery) {
  checkSchoolYear(q.year);
  checkSchoolListFilters(q);
  const page = await schoolPage(ctx.db, visibleRegionPrefix(ctx.actor, 'school'), q);
  return { ...page, items: page.items.map(presentSchoolListItem) };
}

/**
 * A school the actor may view.
 * @throws Refusal notFound when the school does not exist or the actor may not view it (same answer)
 */
export async function visibleSchool(ctx: CommandContext, id: string): Promise<SchoolRow> {
  const s = typeof id === 'string' ? await findSchool(ctx.db, id) : undefined;
  if (!s) throw new Refusal('notFound', 'schools.notFound', { id: String(id) });
  requireAllowed(
    ctx.actor,
    'view',
    { kind: 'school', regionCode: s.regionCode, schoolId: s.id },
    notFound(id),
  );
  return s;
}

/**
 * Reads one school with its figures and reports of a year and its status history.
 * @throws Refusal notFound when the school does not exist or the actor may not view it (same
 *   answer); invalidRequest for a bad year
 */
export async function getSchool(
  ctx: CommandContext,
  props: { id: string; year: number },
): Promise<SchoolDetail> {
  checkSchoolYear(props.year);
  const s = await visibleSchool(ctx, props.id);
  return presentSchoolDetail(s, await schoolYearRecords(ctx.db, s.id, props.year), props.year);
}

function fieldsOf(e: RegisterEntry): SchoolRegisterFields {
  return {
    name: e.name,
    address: e.address,
    locality: e.locality,
    latitude: e.latitude,
    longitude: e.longitude,
    status: e.status,
    mergedInto: e.merged_into,
    firstYear: e.first_year,
  };
}

function withFields(e: RegisterEntry, f: SchoolRegisterFields): RegisterEntry {
  return {
    ...e,
    name: f.name,
    address: f.address,
    locality: f.locality,
    latitude: f.latitude,
    longitude: f.longitude,
    status: f.status,
    merged_into: f.mergedInto,
    first_year: f.firstYear,
  };
}

/**
 * What a status change needs of the database: the merge target an open school of the same county
 * (locked), and no locked report of the school's latest year for a merger or closure.
 * @throws Refusal invalidRequest, wrongState
 */
async function checkStatusChange(
  tx: Parameters<typeof lockSchools>[0],
  before: RegisterEntry,
  after: RegisterEntry,
) {
  if (after.status === 'merged') {
    // Locked too: two schools merged into each other at the same moment must not both succeed.
    const t = await lockedCountyAndStatus(tx, after.merged_into!);
    if (!t || t.county_code !== before.county_code || t.status !== 'open') {
      throw new Refusal('invalidRequest', 'schools.mergeTargetInvalid', { target: after.merged_into });
    }
  }
  if (after.status !== 'open') {
    const year = await lockedLatestReportYear(tx, before.id);
    if (year !== undefined) throw new Refusal('wrongState', 'schools.reportsLockedForStatus', { year });
  }
}

/**
 * Changes a school's register entry and/or status, audited ('school.update' or
 * 'school.changeStatus', the changed fields before and after).
 * @param props the school (学校标识码) and the fields to change
 * @returns the entry after the change
 * @throws Refusal notFound (not visible), notAllowed, invalidRequest (with what to fix), wrongState
 */
export function updateSchool(ctx: CommandContext, props: { id: string; change: SchoolRegisterChange }) {
  const { id, change } = props;
  return inTransaction(ctx.db, async (tx) => {
    // A merge locks two schools: both are locked here, in id order, so two schools merged into each
    // other at the same moment wait for one another instead of deadlocking.
    const target = change.status === 'merged' && change.mergedInto ? change.mergedInto : null;
    if (target && target !== id) await lockSchools(tx, [id, target]);
    const before = await lockedRegisterEntry(tx, id);
    if (!before) throw new Refusal('notFound', 'schools.notFound', { id: String(id) });
    requireAllowed(
      ctx.actor,
      'edit',
      { kind: 'school', regionCode: before.region_code, schoolId: id },
      notFound(id),
    );
    const by = await actingUser(tx, ctx.actor);
    const checked = checkRegisterChange(id, fieldsOf(before), change);
    const after = withFields(before, checked.after);
    if (checked.statusChange) await checkStatusChange(tx, before, after);
    const { statusChange } = checked;
    await saveRegisterEntry(tx, after, statusChange && { ...statusChange, by: by.id });
    const changed = (Object.keys(after) as (keyof RegisterEntry)[]).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) {
      await recordChange(
        tx,
        ctx,
        {
          action: statusChange ? 'school.changeStatus' : 'school.update',
          entity: 'school',
          entityId: id,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
          reason: change.reason?.trim() || null,
        },
        by,
      );
    }
    return presentRegisterEntry(after);
  });
}
