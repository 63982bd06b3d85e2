/**
 * @module Who an account answers for: a school for principals and school clerks, a region for the
 * bureau, inspectors and viewers, nothing for the system administrator.
 */
import { USER_ROLES, type UserRole } from '../policies/rules.js';
import type { AccountProblem } from './problem.js';

/** Accounts bound to one school. */
export const isSchoolRole = (role: UserRole): boolean => role === 'principal' || role === 'school';

/**
 * Checks a new account's role against its region and school.
 * @returns what is wrong, or null
 */
export function accountScopeProblem(
  role: string,
  regionCode: string | null,
  schoolId: string | null,
): AccountProblem | null {
  if (!(USER_ROLES as readonly string[]).includes(role))
    return { key: 'accounts.unknownRole', params: { role } };
  const schoolRole = isSchoolRole(role as UserRole);
  if (schoolRole && schoolId === null) return { key: 'accounts.schoolRequired' };
  if (!schoolRole && schoolId !== null) return { key: 'accounts.schoolNotAllowed' };
  if (!schoolRole && role !== 'system_admin' && regionCode === null)
    return { key: 'accounts.regionRequired' };
  return null;
}
