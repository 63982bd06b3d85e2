/**
 * @module What the query modules (schools, reportLists, countyInputs, userAdmin, auditLog) share:
 * paging and sorting of lists, the SQL filter for core's ListScope, the acting user's type, and
 * "open a transaction unless the caller has one". Internal: not exported from index.ts.
 */
import { type ListScope, Refusal } from '@junheng/core';
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Database, Queryable } from './database.js';

/** One page of a list, as the API returns it (`{ items, total, page, pageSize }`). */
export interface Page<T> {
  items: T[];
  /** Rows matching the filters, on all pages. */
  total: number;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

/**
 * The page and page size of a list request, and the row offset they mean. A page size above
 * MAX_PAGE_SIZE is lowered to it (the response's pageSize says so) rather than refused: a client
 * asking for "everything" still gets a usable answer.
 * @throws Refusal invalidRequest when page or pageSize is not a positive integer
 */
export function paging(q: { page?: number; pageSize?: number }): {
  page: number;
  pageSize: number;
  offset: number;
} {
  const page = q.page ?? 1;
  const size = q.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(page) || page < 1) {
    throw new Refusal('invalidRequest', 'common.pageInvalid', { value: String(page) });
  }
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new Refusal('invalidRequest', 'common.pageSizeInvalid', {
      max: MAX_PAGE_SIZE,
      value: String(size),
    });
  }
  const pageSize = Math.min(size, MAX_PAGE_SIZE);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** A sort field and direction, checked against a whitelist of fields. */
function checkedSort<S extends string>(
  sort: S | undefined,
  order: 'asc' | 'desc' | undefined,
  fields: Record<S, unknown>,
  fallback: S,
): { field: S; dir: 'ASC' | 'DESC' } {
  const field = sort ?? fallback;
  if (!Object.hasOwn(fields, field)) {
    throw new Refusal('invalidRequest', 'common.sortFieldInvalid', {
      field: String(field),
      fields: Object.keys(fields).join('、'),
    });
  }
  const dir = order ?? 'asc';
  if (dir !== 'asc' && dir !== 'desc') {
    throw new Refusal('invalidRequest', 'common.sortDirectionInvalid', { value: String(dir) });
  }
  return { field, dir: dir === 'asc' ? 'ASC' : 'DESC' };
}

/**
 * The ORDER BY terms of a typed query from a whitelist: `columns` maps each sortable field to its
 * expression, `tieBreak` (unique together) keeps pages stable when values repeat. Nulls sort last
 * both ways. Apply with `query.orderBy(term)` for each term, in order.
 * @throws Refusal invalidRequest for a field or direction not in the whitelist
 */
export function sortTerms<S extends string>(
  sort: S | undefined,
  order: 'asc' | 'desc' | undefined,
  columns: Record<S, Expression<unknown>>,
  fallback: S,
  tieBreak: readonly Expression<unknown>[],
): RawBuilder<unknown>[] {
  const { field, dir } = checkedSort(sort, order, columns, fallback);
  const direction = sql.raw(dir);
  return [sql`${columns[field]} ${direction} NULLS LAST`, ...tieBreak.map((e) => sql`${e} ${direction}`)];
}

/**
 * The condition of a typed query for a ListScope (core's visibleRegionPrefix): the region prefix
 * on the region column, the one school, everything, or nothing. Without a school column, a
 * school's scope sees nothing.
 * @param columns the region code column and the school id column of the listed rows
 */
export function inScope(scope: ListScope, columns: { region: string; school?: string }): RawBuilder<boolean> {
  switch (scope.scope) {
    case 'all':
      return sql<boolean>`TRUE`;
    case 'region':
      // The prefix is the digits of a whole level (parseRegionScope), so a prefix test compares
      // whole levels; starts_with needs no LIKE escaping.
      return sql<boolean>`starts_with(${sql.ref(columns.region)}, ${scope.prefix})`;
    case 'school':
      return columns.school
        ? sql<boolean>`${sql.ref(columns.school)} = ${scope.schoolId}`
        : sql<boolean>`FALSE`;
    case 'none':
      return sql<boolean>`FALSE`;
  }
}

/** A search text: trimmed, empty as absent, at most 100 characters. */
export function searchText(q: string | undefined): string | undefined {
  if (q === undefined || q === null) return undefined;
  if (typeof q !== 'string') throw new Refusal('invalidRequest', 'common.searchNotText');
  const t = q.trim();
  if (t === '') return undefined;
  if ([...t].length > 100) throw new Refusal('invalidRequest', 'common.searchTooLong');
  return t;
}

/** A school year (its start year, 2025 = 2025—2026学年), as the schema allows it. */
export function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new Refusal('invalidRequest', 'common.yearInvalid', { value: String(year) });
  }
  return year;
}

/** The acting user's account (server platform/commands.ts actingUser reads it). */
export interface ActingUser {
  id: number;
  username: string;
}

/** Runs `fn` in a new transaction on a Database, or directly in the caller's transaction. */
export function inTransaction<T>(db: Database | Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in db ? db.transaction(fn) : fn(db);
}
