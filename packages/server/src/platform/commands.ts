/**
 * @module The commands layer's shared parts. A command is `(ctx, props) → result`: it owns the
 * transaction and does, in this order, policy (core `can`/`requireAllowed`) → validation (core
 * checks) → repository calls (packages/db, SQL only) → audit (`recordChange`), and refuses with
 * core's Refusal (a code and a catalogue key). Routes only parse, build the context, call one
 * command and present its result; the CLI and the demo seeding call the same commands.
 */
import { type Actor, Refusal } from '@junheng/core';
import {
  type ActingUser,
  appendAudit,
  type Database,
  findEnabledUser,
  type PersonalCipher,
  type Queryable,
} from '@junheng/db';
import type { FastifyRequest } from 'fastify';
import { requireAuth } from '../accounts/session.js';
import type { AppContext } from './context.js';

/** What a command is given: the database (or the caller's transaction) and who acts. */
export interface CommandContext {
  db: Database | Queryable;
  actor: Actor;
  /** The request's address, for the audit log (null from the CLI and the demo seeding). */
  ip?: string | null;
  /** Seals and opens children's personal data (commands on applicants and placements). */
  personal?: PersonalCipher;
  now?: () => Date;
}

/** A signed-in request's command context. */
export function commandContext(app: AppContext, req: FastifyRequest): CommandContext {
  return { db: app.db, actor: requireAuth(req).actor, ip: req.ip, personal: app.personal, now: app.now };
}

/**
 * The actor's account, read inside the write's transaction: it must still exist and be enabled (a
 * session of a user disabled a moment ago must not write).
 * @throws Refusal notAllowed
 */
export async function actingUser(tx: Queryable, actor: Actor): Promise<ActingUser> {
  const row = await findEnabledUser(tx, Number(actor.id));
  if (!row) throw new Refusal('notAllowed', 'accounts.actingUserGone');
  return row;
}

/** One state change for the audit log: what was done to which record, before and after. */
export interface Change {
  /** `quotaAllocation.update`, `lotteryDraw.conduct`, … (`^[a-z][A-Za-z0-9_.]*$`). */
  action: string;
  /** The table or kind of record (`quota_allocation`). */
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** When it happened, if the command has its own clock (default: now). */
  at?: Date;
}

/**
 * Records a state change in the audit log, in the command's transaction, as the acting user
 * (resolved here unless the command already has it for its own updated_by).
 */
export async function recordChange(
  tx: Queryable,
  ctx: CommandContext,
  change: Change,
  by?: ActingUser,
): Promise<ActingUser> {
  const user = by ?? (await actingUser(tx, ctx.actor));
  await appendAudit(tx, {
    actor: user.username,
    actorId: user.id,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId === null ? null : String(change.entityId),
    before: change.before,
    after: change.after,
    reason: change.reason ?? null,
    ip: ctx.ip ?? null,
    ...(change.at ? { at: change.at } : {}),
  });
  return user;
}
