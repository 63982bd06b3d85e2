/**
 * @module Changing one's own password (POST /auth/password): the current password checked (a wrong
 * one counts towards locking the account, like a failed login), the password rules, the new hash,
 * and every other session of the user ended. Who changed a password and when is audited; the
 * password itself never is.
 */
import { MAX_FAILED_LOGINS, minutesLeft, normalisePassword, passwordWeakness, Refusal } from '@junheng/core';
import {
  appendAudit,
  deleteUserSessions,
  hashPassword,
  inTransaction,
  recordAccountFailure,
  updateUserRow,
  userFromRow,
  userWithHash,
  verifyPassword,
} from '@junheng/db';
import type { CommandContext } from '../platform/commands.js';

export interface ChangePasswordProps {
  oldPassword: string;
  newPassword: string;
  /**
   * The `session.id` (not the cookie token) of the session making the change, which stays valid;
   * omit it to end all of the user's sessions.
   */
  keepSessionId?: string | null;
}

const lockedOut = (until: Date, now: Date) =>
  new Refusal('lockedOut', 'accounts.accountLocked', {
    max: MAX_FAILED_LOGINS,
    minutes: minutesLeft(until, now),
  });

/**
 * Changes the acting user's own password, and ends their other sessions.
 * @returns how many sessions were ended
 * @throws Refusal notFound (the account is gone), lockedOut, wrongPassword, weakPassword
 */
export async function changePassword(
  ctx: CommandContext,
  props: ChangePasswordProps,
): Promise<{ sessionsEnded: number }> {
  const userId = Number(ctx.actor.id);
  const now = ctx.now?.() ?? new Date();
  const row = await userWithHash(ctx.db, { id: userId });
  if (!row) throw new Refusal('notFound', 'accounts.userMissing', { id: userId });
  const user = userFromRow(row);
  if (user.lockedUntil && user.lockedUntil > now) throw lockedOut(user.lockedUntil, now);
  if (!(await verifyPassword(row.password_hash, props.oldPassword))) {
    // Counted outside any transaction: the count stays although the change is refused.
    const lockedUntil = await recordAccountFailure(ctx.db, user.id, now);
    if (lockedUntil) throw lockedOut(lockedUntil, now);
    throw new Refusal('wrongPassword', 'accounts.wrongOldPassword');
  }
  if (normalisePassword(props.newPassword) === normalisePassword(props.oldPassword)) {
    throw new Refusal('weakPassword', 'accounts.passwordSameAsOld');
  }
  const weak = passwordWeakness(props.newPassword, user.username);
  if (weak) throw new Refusal('weakPassword', weak.key, weak.params);
  const passwordHash = await hashPassword(props.newPassword);
  return inTransaction(ctx.db, async (tx) => {
    await updateUserRow(tx, userId, {
      password_hash: passwordHash,
      password_changed_at: now,
      updated_at: now,
      failed_logins: 0,
      locked_until: null,
    });
    const sessionsEnded = await deleteUserSessions(tx, userId, props.keepSessionId);
    await appendAudit(tx, {
      actor: user.username,
      actorId: user.id,
      action: 'user.changePassword',
      entity: 'app_user',
      entityId: String(user.id),
      after: { passwordChanged: true, sessionsEnded },
      at: now,
    });
    return { sessionsEnded };
  });
}
