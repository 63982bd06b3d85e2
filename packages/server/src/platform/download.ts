/**
 * @module Files leaving the server: the attachment headers (Chinese file names, RFC 6266/5987) and
 * the audit record every export writes before the bytes are sent.
 */
import { appendAudit } from '@junheng/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../accounts/session.js';
import type { AppContext } from './context.js';

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** Sends bytes as a download named `fileName` (extension picks the type). */
export function attachment(reply: FastifyReply, bytes: Buffer | string, fileName: string): FastifyReply {
  const ext = fileName.split('.').pop() ?? '';
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  reply.header('content-type', TYPES[ext] ?? 'application/octet-stream');
  reply.header(
    'content-disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  reply.header('cache-control', 'no-store');
  return reply.send(bytes);
}

export interface ExportRecord {
  /** `export.<what>`, e.g. export.evaluation.docx */
  action: string;
  entity: string;
  entityId: string | null;
  /** What was exported (never the exported personal data itself). */
  after: Record<string, unknown>;
}

/** Writes the audit event of an export by a signed-in user. */
export async function auditExport(
  ctx: AppContext,
  auth: AuthContext,
  req: FastifyRequest,
  record: ExportRecord,
): Promise<void> {
  await appendAudit(ctx.db, {
    actor: auth.user.username,
    actorId: auth.user.id,
    action: record.action,
    entity: record.entity,
    entityId: record.entityId,
    after: record.after,
    ip: req.ip,
    at: ctx.now(),
  });
}
