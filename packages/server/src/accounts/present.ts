/**
 * @module The accounts as the API answers them: an account in the user administration (with its
 * role's Chinese name and whether it is disabled), and the signed-in user with the menu they see.
 */
import { USER_ROLE_NAMES } from '@junheng/core';
import type { AdminUserRecord, User } from '@junheng/db';
import type { UserPlace } from './login.js';
import { menuFor } from './menu.js';

/** An account as the user administration shows it (no password hash). */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: AdminUserRecord['role'];
  roleName: string;
  regionCode: string | null;
  regionName: string | null;
  schoolId: string | null;
  schoolName: string | null;
  failedLogins: number;
  /** Set while the account is locked after repeated wrong passwords (in the past: expired). */
  lockedUntil: Date | null;
  disabled: boolean;
  disabledAt: Date | null;
  passwordChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export function presentAdminUser(r: AdminUserRecord): AdminUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    roleName: USER_ROLE_NAMES[r.role] ?? r.role,
    regionCode: r.regionCode,
    regionName: r.regionName,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    failedLogins: r.failedLogins,
    lockedUntil: r.lockedUntil,
    disabled: r.disabledAt !== null,
    disabledAt: r.disabledAt,
    passwordChangedAt: r.passwordChangedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The signed-in user: who, where, and the menu entries their role and place open. */
export function presentSignedIn(user: User, place: UserPlace) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roleName: USER_ROLE_NAMES[user.role],
    regionCode: user.regionCode,
    regionName: place.regionName,
    schoolId: user.schoolId,
    schoolName: place.schoolName,
    menu: menuFor(user, place.schoolRegion),
  };
}
