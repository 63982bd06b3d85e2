import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { sqlOf } from './queryBuilder.js';
import { inScope, sortTerms } from './queryKit.js';
import { tableTypesSource } from './tableTypes.js';
import { createTestDatabase, type TestDatabase, testEngines } from './testing.js';

describe.each(testEngines())('typed queries on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
  });
  afterAll(() => t?.dispose());

  it('run on the handle given, inside its transaction, and roll back with it', async () => {
    await expect(
      db.transaction(async (tx) => {
        await sqlOf(tx)
          .insertInto('region')
          .values({ code: '990000', name: '测试省', level: 'province' })
          .execute();
        const seen = await sqlOf(tx)
          .selectFrom('region')
          .select('name')
          .where('code', '=', '990000')
          .execute();
        expect(seen).toEqual([{ name: '测试省' }]);
        throw new Error('回滚');
      }),
    ).rejects.toThrow('回滚');
    const after = await sqlOf(db).selectFrom('region').select('code').where('code', '=', '990000').execute();
    expect(after).toEqual([]);
  });

  it('report the rows a write changed, and read counts as numbers', async () => {
    const q = sqlOf(db);
    const ins = await q
      .insertInto('region')
      .values([
        { code: '980000', name: '甲', level: 'province' },
        { code: '970000', name: '乙', level: 'province' },
      ])
      .executeTakeFirst();
    expect(ins.numInsertedOrUpdatedRows).toBe(2n);
    const { n } = await q
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('code', 'in', ['980000', '970000'])
      .executeTakeFirstOrThrow();
    expect(n).toBe(2);
    const del = await q.deleteFrom('region').where('code', 'in', ['980000', '970000']).executeTakeFirst();
    expect(del.numDeletedRows).toBe(2n);
  });

  it("refuse kysely's own transactions: one unit of work is opened one way", async () => {
    await expect(
      sqlOf(db)
        .transaction()
        .execute(async () => undefined),
    ).rejects.toThrow(/Database\.transaction/);
  });

  it('match the committed table types (tables.ts is generated from the migrations)', async () => {
    const committed = await readFile(new URL('./tables.ts', import.meta.url), 'utf8');
    expect(await tableTypesSource(db)).toBe(committed);
  });
});

describe('list helpers for typed queries', () => {
  const q = sqlOf({ query: async () => ({ rows: [], rowCount: 0 }), exec: async () => undefined });
  const schools = () => q.selectFrom('school as s').select('s.id');

  it('sort by a whitelisted field, nulls last, then by the tie-break, in the same direction', () => {
    const terms = sortTerms('name', 'desc', { id: sql`s.id`, name: sql`s.name COLLATE "C"` }, 'id', [
      sql`s.id`,
    ]);
    let query = schools();
    for (const t of terms) query = query.orderBy(t);
    expect(query.compile().sql).toBe(
      'select "s"."id" from "school" as "s" order by s.name COLLATE "C" DESC NULLS LAST, s.id DESC',
    );
  });

  it('refuse a field or direction outside the whitelist, in Chinese', () => {
    const columns = { id: sql`s.id` };
    expect(() => sortTerms('password' as 'id', 'asc', columns, 'id', [])).toThrow(/不能按“password”排序/);
    expect(() => sortTerms('id', 'sideways' as 'asc', columns, 'id', [])).toThrow(/排序方向/);
  });

  it('filter by scope: region prefix, one school, all, none', () => {
    const where = (scope: Parameters<typeof inScope>[0], school?: string) =>
      schools()
        .where(inScope(scope, { region: 's.region_code', school }))
        .compile();
    expect(where({ scope: 'region', prefix: '4101' }, 's.id')).toMatchObject({
      sql: 'select "s"."id" from "school" as "s" where starts_with("s"."region_code", $1)',
      parameters: ['4101'],
    });
    expect(where({ scope: 'school', schoolId: 'X1' }, 's.id').sql).toMatch(/where "s"\."id" = \$1$/);
    expect(where({ scope: 'school', schoolId: 'X1' }).sql).toMatch(/where FALSE$/);
    expect(where({ scope: 'all' }).sql).toMatch(/where TRUE$/);
    expect(where({ scope: 'none' }).sql).toMatch(/where FALSE$/);
  });
});
