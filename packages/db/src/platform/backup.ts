/**
 * @module Backup and restore of the embedded database (`junheng backup` / `junheng restore`).
 *
 * Decision (issue 10 #13): a backup is PGlite's dumpDataDir, a gzipped tar of the data folder,
 * taken by the process that holds the folder, between two statements and after a CHECKPOINT: the
 * same files a clean restart would find. When a server holds the folder, `junheng backup` asks it
 * over its local socket (dataFolder.ts); otherwise it opens the folder itself. A copy of the folder
 * made with a file manager while the server runs is not consistent; this is.
 *
 * What a backup does not contain, on purpose: the personal-data key (personal-data.key or
 * JUNHENG_DATA_KEY) and the audit signing key and checkpoints. A backup without the key reveals
 * no child's name; keep the key separately and put it back next to the restored database.
 *
 * PostgreSQL is backed up with its own tools (pg_dump / pg_restore, README "备份与恢复").
 */

import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { message } from '@junheng/core';
import { openPglite } from './database.js';
import { holderAlive, type LockHolder, lockFileOf, readLockHolder, requestFromHolder } from './dataFolder.js';

/** A backup or restore the user can fix (no database, a non-empty target, not a backup file). */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

export interface BackupResult {
  /** The gzipped tar of the PGlite data folder. */
  bytes: Uint8Array;
  /** The running program that made the copy, when one held the folder. */
  holder?: LockHolder;
}

/**
 * A consistent copy of a PGlite data folder, also while a server uses it.
 * @param dir the PGlite folder (`<data>/pg`)
 * @throws BackupFileError when there is no database there
 */
export async function backupPgliteFolder(dir: string): Promise<BackupResult> {
  const folder = resolve(dir);
  if (!existsSync(folder)) throw new BackupFileError(message('storage.noDatabase', { folder }));
  for (let attempt = 0; ; attempt++) {
    const holder = readLockHolder(lockFileOf(folder));
    if (holder && holderAlive(holder)) {
      return { bytes: await requestFromHolder(folder, holder, 'backup'), holder };
    }
    try {
      const db = await openPglite(folder);
      try {
        return { bytes: await db.backup!() };
      } finally {
        await db.close();
      }
    } catch (err) {
      // Another program opened it meanwhile: ask that one.
      if ((err as Error).name !== 'DataFolderLockFileError' || attempt > 0) throw err;
    }
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Restores a backup into a new, empty PGlite folder and checks that it opens.
 * @param bytes the backup file's contents
 * @param dir the PGlite folder to create (`<data>/pg`); must not hold a database
 * @throws BackupFileError when the folder is not empty or the file is not a backup
 */
export async function restorePgliteFolder(bytes: Uint8Array, dir: string): Promise<void> {
  const folder = resolve(dir);
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new BackupFileError(message('storage.restoreNotEmpty', { folder }));
  }
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw new BackupFileError(message('storage.notABackup'));
  }
  try {
    const db = await openPglite(folder, { loadDataDir: new Blob([bytes]) });
    try {
      await db.query('SELECT 1');
    } finally {
      await db.close();
    }
  } catch (err) {
    if ((err as Error).name === 'DataFolderLockFileError') throw err;
    // Leave no half-restored folder behind: the user retries with the right file.
    rmSync(folder, { recursive: true, force: true });
    throw new BackupFileError(message('storage.restoreFailed', { reason: (err as Error).message }));
  }
}
