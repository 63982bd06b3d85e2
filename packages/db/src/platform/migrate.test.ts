import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, type Migration, migrate } from './migrate.js';
import { describeSchema, readSchemaFile } from './schema.js';
import { createTestDatabase, type TestDatabase, testEngines } from './testing.js';

describe('migration files', () => {
  it('are named NNNN-what-it-changes and load in order', async () => {
    const list = await loadMigrations();
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((m) => m.name)).toEqual([...list.map((m) => m.name)].sort());
    expect(list[0]!.name).toMatch(/^0001-/);
  });
});

describe.each(testEngines())('migrate on %s', (engine) => {
  let migrated: TestDatabase;
  let fromSchemaFile: TestDatabase;
  beforeAll(async () => {
    [migrated, fromSchemaFile] = await Promise.all([createTestDatabase(engine), createTestDatabase(engine)]);
  });
  afterAll(async () => {
    await Promise.all([migrated?.dispose(), fromSchemaFile?.dispose()]);
  });

  it('applies every migration once; a second run is a no-op', async () => {
    const all = (await loadMigrations()).map((m) => m.name);
    // Two starters at once (two API processes): the advisory lock lets one do the work.
    const [a, b] = await Promise.all([migrate(migrated.db), migrate(migrated.db)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(all);
    expect(await migrate(migrated.db)).toEqual({ applied: [] });
    const { rows } = await migrated.db.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY name',
    );
    expect(rows.map((r) => r.name)).toEqual(all);
  });

  it('ends in exactly the schema that schema.sql describes', async () => {
    await fromSchemaFile.db.exec(await readSchemaFile());
    const expected = await describeSchema(fromSchemaFile.db);
    const actual = await describeSchema(migrated.db);
    expect(expected.length).toBeGreaterThan(100);
    // On failure the diff names the column/constraint/index that differs: run scripts/schema-sql.mjs to
    // match the migrations (schema.sql is the reviewed picture of the whole schema).
    const diff = {
      onlyInSchemaFile: expected.filter((l) => !actual.includes(l)),
      onlyAfterMigrations: actual.filter((l) => !expected.includes(l)),
    };
    expect(diff).toEqual({ onlyInSchemaFile: [], onlyAfterMigrations: [] });
    expect(actual).toEqual(expected); // same lines, same multiplicity
  });

  it('gives a test database cloned from the run’s template the same schema and nothing to apply', async () => {
    // Under vitest's medium tier the clone comes from the template (testTemplate.ts); alone, it is
    // migrated on the spot: either way it must be what the migrations make.
    const clone = await createTestDatabase(engine, { migrated: true });
    try {
      expect(await describeSchema(clone.db)).toEqual(await describeSchema(migrated.db));
      expect(await migrate(clone.db)).toEqual({ applied: [] });
      const { rows } = await clone.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
      expect(rows[0]!.n).toBe(0);
    } finally {
      await clone.dispose();
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    const list = await loadMigrations();
    const edited: Migration[] = list.map((m, i) => (i === 0 ? { ...m, checksum: '0'.repeat(64) } : m));
    await expect(migrate(migrated.db, edited)).rejects.toThrow(/被修改过/);
  });

  it('refuses to run when the database has a migration this program does not know', async () => {
    const list = await loadMigrations();
    await expect(migrate(migrated.db, list.slice(0, -1))).rejects.toThrow(/数据库比程序新/);
  });
});
