/**
 * @module Which county a request is about: the one asked for (checked against the user's view
 * scope), else the user's own (their county, township's county or school's county), else — for a
 * city or province user — the first county under their region that has schools.
 */
import { type Actor, can, Refusal, type ResourceKind } from '@junheng/core';
import {
  type CountyRef,
  countyByCode,
  countyCodeOfSchool,
  firstCountyWithSchools,
  type Queryable,
} from '@junheng/db';

export type { CountyRef };

/** The code of the county a user works in, or of the first one with schools under their region. */
async function ownCountyCode(db: Queryable, actor: Actor): Promise<string | undefined> {
  let code: string | undefined;
  if (actor.schoolId) code = await countyCodeOfSchool(db, actor.schoolId);
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
  return code;
}

/**
 * @param db the database
 * @param actor the signed-in user
 * @param kind what is being looked at in the county (its view rule decides)
 * @param requested the county code the request names, if any
 * @throws Refusal notFound when the county does not exist or is outside the user's view
 */
export async function resolveCounty(
  db: Queryable,
  actor: Actor,
  kind: ResourceKind,
  requested?: string,
): Promise<CountyRef> {
  const code = requested || (await ownCountyCode(db, actor));
  if (!code) throw new Refusal('notFound', 'schools.countyOfAccountMissing');
  const county = await countyByCode(db, code);
  if (!county || !can(actor, 'view', { kind, regionCode: county.code })) {
    throw new Refusal('notFound', 'schools.countyNotFound', { code });
  }
  return county;
}
