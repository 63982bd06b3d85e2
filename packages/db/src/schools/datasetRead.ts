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
  type Num,
  type School,
  STAGES,
  type Stage,
  type StageReport,
} from '@junheng/core';
import type { Database, Queryable } from '../platform/database.js';
import { DatasetError, isDatabase } from './datasetTypes.js';

interface SchoolRow {
  id: string;
  name: string;
  type: School['type'];
  locality: School['locality'];
  shared_facilities: Record<string, Num> | null;
  senior_students: number | null;
  meets_provincial_standard: boolean | null;
}

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
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return readDataset(tx, countyCode, year);
    });
  }
  return readDataset(db, countyCode, year);
}

async function readDataset(tx: Queryable, countyCode: string, year: number): Promise<CountyDataset> {
  const chain = await tx.query<{ name: string; level: string }>(
    `WITH RECURSIVE chain AS (
       SELECT code, name, level, parent_code, 0 AS depth FROM region WHERE code = $1 AND level = 'county'
       UNION ALL
       SELECT r.code, r.name, r.level, r.parent_code, c.depth + 1
         FROM region r JOIN chain c ON r.code = c.parent_code WHERE c.depth < 3
     )
     SELECT name, level FROM chain ORDER BY depth`,
    [countyCode],
  );
  if (chain.rows.length === 0) {
    throw new DatasetError('countyNotFound', `数据库中没有县级行政区划 ${countyCode}`);
  }
  const county: County = { code: countyCode, name: chain.rows[0]!.name };
  const province = chain.rows.find((r) => r.level === 'province');
  const city = chain.rows.find((r) => r.level === 'city');
  if (province) county.province = province.name;
  if (city) county.city = city.name;

  const schoolRows = await tx.query<SchoolRow>(
    `SELECT s.id, s.name, s.type, s.locality,
            i.shared_facilities, i.senior_students, i.meets_provincial_standard
       FROM school s LEFT JOIN school_year_info i ON i.school_id = s.id AND i.year = $2
      WHERE s.county_code = $1 AND s.status = 'open'
        AND (i.school_id IS NOT NULL OR EXISTS (SELECT 1 FROM school_report r WHERE r.school_id = s.id AND r.year = $2))
      ORDER BY i.roster_position NULLS LAST, s.id`,
    [countyCode, year],
  );
  const reportRows = await tx.query<{ school_id: string; stage: Stage; data: Record<string, Num> }>(
    `SELECT r.school_id, r.stage, r.data
       FROM school_report r JOIN school s ON s.id = r.school_id
      WHERE s.county_code = $1 AND s.status = 'open' AND r.year = $2`,
    [countyCode, year],
  );
  const stagesOf = new Map<string, StageReport[]>();
  for (const r of reportRows.rows) {
    let list = stagesOf.get(r.school_id);
    if (!list) {
      list = [];
      stagesOf.set(r.school_id, list);
    }
    list.push(stageReport(r.stage, r.data));
  }

  const schools: School[] = schoolRows.rows.map((row) => {
    const school: School = {
      id: row.id,
      name: row.name,
      type: row.type,
      regionCode: countyCode,
      locality: row.locality,
      stages: [],
    };
    if (row.senior_students !== null) school.seniorStudents = row.senior_students;
    if (row.shared_facilities !== null) school.sharedFacilities = facilities(row.shared_facilities);
    if (row.meets_provincial_standard !== null)
      school.meetsProvincialStandard = row.meets_provincial_standard;
    // stages last, as in the model (key order only matters to people reading the JSON).
    const { stages: _empty, ...rest } = school;
    const stages = (stagesOf.get(row.id) ?? []).sort((a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage]);
    return { ...rest, stages };
  });

  const items = await tx.query<{ item_id: string; value: number | boolean | null; note: string | null }>(
    'SELECT item_id, value, note FROM county_input WHERE county_code = $1 AND year = $2 ORDER BY item_id',
    [countyCode, year],
  );
  const ds: CountyDataset = { county, year, schools };
  if (items.rows.length > 0) {
    const inputs: CountyInputs = {};
    for (const r of items.rows)
      inputs[r.item_id] = r.note === null ? { value: r.value } : { value: r.value, note: r.note };
    ds.countyInputs = inputs;
  }
  return ds;
}
