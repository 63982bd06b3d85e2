/**
 * @module Which county-level actions to offer the signed-in user: core's policy table, the one the
 * server enforces, asked in the browser, so a button the server would refuse is not shown. A city
 * or province account (e.g. 市教育局, read-only) sees the county's pages but no 运行评估, 导入,
 * 保存 or 发布; an inspector evaluates but does not import or publish.
 */
import { type Actor, can, type PolicyAction, type ResourceKind } from '@junheng/core';
import type { SessionUser } from '../api/auth';

type UserLike = Pick<SessionUser, 'id' | 'role' | 'regionCode' | 'schoolId'>;

function actorOf(user: UserLike): Actor {
  return { id: String(user.id), role: user.role, regionCode: user.regionCode, schoolId: user.schoolId };
}

/**
 * Whether the user may do `action` to a `kind` resource of a county.
 * @param countyCode the county the page works on (meta.county, a run's county); when unknown, the
 *   user's own region stands in (a county bureau's is its county; a city's grants no change)
 */
export function mayInCounty(
  user: UserLike | null | undefined,
  action: PolicyAction,
  kind: ResourceKind,
  countyCode?: string | null,
): boolean {
  if (!user) return false;
  const regionCode = countyCode || user.regionCode || '';
  return regionCode !== '' && can(actorOf(user), action, { kind, regionCode });
}
