import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, jsonb, openDatabase } from './database.js';
import { createTestDatabase, type TestDatabase, testEngines } from './testing.js';

describe.each(testEngines())('Database on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    db = t.db;
    await db.exec(
      'CREATE TABLE item (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE)',
    );
  });
  afterAll(() => t?.dispose());

  it('reads int8 and count(*) as numbers, numeric and date as strings, jsonb as values', async () => {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT count(*) AS n, 9007199254740991::int8 AS big, 12.50::numeric(10, 2) AS money,
              DATE '2025-09-01' AS day, $1::jsonb AS doc, TIMESTAMPTZ '2025-09-01T00:00:00Z' AS at`,
      [jsonb([1, { a: '学校' }])],
    );
    expect(rows[0]).toEqual({
      n: 1,
      big: 9007199254740991,
      money: '12.50',
      day: '2025-09-01',
      doc: [1, { a: '学校' }],
      at: new Date('2025-09-01T00:00:00Z'),
    });
  });

  it('refuses an int8 beyond 2^53 instead of rounding it', async () => {
    await expect(db.query('SELECT 9007199254740993::int8 AS big')).rejects.toThrow(/安全整数/);
  });

  it('reports the rows a statement changed', async () => {
    const ins = await db.query('INSERT INTO item (name) VALUES ($1), ($2)', ['a', 'b']);
    expect(ins.rowCount).toBe(2);
    const upd = await db.query("UPDATE item SET name = name || '!' WHERE name IN ('a', 'b')");
    expect(upd.rowCount).toBe(2);
    await db.query('DELETE FROM item');
  });

  it('commits a transaction and returns its value', async () => {
    const id = await db.transaction(async (tx) => {
      const r = await tx.query<{ id: number }>("INSERT INTO item (name) VALUES ('kept') RETURNING id");
      return r.rows[0]!.id;
    });
    expect(typeof id).toBe('number');
    const { rows } = await db.query('SELECT name FROM item WHERE id = $1', [id]);
    expect(rows).toEqual([{ name: 'kept' }]);
  });

  it('rolls back everything when the transaction throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO item (name) VALUES ('lost-1')");
        await tx.query("INSERT INTO item (name) VALUES ('lost-2')");
        await tx.query("INSERT INTO item (name) VALUES ('lost-1')"); // unique violation
      }),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO item (name) VALUES ('lost-3')");
        throw new Error('application error');
      }),
    ).rejects.toThrow('application error');
    const { rows } = await db.query("SELECT count(*) AS n FROM item WHERE name LIKE 'lost-%'");
    expect(rows).toEqual([{ n: 0 }]);
    // The handle is still usable afterwards.
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('keeps concurrent transactions apart', async () => {
    await db.query('DELETE FROM item');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO item (name) VALUES ($1)', [`c${i}`]);
          await tx.query('INSERT INTO item (name) VALUES ($1)', [`d${i}`]);
        }),
      ),
    );
    const { rows } = await db.query('SELECT count(*) AS n FROM item');
    expect(rows).toEqual([{ n: 16 }]);
  });
});

describe.runIf(testEngines().includes('pglite'))('PGlite on disk', () => {
  it('creates the data folder and its parents on first use, and keeps the data', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const root = await mkdtemp(join(tmpdir(), 'junheng-db-'));
    const dataDir = join(root, 'nested', 'data', 'pg');
    try {
      const first = await openDatabase({ dataDir });
      await first.exec("CREATE TABLE t (v text); INSERT INTO t VALUES ('留存')");
      await first.close();
      const again = await openDatabase({ dataDir });
      expect((await again.query('SELECT v FROM t')).rows).toEqual([{ v: '留存' }]);
      await again.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('is held by one open at a time: a second open is refused in Chinese until the first closes', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const root = await mkdtemp(join(tmpdir(), 'junheng-db-'));
    const dataDir = join(root, 'pg');
    try {
      const first = await openDatabase({ dataDir });
      await first.exec("CREATE TABLE t (v text); INSERT INTO t VALUES ('甲')");
      await expect(openDatabase({ dataDir })).rejects.toThrow(
        new RegExp(`数据目录 ${dataDir} 正在被另一个均衡程序使用（进程 ${process.pid}，.*请先停止该程序`),
      );
      // The refused open changed nothing: the first still works, and its data is there afterwards.
      await first.exec("INSERT INTO t VALUES ('乙')");
      await first.close();
      const { existsSync } = await import('node:fs');
      expect(existsSync(`${dataDir}.lock`)).toBe(false);
      const again = await openDatabase({ dataDir });
      expect((await again.query('SELECT v FROM t ORDER BY v')).rows).toEqual([{ v: '乙' }, { v: '甲' }]);
      await again.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir, hostname } = await import('node:os');
    const { join } = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const root = await mkdtemp(join(tmpdir(), 'junheng-db-'));
    const dataDir = join(root, 'pg');
    try {
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      });
      const pid = Number(gone.stdout);
      await writeFile(
        `${dataDir}.lock`,
        JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00Z' }),
      );
      const db = await openDatabase({ dataDir });
      expect((await db.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
      await db.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
