/**
 * @module What every route and helper of the server is given: the database, the personal-data
 * cipher, the audit anchors, the clock and the settings. Its own module, imported by the routes and
 * by app.ts (which builds it), so that no route imports the app that registers it.
 */
import type { KeyObject } from 'node:crypto';
import type { Database, PersonalCipher } from '@junheng/db';

/** Where the audit log's signed checkpoints are (packages/db/src/audit/auditCheckpoints.ts). */
export interface AuditAnchors {
  file: string;
  publicKey: KeyObject;
}

export interface AppContext {
  db: Database;
  /** Seals and opens students' personal data (packages/db/src/platform/personalData.ts). */
  personal: PersonalCipher;
  auditAnchors?: AuditAnchors;
  now: () => Date;
  version: string;
  loginRateLimit: number;
}

/** Largest upload (imports): a county workbook of 300 schools is about 100 KB. */
export const UPLOAD_LIMIT = 20 * 1024 * 1024;
