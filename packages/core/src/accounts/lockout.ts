/**
 * @module How many wrong passwords pause a name (or lock an account), for how long, and the
 * minutes left that the refusal names.
 */

/** Wrong passwords in a row (for one name from one address) that pause it there. */
export const MAX_FAILED_LOGINS = 5;
/** How long a paused name (or a locked account) stays so. */
export const LOCKOUT_MINUTES = 15;

/** Whole minutes until `until`, at least 1 (what "请 N 分钟后再试" says). */
export const minutesLeft = (until: Date, now: Date): number =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
