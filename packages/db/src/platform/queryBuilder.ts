/**
 * @module Typed queries (kysely) over our own {@link Queryable}: repositories write
 * `sqlOf(tx).selectFrom('school')…` and get rows typed from the schema (tables.ts, generated from
 * the migrations by scripts/dbtypes.mjs) instead of asserting a row type by hand.
 *
 * The dialect is ours rather than kysely-pglite's (stack.md: it pulls in ~130 packages and reports
 * 0 changed rows on PGlite): kysely only compiles the query; it runs through the same handle as
 * every other statement, so the engine's value conversions (database.ts) and the caller's
 * transaction apply unchanged. Transactions stay `Database.transaction(fn)`: kysely's own
 * `transaction()` is refused, so one unit of work never has two ways of being opened.
 */
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Queryable } from './database.js';
import type { DB } from './tables.js';

/** kysely's connection: every statement goes to the wrapped handle. */
class HandleConnection implements DatabaseConnection {
  constructor(private readonly handle: Queryable) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, rowCount } = await this.handle.query<R>(compiled.sql, compiled.parameters);
    const kind = compiled.query.kind;
    const writes =
      kind === 'InsertQueryNode' ||
      kind === 'UpdateQueryNode' ||
      kind === 'DeleteQueryNode' ||
      kind === 'MergeQueryNode';
    return writes ? { rows, numAffectedRows: BigInt(rowCount) } : { rows };
  }

  // biome-ignore lint/correctness/useYield: refusing is the whole point; nothing streams here
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('逐行读取未启用：请分页查询');
  }
}

function refuseTransaction(): never {
  throw new Error('请用 Database.transaction(fn) 开启事务，再把 fn 的 tx 交给 sqlOf(tx)');
}

class HandleDriver implements Driver {
  readonly #connection: HandleConnection;
  constructor(handle: Queryable) {
    this.#connection = new HandleConnection(handle);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  async beginTransaction(): Promise<void> {
    refuseTransaction();
  }
  async commitTransaction(): Promise<void> {
    refuseTransaction();
  }
  async rollbackTransaction(): Promise<void> {
    refuseTransaction();
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

function handleDialect(handle: Queryable): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new HandleDriver(handle),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
}

/** The typed query builder of one database or transaction handle. */
export type Sql = Kysely<DB>;

const builders = new WeakMap<Queryable, Sql>();

/**
 * The query builder that runs on `handle` (a Database or the `tx` of a transaction). One per
 * handle, made on first use.
 */
export function sqlOf(handle: Queryable): Sql {
  let builder = builders.get(handle);
  if (!builder) {
    builder = new Kysely<DB>({ dialect: handleDialect(handle) });
    builders.set(handle, builder);
  }
  return builder;
}
