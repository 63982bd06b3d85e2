import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/database.js';
import { migrate } from '../platform/migrate.js';
import { createTestDatabase, type TestDatabase, testEngines } from '../platform/testing.js';
import { ensureRegion, regionCatalogue } from './regions.js';

describe('national region list', () => {
  it('holds the provinces, cities and counties with well-formed codes', () => {
    const list = regionCatalogue();
    expect(list.size).toBeGreaterThan(3600);
    expect(list.get('110000')).toBe('北京市');
    expect(list.get('130600')).toBe('保定市');
    expect(list.get('130681')).toBe('涿州市');
    expect(list.get('440305')).toBe('南山区');
    for (const code of list.keys()) expect(code).toMatch(/^[1-9]\d{5}$/);
  });
});

describe.each(testEngines())('ensureRegion on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
  });
  afterAll(() => t?.dispose());

  it('creates a county with its province and city from the national list, once', async () => {
    expect(await ensureRegion(db, '130681')).toBe(true);
    expect(await ensureRegion(db, '130681')).toBe(true);
    const { rows } = await db.query<{
      code: string;
      name: string;
      level: string;
      parent_code: string | null;
    }>(
      `SELECT code, name, level, parent_code FROM region WHERE code IN ('130000', '130600', '130681') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: '130000', name: '河北省', level: 'province', parent_code: null },
      { code: '130600', name: '保定市', level: 'city', parent_code: '130000' },
      { code: '130681', name: '涿州市', level: 'county', parent_code: '130600' },
    ]);
  });

  it('refuses codes that are not in the list', async () => {
    expect(await ensureRegion(db, '139999')).toBe(false);
    expect(await ensureRegion(db, '1306811')).toBe(false);
    const { rows } = await db.query('SELECT 1 FROM region WHERE code = $1', ['139999']);
    expect(rows).toEqual([]);
  });
});
