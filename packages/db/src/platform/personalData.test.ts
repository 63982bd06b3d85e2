import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import {
  checkPersonalKey,
  createPersonalCipher,
  loadPersonalKey,
  PERSONAL_KEY_FILE,
  parsePersonalKey,
  TEST_PERSONAL_KEY,
} from './personalData.js';
import { createTestDatabase, testEngines } from './testing.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('personal data cipher', () => {
  const cipher = createPersonalCipher(TEST_PERSONAL_KEY);

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.seal('张小明 130660201903151234');
    const b = cipher.seal('张小明 130660201903151234');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1:')).toBe(true);
    expect(a).not.toContain('张');
    expect(cipher.open(a)).toBe('张小明 130660201903151234');
    expect(cipher.sealOptional(null)).toBeNull();
    expect(cipher.openOptional(cipher.sealOptional('x'))).toBe('x');
  });

  it('refuses another key and altered data', () => {
    const sealed = cipher.seal('李四');
    const other = createPersonalCipher(new Uint8Array(32).fill(7));
    expect(() => other.open(sealed)).toThrow(/密钥不对或数据被改动/);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.open(`v1:${raw.toString('base64')}`)).toThrow(/密钥不对或数据被改动/);
    expect(() => cipher.open('plain text')).toThrow(/版本前缀/);
  });

  it('reads a key from the environment or creates the key file once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-key-'));
    dirs.push(dir);
    const first = loadPersonalKey({ dataDir: dir });
    expect(first.created).toBe(true);
    expect(statSync(join(dir, PERSONAL_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = loadPersonalKey({ dataDir: dir });
    expect(second.created).toBe(false);
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    const env = loadPersonalKey({ dataDir: dir, envKey: 'ab'.repeat(32) });
    expect(env.where).toBe('JUNHENG_DATA_KEY');
    expect(env.key[0]).toBe(0xab);
    expect(readFileSync(join(dir, PERSONAL_KEY_FILE), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(dir, PERSONAL_KEY_FILE), 'not a key');
    expect(() => loadPersonalKey({ dataDir: dir })).toThrow(/64 位十六进制/);
    expect(() => parsePersonalKey('12', 'JUNHENG_DATA_KEY')).toThrow(/JUNHENG_DATA_KEY/);
  });
});

describe.each(testEngines())('personal key check (%s)', (engine) => {
  it('stores a check value, accepts the same key and refuses another', async () => {
    const { db, dispose } = await createTestDatabase(engine, { migrated: true });
    try {
      await migrate(db);
      const cipher = createPersonalCipher(TEST_PERSONAL_KEY);
      await checkPersonalKey(db, cipher, 'test');
      await checkPersonalKey(db, cipher, 'test');
      const other = createPersonalCipher(new Uint8Array(32).fill(9));
      await expect(checkPersonalKey(db, other, '/data/personal-data.key')).rejects.toThrow(
        /个人信息密钥（\/data\/personal-data.key）与数据库不匹配/,
      );
      // The CLI shows it as the user's error (exit 2), not an internal one.
      await expect(checkPersonalKey(db, other, 'x')).rejects.toMatchObject({ name: 'PersonalKeyFileError' });
    } finally {
      await dispose();
    }
  });
});
