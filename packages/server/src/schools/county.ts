/**
 * @module Which county a request is about: the one asked for (checked against the user's view
 * scope), else the user's own (their county, township's county or school's county), else — for a
 * city or province user — the first county under their region that has schools.
 */
import { type Actor, can, type ResourceKind } from '@junheng/core';
import {
  type CountyRef,
  countyByCode,
  countyCodeOfSchool,
  firstCountyWithSchools,
  type Queryable,
} from '@junheng/db';
import { ApiError } from '../platform/errors.js';

/**
 * @param db the database
 * @param actor the signed-in user
 * @param kind what is being looked at in the county (its view rule decides)
 * @param requested the county code the request names, if any
 * @throws ApiError notFound when the county does not exist or is outside the user's view
 */
export type { CountyRef };

export async function resolveCounty(
  db: Queryable,
  actor: Actor,
  kind: ResourceKind,
  requested?: string,
): Promise<CountyRef> {
  let code = requested;
  if (!code && actor.schoolId) {
    code = await countyCodeOfSchool(db, actor.schoolId);
  }
  if (!code && !actor.regionCode && !actor.schoolId) {
    // Accounts of the whole system (administrator): the first county with schools.
    code = await firstCountyWithSchools(db);
  }
  if (!code && actor.regionCode) {
    const rc = actor.regionCode;
    if (rc.length === 9 || (rc.length === 6 && !rc.endsWith('00'))) {
      code = rc.slice(0, 6);
    } else {
      const prefix = rc.length === 6 ? rc.replace(/0{2,4}$/, '') : rc;
      code = await firstCountyWithSchools(db, prefix);
    }
  }
  const notFound = new ApiError(
    404,
    'notFound',
    code ? `没有找到县 ${code}，或您无权查看该县` : '您的账户没有对应的县：请指定县级行政区划代码（county）',
  );
  if (!code) throw notFound;
  const county = await countyByCode(db, code);
  if (!county || !can(actor, 'view', { kind, regionCode: county.code })) throw notFound;
  return county;
}
