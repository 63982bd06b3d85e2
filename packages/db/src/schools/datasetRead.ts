/**
 * @module Reading a county's dataset of one school year back from the tables, as exactly the
 * dataset the engine evaluates (see ./datasets.ts for what does not come back as written).
 */
import {
  type County,
  type CountyDataset,
  type CountyInputs,
  FACILITY_FIELDS,
  type Facilities,
  message,
  type Num,
  type School,
  STAGES,
  type Stage,
  type StageReport,
} from '@junheng/core';
import { sql } from 'kysely';
import type { Database, Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { DatasetError, isDatabase } from './datasetTypes.js';

const STAGE_ORDER: Record<Stage, number> = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<
  Stage,
  number
>;

function facilities(stored: Record<string, Num>): Facilities {
  const f = {} as Facilities;
  for (const field of FACILITY_FIELDS) f[field] = stored[field] ?? null;
  return f;
}

/** A stage report from school_report.data, in the model's field order; facilities only if stored. */
function stageReport(stage: Stage, d: Record<string, Num | undefined>): StageReport {
  const r: StageReport = {
    stage,
    students: d.students ?? null,
    classes: d.classes ?? null,
    maxClassSize: d.maxClassSize ?? null,
    fullTimeTeachers: d.fullTimeTeachers ?? null,
    aboveDegreeTeachers: d.aboveDegreeTeachers ?? null,
    midTitleTeachers: d.midTitleTeachers ?? null,
    backboneTeachers: d.backboneTeachers ?? null,
    peArtsTeachers: d.peArtsTeachers ?? null,
  };
  for (const field of FACILITY_FIELDS) {
    const v = d[field];
    if (v !== undefined) r[field] = v;
  }
  return r;
}

/**
 * Reads the dataset of a county and school year, as the engine takes it: the county (with its
 * province and city names when the region rows have them), the open schools of the county that
 * have a report or whole-school figures for the year (in the order they were saved, then by id),
 * their reports of that year, and the county items of that year (absent when there are none).
 * Read in one snapshot. Open schools without anything for the year are not in it: they have not
 * reported (the server lists them as outstanding).
 * @param db the database, or a transaction handle
 * @throws DatasetError (countyNotFound) when the database has no such county
 */
export async function loadDataset(
  db: Database | Queryable,
  countyCode: string,
  year: number,
): Promise<CountyDataset> {
  if (isDatabase(db)) {
    return db.transaction(async (tx) => {
      await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(sqlOf(tx));
      return readDataset(tx, countyCode, year);
    });
  }
  return readDataset(db, countyCode, year);
}

/** The county's name and its parents' (city, province) with their levels, the county first. */
function regionChain(tx: Queryable, countyCode: string) {
  return sqlOf(tx)
    .withRecursive('chain(code, name, level, parent_code, depth)', (db) =>
      db
        .selectFrom('region')
        .select((eb) => ['code', 'name', 'level', 'parent_code', eb.lit(0).as('depth')])
        .where('code', '=', countyCode)
        .where('level', '=', 'county')
        .unionAll((u) =>
          u
            .selectFrom('region as r')
            .innerJoin('chain as c', 'r.code', 'c.parent_code')
            .select((eb) => [
              'r.code',
              'r.name',
              'r.level',
              'r.parent_code',
              eb('c.depth', '+', eb.lit(1)).as('depth'),
            ])
            .where('c.depth', '<', 3),
        ),
    )
    .selectFrom('chain')
    .select(['name', 'level'])
    .orderBy('depth')
    .execute();
}

/**
 * The county's open schools with something for the year (whole-school figures or a report), with
 * those figures, in the order they were saved, then by id.
 */
function schoolsOfYear(tx: Queryable, countyCode: string, year: number) {
  return sqlOf(tx)
    .selectFrom('school as s')
    .leftJoin('school_year_info as i', (join) =>
      join.onRef('i.school_id', '=', 's.id').on('i.year', '=', year),
    )
    .select([
      's.id',
      's.name',
      's.type',
      's.locality',
      'i.shared_facilities',
      'i.senior_students',
      'i.meets_provincial_standard',
    ])
    .where('s.county_code', '=', countyCode)
    .where('s.status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('i.school_id', 'is not', null),
        eb.exists(
          eb
            .selectFrom('school_report as r')
            .select('r.id')
            .whereRef('r.school_id', '=', 's.id')
            .where('r.year', '=', year),
        ),
      ]),
    )
    .orderBy('i.roster_position', (ob) => ob.asc().nullsLast())
    .orderBy('s.id')
    .execute();
}

async function readDataset(tx: Queryable, countyCode: string, year: number): Promise<CountyDataset> {
  const chain = await regionChain(tx, countyCode);
  if (chain.length === 0) {
    throw new DatasetError('countyNotFound', message('schools.datasetCountyNotFound', { code: countyCode }));
  }
  const county: County = { code: countyCode, name: chain[0]!.name };
  const province = chain.find((r) => r.level === 'province');
  const city = chain.find((r) => r.level === 'city');
  if (province) county.province = province.name;
  if (city) county.city = city.name;

  const q = sqlOf(tx);
  const schoolRows = await schoolsOfYear(tx, countyCode, year);
  const reportRows = await q
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select(['r.school_id', 'r.stage', 'r.data'])
    .where('s.county_code', '=', countyCode)
    .where('s.status', '=', 'open')
    .where('r.year', '=', year)
    .execute();
  const stagesOf = new Map<string, StageReport[]>();
  for (const r of reportRows) {
    let list = stagesOf.get(r.school_id);
    if (!list) {
      list = [];
      stagesOf.set(r.school_id, list);
    }
    // The schema's CHECK admits exactly core's STAGES. data: a stage report's figures without its
    // stage, as datasetWrite's reportData and the report commands write it.
    list.push(stageReport(r.stage as Stage, r.data as Record<string, Num>));
  }

  const schools: School[] = schoolRows.map((row) => {
    const school: School = {
      id: row.id,
      name: row.name,
      // The schema's CHECKs admit exactly core's school types and localities.
      type: row.type as School['type'],
      regionCode: countyCode,
      locality: row.locality as School['locality'],
      stages: [],
    };
    if (row.senior_students !== null) school.seniorStudents = row.senior_students;
    // Written by datasetWrite's writeSchools from the dataset's sharedFacilities.
    if (row.shared_facilities !== null)
      school.sharedFacilities = facilities(row.shared_facilities as Record<string, Num>);
    if (row.meets_provincial_standard !== null)
      school.meetsProvincialStandard = row.meets_provincial_standard;
    // stages last, as in the model (key order only matters to people reading the JSON).
    const { stages: _empty, ...rest } = school;
    const stages = (stagesOf.get(row.id) ?? []).sort((a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage]);
    return { ...rest, stages };
  });

  const items = await q
    .selectFrom('county_input')
    .select(['item_id', 'value', 'note'])
    .where('county_code', '=', countyCode)
    .where('year', '=', year)
    .orderBy('item_id')
    .execute();
  const ds: CountyDataset = { county, year, schools };
  if (items.length > 0) {
    const inputs: CountyInputs = {};
    for (const r of items) {
      // Written by datasetWrite's writeCountyInputs and countyInputs.ts from a county item's value.
      const value = r.value as number | boolean | null;
      inputs[r.item_id] = r.note === null ? { value } : { value, note: r.note };
    }
    ds.countyInputs = inputs;
  }
  return ds;
}
