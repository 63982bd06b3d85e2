/**
 * @module 审计 commands: the audit log paged through (newest first) and the check of its hash chain
 * with the signed checkpoints.
 *
 * Decisions:
 * - Policy: export on an auditLog resource of the whole system (regionCode ''). core grants export
 *   of the audit log to system_admin only (scope anywhere), and no region contains '', so a
 *   region-confined rule can never grant reading the whole log. The bureau's and inspectors'
 *   `region.viewAudit` (view, their region) is not used here: audit_event rows carry no region, so
 *   the log cannot be cut to a region yet; that needs the region of each event's entity first.
 *   Everyone else gets notAllowed on the list; the check answers notFound to whoever may not even
 *   view the log.
 * - Reading the log is not itself audited: paging through it in the browser is no file export, and
 *   an event per page read would bury the writes it is there to record.
 */
import { type AuditLogQuery, auditLogFilters, explain, policyRefusal, requireAllowed } from '@junheng/core';
import {
  type AuditLogEntry,
  checkAuditAnchors,
  checkAuditChain,
  listAuditEventRows,
  type Page,
} from '@junheng/db';
import type { CommandContext } from '../platform/commands.js';
import type { AuditAnchors } from '../platform/context.js';
import { type AuditVerificationAnswer, presentVerification } from './present.js';

/** A resource no region contains: only rules with scope anywhere grant actions on it. */
const WHOLE_SYSTEM = '';

/**
 * Lists audit events, newest first.
 * @param q page, and optional entity, user, username, action and day filters
 * @returns one page of events and how many match
 * @throws Refusal notAllowed for anyone but the system administrator; invalidRequest for a bad
 *   filter; AccessError invalidData for a bad page
 */
export async function listAuditEvents(
  ctx: CommandContext,
  q: AuditLogQuery = {},
): Promise<Page<AuditLogEntry>> {
  const d = explain(ctx.actor, 'export', { kind: 'auditLog', regionCode: WHOLE_SYSTEM });
  if (!d.allowed) throw policyRefusal(d);
  return listAuditEventRows(ctx.db, auditLogFilters(q), q);
}

/**
 * Checks the hash chain and — when the server keeps checkpoints — the checkpoints and the given hash.
 * @param props the checkpoints' file and key (none: the chain alone), the hash the county noted
 * @throws Refusal notFound or notAllowed for anyone but the system administrator
 */
export async function verifyAudit(
  ctx: CommandContext,
  props: { anchors?: AuditAnchors; expectHead?: string },
): Promise<AuditVerificationAnswer> {
  requireAllowed(
    ctx.actor,
    'export',
    { kind: 'auditLog', regionCode: WHOLE_SYSTEM },
    { key: 'audit.notFound' },
  );
  const chain = await checkAuditChain(ctx.db);
  if (!props.anchors) return presentVerification(chain);
  const anchors = await checkAuditAnchors(ctx.db, { ...props.anchors, expectHead: props.expectHead });
  return presentVerification(chain, anchors);
}
