/**
 * @module The left menu of the web app for a user: which pages they may open, derived from core's
 * policy table (the same rules the routes enforce), so menu and access cannot disagree.
 */
import { type Actor, can, type PolicyAction, type ResourceKind, visibleRegionPrefix } from '@junheng/core';
import type { User } from '@junheng/db';
import { actorOf } from './session.js';

/** Page keys the web app knows (packages/web/src/shared/menu.ts maps them to routes and titles). */
export const MENU_KEYS = [
  'dashboard',
  'schools',
  'fill',
  'review',
  'countyInputs',
  'evaluations',
  'plans',
  'zoning',
  'applicants',
  'lottery',
  'classes',
  'quota',
  'users',
  'audit',
] as const;
export type MenuKey = (typeof MENU_KEYS)[number];

interface Need {
  action: PolicyAction;
  kind: ResourceKind;
}

/** Pages about the whole county: a school user (whose scope is its own school) has none of them. */
const COUNTY_WIDE: ReadonlySet<MenuKey> = new Set(['evaluations', 'zoning', 'quota']);

/** What a page needs on a resource of the user's own jurisdiction (county) or school. */
const NEEDS: Record<MenuKey, Need> = {
  dashboard: { action: 'view', kind: 'countyInput' },
  schools: { action: 'view', kind: 'school' },
  fill: { action: 'edit', kind: 'schoolReport' },
  review: { action: 'review', kind: 'schoolReport' },
  countyInputs: { action: 'view', kind: 'countyInput' },
  evaluations: { action: 'view', kind: 'evaluationRun' },
  plans: { action: 'view', kind: 'school' },
  zoning: { action: 'view', kind: 'admissionPlan' },
  applicants: { action: 'view', kind: 'applicant' },
  lottery: { action: 'view', kind: 'lotteryDraw' },
  classes: { action: 'view', kind: 'admissionPlan' },
  quota: { action: 'view', kind: 'admissionPlan' },
  users: { action: 'manageUsers', kind: 'user' },
  audit: { action: 'export', kind: 'auditLog' },
};

function allowedHere(actor: Actor, key: MenuKey, schoolRegion: string | null): boolean {
  const need = NEEDS[key];
  if (need.action === 'view') {
    const scope = visibleRegionPrefix(actor, need.kind);
    // Evaluation runs, zones and quotas are county-wide: a school sees its own part elsewhere.
    if (COUNTY_WIDE.has(key)) return scope.scope === 'region' || scope.scope === 'all';
    return scope.scope !== 'none';
  }
  // A resource inside the user's own scope: their school, or their region (a county under it).
  const regionCode = schoolRegion ?? actor.regionCode ?? '';
  const region = regionCode.length === 6 && regionCode.endsWith('00') ? '' : regionCode;
  return can(actor, need.action, {
    kind: need.kind,
    regionCode: region,
    schoolId: actor.schoolId ?? null,
  });
}

/**
 * The menu keys a user may open.
 * @param user the signed-in user
 * @param schoolRegion the region code of the user's school (school and principal users)
 */
export function menuFor(user: User, schoolRegion: string | null): MenuKey[] {
  const actor = actorOf(user);
  return MENU_KEYS.filter((key) => allowedHere(actor, key, schoolRegion));
}
