/** @module Chinese names from core's tables, in one place for the templates. */
import {
  GENDER_NAMES,
  type Gender,
  LOCALITY_NAMES,
  type Locality,
  REPORT_ACTION_NAMES,
  REPORT_STATUS_NAMES,
  type ReportAction,
  type ReportStatus,
  SCHOOL_TYPE_NAMES,
  type SchoolType,
  USER_ROLE_NAMES,
  USER_ROLES,
  type UserRole,
} from '@junheng/core';
import type { Option } from '../api/meta';

export function reportActionName(a: ReportAction | string): string {
  return REPORT_ACTION_NAMES[a as ReportAction] ?? a;
}

/** 男 / 女 of a child's gender code (core's GENDER_NAMES). */
export function genderName(g: Gender): string {
  return GENDER_NAMES[g];
}

export function roleName(r: UserRole | string): string {
  return USER_ROLE_NAMES[r as UserRole] ?? r;
}

export const ROLE_OPTIONS: Option<UserRole>[] = USER_ROLES.map((r) => ({
  value: r,
  label: USER_ROLE_NAMES[r],
}));

export const SCHOOL_TYPE_OPTIONS: Option[] = (Object.keys(SCHOOL_TYPE_NAMES) as SchoolType[]).map((t) => ({
  value: t,
  label: SCHOOL_TYPE_NAMES[t],
}));

export const LOCALITY_OPTIONS: Option[] = (Object.keys(LOCALITY_NAMES) as Locality[]).map((l) => ({
  value: l,
  label: LOCALITY_NAMES[l],
}));

export const REPORT_STATUS_OPTIONS: Option<ReportStatus>[] = (
  Object.keys(REPORT_STATUS_NAMES) as ReportStatus[]
).map((s) => ({ value: s, label: REPORT_STATUS_NAMES[s] }));

/** Options of the server when it sent some, else core's. */
export function optionsOr(fromMeta: Option[] | undefined, fallback: Option[]): Option[] {
  return fromMeta && fromMeta.length > 0 ? fromMeta : fallback;
}
