/**
 * @module The bureau's school register (学校管理): correct a school's name, address, 城乡类型 and
 * location, and record a change of status — 撤并 (merged into another school of the county), 停办
 * (closed) or reopened — with the date it took effect and why. Every change is one transaction with
 * its status-history row and its audit event.
 *
 * Decisions: a school's type is not changed here (a type change changes which 学段 it reports: it
 * comes with the next county import); a merged school's target must be another open school of the
 * same county; a school with a report of the current year that is locked cannot be closed or merged
 * (the published evaluation counted it).
 */
import { type Actor, LOCALITY_NAMES, type Locality } from '@junheng/core';
import { type Selectable, sql } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { AccessError, requireAllowed } from '../platform/access.js';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { actingUser, inTransaction } from '../platform/queryKit.js';
import type { SchoolTable } from '../platform/tables.js';
import type { SchoolStatus } from './schools.js';
import { schoolNotFoundMessage } from './schools.js';

export interface SchoolChange {
  name?: string;
  address?: string | null;
  locality?: Locality;
  latitude?: number | null;
  longitude?: number | null;
  status?: SchoolStatus;
  /** The school it was merged into (status merged). */
  mergedInto?: string | null;
  /** When the status change took effect (YYYY-MM-DD). */
  effectiveOn?: string;
  /** Why (required for a status change). */
  reason?: string;
  /** 启用学年: first school year the school reports for; null = every year. */
  firstYear?: number | null;
}

/** The register columns this module changes, and the region and county they are checked against. */
const REGISTER_COLUMNS = [
  'id',
  'name',
  'address',
  'locality',
  'latitude',
  'longitude',
  'status',
  'merged_into',
  'first_year',
  'region_code',
  'county_code',
] as const satisfies readonly (keyof Selectable<SchoolTable>)[];

/** A school's register entry, with core's locality and the module's status. */
type SchoolRow = Omit<
  Pick<Selectable<SchoolTable>, (typeof REGISTER_COLUMNS)[number]>,
  'locality' | 'status'
> & {
  locality: Locality;
  status: SchoolStatus;
};

/** A school's register entry, locked for the change (FOR UPDATE). */
async function lockedSchool(tx: Queryable, id: string): Promise<SchoolRow | undefined> {
  const row = await sqlOf(tx)
    .selectFrom('school')
    .select(REGISTER_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  // The schema's CHECKs admit exactly core's localities and the SchoolStatus values.
  return row && { ...row, locality: row.locality as Locality, status: row.status as SchoolStatus };
}

/** A school's county and status, locked (FOR UPDATE): a merge's target. */
function lockedCountyAndStatus(tx: Queryable, id: string) {
  return sqlOf(tx)
    .selectFrom('school')
    .select(['county_code', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A locked report of the school's latest year with reports (the published evaluation counted it). */
function lockedLatestReport(tx: Queryable, id: string) {
  return sqlOf(tx)
    .selectFrom('school_report')
    .select('year')
    .where('school_id', '=', id)
    .where('status', '=', 'locked')
    .where('year', '>=', (eb) =>
      eb
        .selectFrom('school_report')
        .select((m) => m.fn.max('year').as('latest'))
        .where('school_id', '=', id),
    )
    .limit(1)
    .executeTakeFirst();
}

/** Writes a school's register entry, and its status history row when the status changed. */
async function saveEntry(
  tx: Queryable,
  entry: SchoolRow,
  statusChange: { effectiveOn: string; reason: string; by: number } | null,
): Promise<void> {
  const q = sqlOf(tx);
  await q
    .updateTable('school')
    .set({
      name: entry.name,
      address: entry.address,
      locality: entry.locality,
      latitude: entry.latitude,
      longitude: entry.longitude,
      status: entry.status,
      merged_into: entry.merged_into,
      first_year: entry.first_year,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', entry.id)
    .execute();
  if (statusChange) {
    await q
      .insertInto('school_status_history')
      .values({
        school_id: entry.id,
        status: entry.status,
        merged_into: entry.merged_into,
        effective_on: statusChange.effectiveOn,
        reason: statusChange.reason,
        changed_by: statusChange.by,
      })
      .execute();
  }
}

const STATUS_NAMES: Record<SchoolStatus, string> = { open: '正常办学', merged: '已撤并', closed: '已停办' };

/** A real YYYY-MM-DD date (2026-13-45 is not). */
function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function invalid(message: string): AccessError {
  return new AccessError('invalidData', message);
}

/**
 * Changes a school's register entry and/or status.
 * @param db the database (a transaction is opened) or the caller's transaction
 * @param actor a bureau user of the school's county (policy edit on school)
 * @param id 学校标识码
 * @param change the fields to change
 * @returns the fields after the change
 * @throws AccessError notFound (not visible), notAllowed, invalidData (with what to fix)
 */
export function updateSchool(
  db: Database | Queryable,
  actor: Actor,
  id: string,
  change: SchoolChange,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<Omit<SchoolRow, 'county_code'>> {
  return inTransaction(db, async (tx) => {
    // A merge locks two schools: both are locked here, in id order, so two schools merged into each
    // other at the same moment wait for one another instead of deadlocking.
    const target = change.status === 'merged' && change.mergedInto ? change.mergedInto : null;
    if (target && target !== id) {
      await sqlOf(tx)
        .selectFrom('school')
        .select('id')
        .where('id', 'in', [id, target])
        .orderBy('id')
        .forUpdate()
        .execute();
    }
    const before = await lockedSchool(tx, id);
    if (!before) throw new AccessError('notFound', schoolNotFoundMessage(id));
    requireAllowed(
      actor,
      'edit',
      { kind: 'school', regionCode: before.region_code, schoolId: id },
      schoolNotFoundMessage(id),
    );
    const by = await actingUser(tx, actor);

    const after = { ...before };
    if (change.name !== undefined) {
      if (change.name.trim() === '') throw invalid('学校名称不能为空：请填写学校全称');
      after.name = change.name.trim();
    }
    if (change.address !== undefined) after.address = change.address?.trim() || null;
    if (change.locality !== undefined) {
      if (!(change.locality in LOCALITY_NAMES)) throw invalid('城乡类型应为 城区、镇区 或 乡村');
      after.locality = change.locality;
    }
    if (change.latitude !== undefined || change.longitude !== undefined) {
      after.latitude = change.latitude ?? null;
      after.longitude = change.longitude ?? null;
      if ((after.latitude === null) !== (after.longitude === null))
        throw invalid('经度和纬度要么都填，要么都不填');
    }
    if (change.firstYear !== undefined) {
      const y = change.firstYear;
      if (y !== null && !(Number.isInteger(y) && y >= 2000 && y <= 2100))
        throw invalid(
          `启用学年应为 2000～2100 的年份（如 2026 表示 2026-2027 学年），或留空表示各学年都要填报`,
        );
      after.first_year = y;
    }
    const statusChanges =
      change.status !== undefined &&
      (change.status !== before.status || (change.mergedInto ?? null) !== before.merged_into);
    if (statusChanges) {
      const status = change.status!;
      if (!change.reason?.trim())
        throw invalid(`将学校改为“${STATUS_NAMES[status]}”需要写明原因（如撤并文件文号）`);
      if (!change.effectiveOn || !isCalendarDate(change.effectiveOn)) {
        throw invalid('请填写生效日期（年-月-日，如 2026-09-01）');
      }
      after.status = status;
      after.merged_into = status === 'merged' ? (change.mergedInto ?? null) : null;
      if (status === 'merged') {
        if (!after.merged_into) throw invalid('撤并需要选择并入的学校');
        if (after.merged_into === id) throw invalid('学校不能并入自己：请选择另一所学校');
        // Locked too: two schools merged into each other at the same moment must not both succeed.
        const t = await lockedCountyAndStatus(tx, after.merged_into);
        if (!t || t.county_code !== before.county_code || t.status !== 'open') {
          throw invalid(`并入的学校 ${after.merged_into} 应为本县正常办学的学校`);
        }
      }
      if (status !== 'open') {
        const locked = await lockedLatestReport(tx, id);
        if (locked) {
          throw new AccessError(
            'wrongState',
            `该校 ${locked.year} 学年的报表已随评估结果公示锁定：撤并或停办请从下一学年起登记`,
          );
        }
      }
    }
    await saveEntry(
      tx,
      after,
      statusChanges ? { effectiveOn: change.effectiveOn!, reason: change.reason!.trim(), by: by.id } : null,
    );
    const changed = (Object.keys(after) as (keyof SchoolRow)[]).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) {
      await appendAudit(tx, {
        actor: by.username,
        actorId: by.id,
        action: statusChanges ? 'school.changeStatus' : 'school.update',
        entity: 'school',
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        reason: change.reason?.trim() || null,
        ip: opts.ip ?? null,
        at: opts.now,
      });
    }
    const { county_code: _county, ...result } = after;
    return result;
  });
}
