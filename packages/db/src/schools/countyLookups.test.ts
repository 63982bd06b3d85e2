/**
 * The small reads the server uses to place a user or a request (countyLookups.ts), the report reads
 * of imports and conflicts (reportLookups.ts) and the accounts reads of start-up (userLookups.ts):
 * each against the fixture world, with the cases where nothing is found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByUsername, countUsers, demoAccounts } from '../accounts/userLookups.js';
import { pingDatabase, tableExists } from '../platform/health.js';
import { migrate } from '../platform/migrate.js';
import {
  CITY,
  COUNTY,
  FIXTURE_YEAR,
  NEIGHBOUR,
  NEIGHBOUR_SCHOOL,
  seedWorld,
  type World,
} from '../platform/testFixtures.js';
import { createTestDatabase, type TestDatabase, testEngines } from '../platform/testing.js';
import { lastSaveOf, previousYearWithData, reportStatusesOf } from '../reporting/reportLookups.js';
import {
  countiesWithSchools,
  countyByCode,
  countyCodeOfSchool,
  countyOfUser,
  firstCountyWithSchools,
  knownSchoolYears,
  placeOfUser,
  regionName,
  schoolPlace,
  schoolsByIds,
} from './countyLookups.js';

describe.each(testEngines())('lookups on %s', (engine) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    await migrate(t.db);
    w = await seedWorld(t.db);
  });
  afterAll(() => t?.dispose());

  it('places users and schools in their county', async () => {
    expect(await countyOfUser(t.db, COUNTY, null)).toMatchObject({ code: COUNTY });
    expect(await countyOfUser(t.db, null, NEIGHBOUR_SCHOOL)).toMatchObject({ code: NEIGHBOUR, name: '邻县' });
    // A township code belongs to its county.
    expect((await countyOfUser(t.db, `${COUNTY}100`, null))?.code).toBe(COUNTY);
    expect(await countyOfUser(t.db, CITY, null)).toBeNull();
    expect(await countyOfUser(t.db, null, null)).toBeNull();
    expect(await countyCodeOfSchool(t.db, w.schoolA.id)).toBe(COUNTY);
    expect(await countyCodeOfSchool(t.db, '2199999999')).toBeUndefined();
    expect(await schoolPlace(t.db, w.schoolB.id)).toEqual({
      type: 'junior',
      regionCode: w.schoolB.regionCode,
      countyCode: COUNTY,
    });
    expect(await schoolPlace(t.db, '2199999999')).toBeNull();
  });

  it('lists counties with schools under a prefix, in code order', async () => {
    expect((await countiesWithSchools(t.db, '')).map((c) => c.code)).toEqual([COUNTY, NEIGHBOUR].sort());
    expect((await countiesWithSchools(t.db, NEIGHBOUR)).map((c) => c.code)).toEqual([NEIGHBOUR]);
    expect(await countiesWithSchools(t.db, '99')).toEqual([]);
    expect(await firstCountyWithSchools(t.db)).toBe([COUNTY, NEIGHBOUR].sort()[0]);
    expect(await firstCountyWithSchools(t.db, NEIGHBOUR)).toBe(NEIGHBOUR);
    expect(await firstCountyWithSchools(t.db, '99')).toBeUndefined();
    expect(await countyByCode(t.db, COUNTY)).toMatchObject({ code: COUNTY });
    expect(await countyByCode(t.db, CITY)).toBeNull();
    expect(await regionName(t.db, NEIGHBOUR)).toBe('邻县');
    expect(await regionName(t.db, '999999')).toBeNull();
  });

  it('names schools, regions and the years known', async () => {
    const found = await schoolsByIds(t.db, [w.schoolA.id, '2199999999']);
    expect(found).toEqual([{ id: w.schoolA.id, name: w.schoolA.name, regionCode: w.schoolA.regionCode }]);
    expect(await placeOfUser(t.db, null, w.schoolA.id)).toEqual({
      regionName: null,
      schoolName: w.schoolA.name,
      schoolRegion: w.schoolA.regionCode,
    });
    expect((await placeOfUser(t.db, NEIGHBOUR, null)).regionName).toBe('邻县');
    expect(await knownSchoolYears(t.db)).toContain(FIXTURE_YEAR);
  });

  it('reads report statuses, the year to prefill from and the last save', async () => {
    const statuses = await reportStatusesOf(t.db, FIXTURE_YEAR, [w.schoolA.id, NEIGHBOUR_SCHOOL]);
    expect(statuses.get(`${w.schoolA.id}/primary`)).toBe('draft');
    expect(statuses.get(`${NEIGHBOUR_SCHOOL}/primary`)).toBe('draft');
    expect(statuses.has(`${w.schoolB.id}/junior`)).toBe(false);
    expect(await previousYearWithData(t.db, COUNTY, FIXTURE_YEAR + 1)).toBe(FIXTURE_YEAR);
    expect(await previousYearWithData(t.db, COUNTY, FIXTURE_YEAR)).toBeNull();
    const key = { schoolId: w.schoolA.id, year: FIXTURE_YEAR, stage: 'primary' as const };
    expect(await lastSaveOf(t.db, key)).toMatchObject({ version: 1 });
    expect(await lastSaveOf(t.db, { ...key, year: FIXTURE_YEAR + 1 })).toBeNull();
  });

  it('counts accounts and lists demo accounts only in a demo database', async () => {
    expect(await countUsers(t.db)).toBe(Object.keys(w.users).length);
    expect(await demoAccounts(t.db, ['bureau1'])).toEqual([]);
    await t.db.query(
      `INSERT INTO app_user (username, password_hash, display_name, role) VALUES ('yanshi', '$argon2id$placeholder', '演示', 'system_admin')`,
    );
    expect(await demoAccounts(t.db, ['bureau1', 'nobody'])).toEqual([
      { username: 'bureau1', displayName: '教育局甲' },
    ]);
    expect(await actorByUsername(t.db, 'clerkA')).toMatchObject({ role: 'school' });
    expect(await actorByUsername(t.db, 'nobody')).toBeNull();
  });

  it('answers the health check and knows which tables exist', async () => {
    await expect(pingDatabase(t.db)).resolves.toBeUndefined();
    expect(await tableExists(t.db, 'audit_event')).toBe(true);
    expect(await tableExists(t.db, 'no_such_table')).toBe(false);
  });
});
