/**
 * @module The accounts as the user administration lists them (SQL only): with their region's and
 * school's names and the latest pause of their name. The commands (policy, checks, audit) are the
 * server's accounts/userCommands.ts.
 */
import type { UserRole } from '@junheng/core';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { type Page, paging, searchText } from '../platform/queryKit.js';
import type { AppUserTable, DB } from '../platform/tables.js';

/** An account as the user administration reads it (no password hash). */
export interface AdminUserRecord {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  regionCode: string | null;
  regionName: string | null;
  schoolId: string | null;
  schoolName: string | null;
  failedLogins: number;
  /** Set while the account or its name is locked after repeated wrong passwords (in the past: expired). */
  lockedUntil: Date | null;
  disabledAt: Date | null;
  passwordChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface AdminUserListQuery {
  /** A part of the username or the display name. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Accounts with their region's and school's names. locked_until: the account's own lock or the
 * latest pause of its name from any address.
 */
function adminUsers(db: Queryable) {
  return sqlOf(db)
    .selectFrom('app_user as u')
    .leftJoin('region as g', 'g.code', 'u.region_code')
    .leftJoin('school as s', 's.id', 'u.school_id')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.region_code',
      'g.name as region_name',
      'u.school_id',
      's.name as school_name',
      'u.failed_logins',
      sql<Date | null>`GREATEST(u.locked_until, ${eb
        .selectFrom('login_throttle as t')
        .select((t) => t.fn.max('t.locked_until').as('latest'))
        .whereRef('t.name_key', '=', sql`lower(u.username)`)})`.as('locked_until'),
      'u.disabled_at',
      'u.password_changed_at',
      'u.created_at',
      'u.updated_at',
    ]);
}

type AdminUserRow = Awaited<ReturnType<ReturnType<typeof adminUsers>['executeTakeFirstOrThrow']>>;

function toRecord(r: AdminUserRow): AdminUserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    // The schema's CHECK admits exactly core's USER_ROLES.
    role: r.role as UserRole,
    regionCode: r.region_code,
    regionName: r.region_name,
    schoolId: r.school_id,
    schoolName: r.school_name,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    disabledAt: r.disabled_at,
    passwordChangedAt: r.password_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * One account as the administration reads it.
 * @param opts `forUpdate`: lock the account's row until the transaction ends
 */
export async function findAdminUser(
  db: Queryable,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<AdminUserRecord | null> {
  const query = adminUsers(db).where('u.id', '=', id);
  const row = await (opts.forUpdate ? query.forUpdate('u') : query).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/**
 * Accounts, oldest first, optionally those whose username or display name contains `q`.
 * @returns one page of accounts (without password hashes) and how many match
 * @throws AccessError invalidData for a bad page or search text (platform/queryKit.ts)
 */
export async function listAdminUsers(
  db: Database | Queryable,
  q: AdminUserListQuery = {},
): Promise<Page<AdminUserRecord>> {
  const { page, pageSize, offset } = paging(q);
  const text = searchText(q.q);
  const matches = <Q extends SelectQueryBuilder<DB & { u: AppUserTable }, 'u', object>>(query: Q): Q =>
    text === undefined
      ? query
      : (query.where((eb) =>
          eb.or([
            eb(sql`strpos(lower(u.username), lower(${text}))`, '>', 0),
            eb(sql`strpos(lower(u.display_name), lower(${text}))`, '>', 0),
          ]),
        ) as Q);
  const { n } = await matches(sqlOf(db).selectFrom('app_user as u'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await matches(adminUsers(db)).orderBy('u.id').limit(pageSize).offset(offset).execute();
  return { items: rows.map(toRecord), total: n, page, pageSize };
}
