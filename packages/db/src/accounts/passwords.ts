/**
 * @module Passwords: hashing (argon2id) and checking them against the stored hash. The rules a new
 * password must meet are core's (accounts/passwordRules.ts). The plain password is never stored nor
 * logged; only its hash is kept in `app_user`.
 */
import { normalisePassword } from '@junheng/core';
import { hash, verify } from '@node-rs/argon2';

// ── Password hashing ─────────────────────────────────────────────────────────────────────────

/**
 * argon2id with m = 19456 KiB (19 MiB), t = 2, p = 1: the OWASP Password Storage Cheat Sheet's
 * minimum configuration for argon2id. About 20–50 ms per hash on the project's machines; raise it
 * (logging in rehashes older ones) if the hardware allows.
 */
const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;
/** The PHC prefix of a hash made with {@link ARGON2_OPTIONS}; other hashes are upgraded on login. */
export const CURRENT_HASH_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

/** Passwords are compared in Unicode NFC, so the same text typed through different IMEs matches. */
export const normalise = normalisePassword;

/**
 * Hashes a password for storage (PHC string `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`, random salt).
 * @param password the plain password
 */
export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), ARGON2_OPTIONS);
}

/**
 * Checks a password against a stored hash. A malformed stored hash counts as a mismatch.
 * @param stored the PHC string from {@link hashPassword}
 * @param password the plain password
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, normalise(password));
  } catch {
    return false;
  }
}

// A hash of a random password with the same parameters: an unknown username is checked against it,
// so the answer takes as long as for a real account (no user enumeration by timing).
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(`junheng-dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}
