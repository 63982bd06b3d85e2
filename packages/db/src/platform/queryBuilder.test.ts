import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { sqlOf } from './queryBuilder.js';
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
