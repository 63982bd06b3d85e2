/**
 * @module An administrator's change of an account as sent (name, disabled, a new password), checked
 * before anything is read: the types of the fields, the rules of usernames and display names, and
 * that nobody disables their own account (the last administrator would lock everyone out).
 */
import { Refusal } from '../messages/refusal.js';
import { normaliseDisplayName, normaliseUsername } from './usernames.js';

export interface UserChanges {
  /** A new username (the same rules as a new account's). */
  username?: string;
  displayName?: string;
  disabled?: boolean;
  /** A new password (checked against the password rules once the account's username is known). */
  password?: string;
}

/** The fields a change may have, as the refusal of a change that is no object names them. */
const CHANGE_FIELDS = '{displayName?, disabled?, password?}';

/**
 * Checks a change of an account.
 * @param changes what the request asks to change
 * @param own whether the account is the acting administrator's own
 * @returns the new username and display name in their normal forms (absent: unchanged)
 * @throws Refusal invalidRequest: a field of the wrong type, a username or display name the rules
 *   refuse, disabling one's own account
 */
export function checkUserChanges(
  changes: UserChanges,
  own: boolean,
): { username?: string; displayName?: string } {
  if (changes === null || typeof changes !== 'object') {
    throw new Refusal('invalidRequest', 'accounts.changesNotObject', { fields: CHANGE_FIELDS });
  }
  const out: { username?: string; displayName?: string } = {};
  if (changes.displayName !== undefined) {
    if (typeof changes.displayName !== 'string')
      throw new Refusal('invalidRequest', 'accounts.displayNameNotText');
    const d = normaliseDisplayName(changes.displayName);
    if (!d.ok) throw new Refusal('invalidRequest', d.problem.key, d.problem.params);
    out.displayName = d.name;
  }
  if (changes.username !== undefined) {
    if (typeof changes.username !== 'string') throw new Refusal('invalidRequest', 'accounts.usernameNotText');
    const u = normaliseUsername(changes.username);
    if (!u.ok) throw new Refusal('invalidRequest', u.problem.key, u.problem.params);
    out.username = u.name;
  }
  if (changes.disabled !== undefined && typeof changes.disabled !== 'boolean') {
    throw new Refusal('invalidRequest', 'accounts.disabledNotBoolean');
  }
  if (changes.disabled === true && own) throw new Refusal('invalidRequest', 'accounts.cannotDisableSelf');
  if (changes.password !== undefined && typeof changes.password !== 'string') {
    throw new Refusal('invalidRequest', 'accounts.passwordNotText');
  }
  return out;
}
