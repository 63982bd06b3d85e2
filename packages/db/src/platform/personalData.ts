/**
 * @module Students' personal data encrypted at rest (they are minors). Names, ID numbers, guardians,
 * phone numbers and addresses are stored as AES-256-GCM ciphertext; lists show core's masked forms
 * (maskName, maskIdNumber, maskPhone) computed when the row is written, so a list never decrypts.
 *
 * The key lives outside the database: JUNHENG_DATA_KEY (64 hex digits) or, when that is not set,
 * the file `<data>/personal-data.key`, created (mode 0600) on the first start. A copy of the
 * database without the key reveals no child's name. The database keeps one sealed check value, so
 * starting with the wrong key fails at once with a Chinese message instead of writing rows that
 * can no longer be read together.
 *
 * Sealed form: `v1:` + base64(12-byte IV ‖ 16-byte tag ‖ ciphertext). The version prefix leaves
 * room for a key rotation later.
 */

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { message } from '@junheng/core';
import type { Queryable } from './database.js';
import { sqlOf } from './queryBuilder.js';

/** Seals and opens personal data with one key. */
export interface PersonalCipher {
  /** Encrypts a text; the same text gives a different sealed value each time. */
  seal(plain: string): string;
  /** Decrypts a sealed value; throws (Chinese) if it was not sealed with this key or was altered. */
  open(sealed: string): string;
  /** Seals a value that may be absent (null stays null). */
  sealOptional(plain: string | null | undefined): string | null;
  /** Opens a value that may be absent. */
  openOptional(sealed: string | null | undefined): string | null;
}

const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What the check row holds, sealed: opening it proves the key matches the database. */
const CHECK_TEXT = 'junheng personal data key check';

/**
 * A missing, malformed or wrong key: the user's to fix (restore the file or set the variable), so
 * the CLI prints the message and exits 2 (its rule for errors named …FileError).
 */
export class PersonalKeyFileError extends Error {
  override name = 'PersonalKeyFileError';
}

/** Key file name inside the data directory. */
export const PERSONAL_KEY_FILE = 'personal-data.key';

/**
 * A cipher over a 32-byte key.
 * @param key 32 bytes
 */
export function createPersonalCipher(key: Uint8Array): PersonalCipher {
  if (key.length !== 32) throw new Error(message('storage.keyLength', { bytes: key.length }));
  const k = Buffer.from(key);
  function seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', k, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }
  function open(sealed: string): string {
    if (!sealed.startsWith(VERSION)) throw new Error(message('storage.sealedNoVersion'));
    const raw = Buffer.from(sealed.slice(VERSION.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error(message('storage.sealedLength'));
    const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new Error(message('storage.sealedUnopenable'));
    }
  }
  return {
    seal,
    open,
    sealOptional: (plain) => (plain == null ? null : seal(plain)),
    openOptional: (sealed) => (sealed == null ? null : open(sealed)),
  };
}

/**
 * Parses a key given as 64 hexadecimal digits.
 * @param text the key text (JUNHENG_DATA_KEY or the key file)
 * @param where where it came from, for the message
 */
export function parsePersonalKey(text: string, where: string): Uint8Array {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new PersonalKeyFileError(message('storage.keyNotHex', { where }));
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export interface KeySource {
  /** JUNHENG_DATA_KEY, when set: takes precedence over the file. */
  envKey?: string;
  /** Directory of `personal-data.key` (the server's data directory). */
  dataDir: string;
  /**
   * The database already holds data sealed with some key ({@link personalKeyInUse}): a missing key
   * file is then an error, never a reason to create a new key (which could not open those rows).
   */
  inUse?: boolean;
}

/** Whether the database has a key check value, i.e. was started with a key before. */
export async function personalKeyInUse(db: Queryable): Promise<boolean> {
  const row = await sqlOf(db)
    .selectFrom('personal_data_key_check')
    .select('id')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Reads the key (environment, else the key file), creating the file on the first start only (not
 * when `inUse`: then the missing file is the user's to restore, and nothing is written).
 * @returns the key and whether it was created now (the caller tells the user to back it up)
 * @throws PersonalKeyFileError on a malformed key, or a missing key file for a database in use
 */
export function loadPersonalKey(source: KeySource): { key: Uint8Array; created: boolean; where: string } {
  if (source.envKey)
    return {
      key: parsePersonalKey(source.envKey, 'JUNHENG_DATA_KEY'),
      created: false,
      where: 'JUNHENG_DATA_KEY',
    };
  const file = join(source.dataDir, PERSONAL_KEY_FILE);
  if (existsSync(file))
    return { key: parsePersonalKey(readFileSync(file, 'utf8'), file), created: false, where: file };
  if (source.inUse) {
    throw new PersonalKeyFileError(message('storage.keyFileMissing', { file, keyFile: PERSONAL_KEY_FILE }));
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key: Uint8Array.from(key), created: true, where: file };
}

/**
 * Checks the key against the database's sealed check value, storing one when there is none yet.
 * @throws a Chinese error when the database was sealed with another key
 */
export async function checkPersonalKey(db: Queryable, cipher: PersonalCipher, where: string): Promise<void> {
  const q = sqlOf(db);
  const row = await q
    .selectFrom('personal_data_key_check')
    .select('sealed')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) {
    await q
      .insertInto('personal_data_key_check')
      .values({ id: 1, sealed: cipher.seal(CHECK_TEXT) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return;
  }
  let opened: string | null = null;
  try {
    opened = cipher.open(row.sealed);
  } catch {
    opened = null;
  }
  if (opened !== CHECK_TEXT) {
    throw new PersonalKeyFileError(message('storage.keyMismatch', { where, keyFile: PERSONAL_KEY_FILE }));
  }
}

/** A fixed key for tests only (never for real data). */
export const TEST_PERSONAL_KEY = new Uint8Array(32).map((_, i) => i + 1);
