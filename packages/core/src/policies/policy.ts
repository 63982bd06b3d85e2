/**
 * @module The one place access is decided: can / explain over POLICY_RULES, and the matching
 * filter for list queries (visibleRegionPrefix), so a list never shows what a read would refuse.
 */

import { isWritableLevel, parseRegionScope, regionContains } from './region.js';
import {
  POLICY_ACTION_NAMES,
  POLICY_RULES,
  type PolicyAction,
  type PolicyRule,
  type PolicyScope,
  RESOURCE_KIND_NAMES,
  type ResourceKind,
  ROLE_LIMITS,
  USER_ROLE_NAMES,
  USER_ROLES,
  type UserRole,
} from './rules.js';

/** Who asks: an app_user row (id, role, region_code, school_id). */
export interface Actor {
  id: string;
  role: UserRole;
  /** Jurisdiction for bureau/inspector/viewer: '13' or '130000', '1306' or '130600', '130660', '130660101'. */
  regionCode?: string | null;
  /** 学校标识码 for school and principal users. */
  schoolId?: string | null;
}

/** The anonymous visitor of the public 公示 page: sees published results and nothing else. */
export const PUBLIC_ACTOR: Actor = { id: 'public', role: 'viewer' };

/** What is asked for. */
export interface Resource {
  kind: ResourceKind;
  /** The resource's county (6 digits) or township (9 digits) code. */
  regionCode: string;
  /** The school it belongs to, when it belongs to one. */
  schoolId?: string | null;
  /** For publicResult (and evaluationRun): whether it has been published (公示). */
  published?: boolean;
}

export interface Decision {
  allowed: boolean;
  /** The rule that allowed it, or the one whose scope it fell outside of. */
  rule?: string;
  /** 中文 reason for the user and the audit log. */
  reason: string;
}

function isKnownRole(role: unknown): role is UserRole {
  return (USER_ROLES as readonly unknown[]).includes(role);
}

/** Whether the rule's scope admits this actor and resource. Unknown or missing data denies. */
function scopeHolds(scope: PolicyScope, actor: Actor, resource: Resource): boolean {
  switch (scope) {
    case 'anywhere':
      return true;
    case 'public':
      return resource.published === true;
    case 'ownSchool':
      // Both ids must be present: undefined === undefined must not open a school.
      return (
        typeof actor.schoolId === 'string' && actor.schoolId !== '' && actor.schoolId === resource.schoolId
      );
    case 'regionSubtree': {
      const s = parseRegionScope(actor.regionCode);
      return s !== null && regionContains(s, resource.regionCode);
    }
    case 'countyJurisdiction': {
      const s = parseRegionScope(actor.regionCode);
      return s !== null && isWritableLevel(s.level) && regionContains(s, resource.regionCode);
    }
  }
}

/** Rules that speak about this role, kind and action, whatever their scope. */
function candidates(role: UserRole, action: PolicyAction, kind: ResourceKind): PolicyRule[] {
  return POLICY_RULES.filter(
    (r) => r.roles.includes(role) && r.kinds.includes(kind) && r.actions.includes(action),
  );
}

/** 中文 reason why a candidate rule's scope did not admit the request. */
function scopeDenial(rule: PolicyRule, actor: Actor, resource: Resource): string {
  switch (rule.scope) {
    case 'public':
      return `该${RESOURCE_KIND_NAMES[resource.kind]}尚未公示`;
    case 'ownSchool':
      if (!actor.schoolId) return '账号未绑定学校，请联系系统管理员';
      return ROLE_LIMITS[actor.role];
    case 'regionSubtree':
    case 'countyJurisdiction': {
      const s = parseRegionScope(actor.regionCode);
      if (s === null) {
        return `账号未绑定有效的行政区划（${actor.regionCode || '空'}），请联系系统管理员`;
      }
      if (
        rule.scope === 'countyJurisdiction' &&
        !isWritableLevel(s.level) &&
        regionContains(s, resource.regionCode)
      ) {
        return '市级、省级用户只能查看辖区内数据，不能修改、审核或发布';
      }
      return `只能访问本辖区（${actor.regionCode}）内的数据，该${RESOURCE_KIND_NAMES[resource.kind]}属于 ${resource.regionCode}`;
    }
    case 'anywhere':
      return '';
  }
}

/**
 * Decides a request and says why, in Chinese.
 * @param actor the signed-in user (or PUBLIC_ACTOR)
 * @param action what they want to do
 * @param resource what they want to do it to
 * @returns allowed, the deciding rule id, and a reason to show or log
 */
export function explain(actor: Actor, action: PolicyAction, resource: Resource): Decision {
  if (!isKnownRole(actor.role))
    return { allowed: false, reason: `未知角色（${String(actor.role)}），拒绝访问` };
  const rules = candidates(actor.role, action, resource.kind);
  const granting = rules.find((r) => scopeHolds(r.scope, actor, resource));
  if (granting) return { allowed: true, rule: granting.id, reason: granting.grants };
  // Prefer the role's own rule for the message: "not published" says less than "not your county".
  const nearest = rules.find((r) => r.scope !== 'public') ?? rules[0];
  if (nearest) return { allowed: false, rule: nearest.id, reason: scopeDenial(nearest, actor, resource) };
  const verb = POLICY_ACTION_NAMES[action];
  const noun = RESOURCE_KIND_NAMES[resource.kind];
  // 管理用户 already names its object: not 管理用户用户.
  const what = verb.endsWith(noun) ? verb : `${verb}${noun}`;
  return {
    allowed: false,
    reason: `${USER_ROLE_NAMES[actor.role]}无权${what}：${ROLE_LIMITS[actor.role]}`,
  };
}

/**
 * Whether the actor may do the action to the resource. Everything not granted by a rule in
 * POLICY_RULES is denied.
 * @param actor the signed-in user (or PUBLIC_ACTOR)
 * @param action what they want to do
 * @param resource what they want to do it to
 * @returns true when a rule grants it
 */
export function can(actor: Actor, action: PolicyAction, resource: Resource): boolean {
  if (!isKnownRole(actor.role)) return false;
  return candidates(actor.role, action, resource.kind).some((r) => scopeHolds(r.scope, actor, resource));
}

/**
 * The rows of one kind an actor may list, as a filter for SQL:
 * - all: no filter;
 * - region: `region_code LIKE prefix || '%'` — prefix is digits of a whole level (2/4/6/9), and
 *   stored codes are whole county/township codes, so LIKE compares levels as regionContains does;
 * - school: `school_id = schoolId`;
 * - none: no rows, except published ones when `alsoPublished`.
 * `alsoPublished` means published rows are visible to this actor whatever the filter says
 * (`WHERE published OR <filter>`).
 *
 * A tagged value instead of "prefix string, or null for all": a forgotten null check must not turn
 * into "show everything", and "nothing" (viewer, unbound account) needs a value of its own.
 */
export type ListScope =
  | { scope: 'all'; alsoPublished: boolean }
  | { scope: 'region'; prefix: string; alsoPublished: boolean }
  | { scope: 'school'; schoolId: string; alsoPublished: boolean }
  | { scope: 'none'; alsoPublished: boolean };

/**
 * The VIEW scope of an actor for listing one kind of resource, derived from the same rules as can().
 * @param actor the signed-in user (or PUBLIC_ACTOR)
 * @param kind the kind being listed (scopes differ: an inspector lists reports but not users)
 * @returns the filter to apply; see ListScope
 */
export function visibleRegionPrefix(actor: Actor, kind: ResourceKind): ListScope {
  if (!isKnownRole(actor.role)) return { scope: 'none', alsoPublished: false };
  const rules = candidates(actor.role, 'view', kind);
  const alsoPublished = rules.some((r) => r.scope === 'public');
  const scopes = new Set(rules.map((r) => r.scope));
  if (scopes.has('anywhere')) return { scope: 'all', alsoPublished };
  if (scopes.has('regionSubtree') || scopes.has('countyJurisdiction')) {
    const s = parseRegionScope(actor.regionCode);
    const writableOnly = !scopes.has('regionSubtree');
    if (s !== null && (!writableOnly || isWritableLevel(s.level))) {
      return { scope: 'region', prefix: s.prefix, alsoPublished };
    }
  }
  if (scopes.has('ownSchool') && typeof actor.schoolId === 'string' && actor.schoolId !== '') {
    return { scope: 'school', schoolId: actor.schoolId, alsoPublished };
  }
  return { scope: 'none', alsoPublished };
}
