/**
 * @module Making an account: the username, display name, scope and password rules (core), the
 * argon2id hash and the insert. The step both the administrator's command (userCommands.ts
 * createUserAs: policy and audit around it) and the demo seeding use.
 */
import {
  type AccountProblem,
  accountScopeProblem,
  message,
  normaliseDisplayName,
  normaliseUsername,
  passwordWeakness,
  Refusal,
  type RefusalCode,
  usernameTaken,
} from '@junheng/core';
import {
  type CreateUserInput,
  type Database,
  findUserByUsername,
  hashPassword,
  insertUser,
  type Queryable,
  type User,
} from '@junheng/db';

const refused = (code: RefusalCode, p: AccountProblem) => new Refusal(code, p.key, p.params);

/**
 * What is wrong with a new password for an account, in words, or null (the demo seeding checks its
 * one password for every demo account before it writes anything).
 */
export function checkPasswordStrength(password: string, username: string): string | null {
  const weak = passwordWeakness(password, username);
  return weak ? message(weak.key, weak.params) : null;
}

/**
 * Creates an account: checks the username, scope and password rules, hashes the password, inserts.
 * No policy and no audit: the caller's (createUserAs, the demo seeding, the first administrator).
 * @param db the database or the caller's transaction
 * @throws Refusal invalidRequest (username, display name, scope, a region or school that does not
 *   exist), weakPassword, usernameTaken (usernames are unique regardless of case)
 */
export async function createUser(db: Database | Queryable, input: CreateUserInput): Promise<User> {
  const name = normaliseUsername(input.username);
  if (!name.ok) throw refused('invalidRequest', name.problem);
  const displayName = normaliseDisplayName(input.displayName);
  if (!displayName.ok) throw refused('invalidRequest', displayName.problem);
  const regionCode = input.regionCode ?? null;
  const schoolId = input.schoolId ?? null;
  const scope = accountScopeProblem(input.role, regionCode, schoolId);
  if (scope) throw refused('invalidRequest', scope);
  const weak = passwordWeakness(input.password, name.name);
  if (weak) throw refused('weakPassword', weak);
  // Checked first so that a duplicate costs no hashing; the unique index decides under a race.
  const early = await findUserByUsername(db, name.name);
  if (early) throw refused('usernameTaken', usernameTaken(name.name, early.username));
  const inserted = await insertUser(db, {
    username: name.name,
    passwordHash: await hashPassword(input.password),
    displayName: displayName.name,
    role: input.role,
    regionCode,
    schoolId,
    now: input.now ?? new Date(),
  });
  if ('user' in inserted) return inserted.user;
  if (inserted.violated === 'unique') {
    // Another request made the name (in any case) a moment ago.
    throw new Refusal('usernameTaken', 'accounts.usernameTaken', { username: input.username.trim() });
  }
  throw schoolId !== null
    ? new Refusal('invalidRequest', 'accounts.schoolMissing', { schoolId })
    : new Refusal('invalidRequest', 'accounts.regionMissing', { regionCode });
}
