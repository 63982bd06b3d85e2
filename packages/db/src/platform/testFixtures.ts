/**
 * @module Fixtures for the query modules' tests (not exported from index.ts): the demo county with
 * its reports of one year, a neighbouring county with one school, and a user of every role.
 * Users are inserted directly with a placeholder hash (no argon2 cost); they cannot log in.
 */
import {
  type Actor,
  type CountyDataset,
  generateDemoCounty,
  type School,
  type SchoolType,
} from '@junheng/core';
import { saveDataset } from '../schools/datasets.js';
import type { Database, Queryable } from './database.js';

/** The demo county (清源县) and the city above it. */
export const COUNTY = '130660';
export const CITY = '130600';
/** Another county of the same city, with one school of its own. */
export const NEIGHBOUR = '130661';
export const NEIGHBOUR_SCHOOL = '2113999999';
/** The year the fixture's reports are of. */
export const FIXTURE_YEAR = 2025;

export type FixtureUser =
  | 'admin'
  | 'bureau'
  | 'inspector'
  | 'city'
  | 'neighbour'
  | 'clerkA'
  | 'principalA'
  | 'clerkB'
  | 'viewer';

export interface World {
  /** The demo county's dataset as saved (12 schools of every common type). */
  ds: CountyDataset;
  /** School A (clerkA's, a 小学) and school B (clerkB's, a 初级中学). */
  schoolA: School;
  schoolB: School;
  /** The first school of a type in the dataset. */
  schoolOfType(type: SchoolType): School;
  users: Record<FixtureUser, Actor>;
}

/**
 * Inserts a user directly and returns it as an Actor.
 * @param scope the region (bureau, inspector, viewer) or school (school, principal)
 */
export async function addUser(
  db: Queryable,
  username: string,
  role: Actor['role'],
  scope: { regionCode?: string; schoolId?: string } = {},
  displayName = `${username}姓名`,
): Promise<Actor> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, password_hash, display_name, role, region_code, school_id)
     VALUES ($1, '$argon2id$placeholder', $2, $3, $4, $5) RETURNING id`,
    [username, displayName, role, scope.regionCode ?? null, scope.schoolId ?? null],
  );
  return {
    id: String(rows[0]!.id),
    role,
    regionCode: scope.regionCode ?? null,
    schoolId: scope.schoolId ?? null,
  };
}

/**
 * Seeds a migrated, empty database: the demo county with 12 schools and their reports of
 * FIXTURE_YEAR (drafts, version 1) and its county items, the neighbouring county with one 小学 and
 * its draft 小学 report, and one user of each kind.
 */
export async function seedWorld(db: Database): Promise<World> {
  const ds = generateDemoCounty({ schools: 12, year: FIXTURE_YEAR });
  await saveDataset(db, ds, 'system');
  await db.query(`INSERT INTO region (code, name, level, parent_code) VALUES ($1, '邻县', 'county', $2)`, [
    NEIGHBOUR,
    CITY,
  ]);
  await db.query(
    `INSERT INTO school (id, name, type, locality, region_code) VALUES ($1, '邻县实验小学', 'primary', 'urban', $2)`,
    [NEIGHBOUR_SCHOOL, NEIGHBOUR],
  );
  await db.query(
    `INSERT INTO school_report (school_id, year, stage, data) VALUES ($1, $2, 'primary', '{"students": 500}')`,
    [NEIGHBOUR_SCHOOL, FIXTURE_YEAR],
  );
  const schoolOfType = (type: SchoolType): School => {
    const s = ds.schools.find((x) => x.type === type);
    if (!s) throw new Error(`演示县没有${type}类型的学校`);
    return s;
  };
  const schoolA = schoolOfType('primary');
  const schoolB = schoolOfType('junior');
  const users = {
    admin: await addUser(db, 'admin1', 'system_admin', {}, '管理员甲'),
    bureau: await addUser(db, 'bureau1', 'bureau', { regionCode: COUNTY }, '教育局甲'),
    inspector: await addUser(db, 'inspector1', 'inspector', { regionCode: COUNTY }, '督学甲'),
    city: await addUser(db, 'city1', 'bureau', { regionCode: CITY }, '市教育局甲'),
    neighbour: await addUser(db, 'bureau2', 'bureau', { regionCode: NEIGHBOUR }, '邻县教育局'),
    clerkA: await addUser(db, 'clerkA', 'school', { schoolId: schoolA.id }, '填报员甲'),
    principalA: await addUser(db, 'principalA', 'principal', { schoolId: schoolA.id }, '校长甲'),
    clerkB: await addUser(db, 'clerkB', 'school', { schoolId: schoolB.id }, '填报员乙'),
    viewer: await addUser(db, 'viewer1', 'viewer', { regionCode: COUNTY }, '公众甲'),
  };
  return { ds, schoolA, schoolB, schoolOfType, users };
}

/**
 * The error a promise rejects with; fails (throws) when it resolves instead.
 * @param p the promise expected to reject
 */
export async function rejection(p: Promise<unknown>): Promise<Error & { code?: string; rule?: string }> {
  let value: unknown;
  try {
    value = await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error(`expected a rejection, but it resolved with ${JSON.stringify(value)?.slice(0, 200)}`);
}

/** Number of audit events (to check that a refused request wrote none). */
export async function auditCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM audit_event');
  return rows[0]!.n;
}
