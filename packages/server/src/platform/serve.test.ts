import { migrate } from '@junheng/db';
import { createTestDatabase, type TestDatabase } from '@junheng/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { authenticate } from '../accounts/login.js';
import { seedDemo } from '../demo/index.js';
import { DEMO_PASSWORD, demoLoginLines, ensureFirstAdmin } from './serve.js';

describe('first start', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => t?.dispose());

  it('gives a blank installation one administrator with a printed random password, once', async () => {
    t = await createTestDatabase('pglite', { migrated: true });
    await migrate(t.db);
    const lines: string[] = [];
    await ensureFirstAdmin(t.db, (l) => lines.push(l));
    const password = lines.join('\n').match(/密码 (Jh-\S+)/)?.[1];
    expect(password).toBeDefined();
    const auth = await authenticate(t.db, 'admin', password!, new Date());
    expect(auth.ok && auth.user.role).toBe('system_admin');
    await ensureFirstAdmin(t.db, (l) => lines.push(l));
    expect(lines.filter((l) => l.includes('密码 Jh-'))).toHaveLength(1);
    // Not a demo database: no demo logins are printed.
    expect(await demoLoginLines(t.db)).toEqual([]);
  });

  it('prints the demo logins of a demo database and creates no extra administrator', async () => {
    t = await createTestDatabase('pglite', { migrated: true });
    await migrate(t.db);
    await seedDemo(t.db, { schools: 3, password: DEMO_PASSWORD });
    const lines: string[] = [];
    await ensureFirstAdmin(t.db, (l) => lines.push(l));
    expect(lines).toEqual([]);
    const logins = await demoLoginLines(t.db);
    expect(logins.map((l) => l.trim().split(/\s+/)[0])).toEqual([
      'admin',
      'jiaoyuju',
      'duxue',
      'xiaozhang',
      'tianbao',
      'shiju',
    ]);
    expect(logins.every((l) => l.includes(DEMO_PASSWORD))).toBe(true);
  });
});
