/**
 * @module Saving a county's dataset for one school year in one transaction: the county and school
 * year, every school and its whole-school figures, every stage report as a new version, and the
 * county items; refused as a whole when a school or report cannot take it (see ./datasets.ts for
 * where the figures live).
 */
import type { County, CountyDataset, Stage, StageReport } from '@junheng/core';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { DatasetError, isDatabase, type SaveSummary } from './datasetTypes.js';

const MAX_PARAMS = 20_000;

/**
 * INSERT … VALUES (…), (…) … with one parameter per value, in chunks of at most MAX_PARAMS
 * parameters. `head` is `INSERT INTO t (cols)`, `tail` the ON CONFLICT / RETURNING clause.
 */
async function insertRows<T = Record<string, unknown>>(
  tx: Queryable,
  head: string,
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<T[]> {
  const out: T[] = [];
  if (rows.length === 0) return out;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / rows[0]!.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows.slice(start, start + perStatement)) {
      const slots: string[] = [];
      for (const value of row) {
        params.push(value);
        slots.push(`$${params.length}`);
      }
      tuples.push(`(${slots.join(', ')})`);
    }
    const r = await tx.query<T>(`${head} VALUES ${tuples.join(', ')} ${tail}`, params);
    out.push(...r.rows);
  }
  return out;
}

/**
 * Saves a county's dataset for one school year, all or nothing: the county (and its province and
 * city, by name, when new), the school year, every school, its whole-school figures of the year,
 * every stage report as a new version (status draft; the version triggers keep the previous one
 * in school_report_version) and, when the dataset has countyInputs, the county items (replacing
 * the county's items of that year). Any error rolls everything back.
 * Pass a validated dataset (core validateDataset): the database checks its own rules, not core's.
 * @param db the database (a transaction is opened), or a `tx` of your own transaction, to add other
 *   writes (the audit event) to the same commit
 * @param ds the dataset
 * @param actor username of the user saving (updated_by), or 'system'
 * @returns counts of what was written
 * @throws DatasetError when a school is outside the county, belongs to another county or is not
 *   open, a report is locked, or the actor is unknown; a database error on a violated constraint
 */
export interface SaveDatasetOptions {
  /**
   * Part of the county (one school's own import): its reports must be 填报中 or 已退回, as for the
   * form (checked on the locked rows, so a submission racing the import is never undone), and the
   * schools keep their place in the county's roster.
   */
  schoolImport?: boolean;
}

export async function saveDataset(
  db: Database | Queryable,
  ds: CountyDataset,
  actor: string,
  opts: SaveDatasetOptions = {},
): Promise<SaveSummary> {
  const outside = ds.schools.filter((s) => s.regionCode !== ds.county.code);
  if (outside.length > 0) {
    throw new DatasetError(
      'schoolOutsideCounty',
      `${outside.length} 所学校的行政区划代码不是本县（${ds.county.code}）：${outside
        .slice(0, 5)
        .map((s) => `${s.name}（${s.regionCode}）`)
        .join('、')}。一个县的数据只能包含本县学校，请改正行政区划代码或分县导入`,
      outside.map((s) => s.id),
    );
  }
  return isDatabase(db)
    ? db.transaction((tx) => writeDataset(tx, ds, actor, opts))
    : writeDataset(db, ds, actor, opts);
}

async function actorId(tx: Queryable, actor: string): Promise<number | null> {
  if (actor === 'system') return null;
  const { rows } = await tx.query<{ id: number }>(
    'SELECT id FROM app_user WHERE lower(username) = lower($1)',
    [actor],
  );
  if (!rows[0]) throw new DatasetError('unknownActor', `用户 ${actor} 不存在，无法记录是谁保存了数据`);
  return rows[0].id;
}

/** The county row, and its province and city (codes derived from the county's) when named. */
async function saveCounty(tx: Queryable, county: County): Promise<void> {
  const code = county.code;
  const provinceCode = `${code.slice(0, 2)}0000`;
  const cityCode = `${code.slice(0, 4)}00`;
  const hasCity = county.city !== undefined && county.city.trim() !== '' && cityCode !== provinceCode;
  const hasProvince = county.province !== undefined && county.province.trim() !== '';
  // Existing province/city rows keep their names: one county's file does not rename a province.
  if (hasProvince) {
    await tx.query(
      "INSERT INTO region (code, name, level) VALUES ($1, $2, 'province') ON CONFLICT (code) DO NOTHING",
      [provinceCode, county.province],
    );
  }
  if (hasCity) {
    await tx.query(
      "INSERT INTO region (code, name, level, parent_code) VALUES ($1, $2, 'city', $3) ON CONFLICT (code) DO NOTHING",
      [cityCode, county.city, hasProvince ? provinceCode : null],
    );
  }
  const parent = hasCity ? cityCode : hasProvince ? provinceCode : null;
  await tx.query(
    `INSERT INTO region (code, name, level, parent_code) VALUES ($1, $2, 'county', $3)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = coalesce(region.parent_code, EXCLUDED.parent_code)
     WHERE (region.name, region.parent_code) IS DISTINCT FROM (EXCLUDED.name, coalesce(region.parent_code, EXCLUDED.parent_code))`,
    [code, county.name, parent],
  );
}

/** Checks the schools already in the database; returns the ids that are new. */
async function checkExistingSchools(tx: Queryable, ds: CountyDataset): Promise<Set<string>> {
  const ids = ds.schools.map((s) => s.id);
  const { rows } = await tx.query<{ id: string; county_code: string; status: string }>(
    'SELECT id, county_code, status FROM school WHERE id = ANY($1::text[])',
    [ids],
  );
  const elsewhere = rows.filter((r) => r.county_code !== ds.county.code);
  if (elsewhere.length > 0) {
    throw new DatasetError(
      'schoolInOtherCounty',
      `${elsewhere.length} 所学校已登记在其他县：${elsewhere
        .slice(0, 5)
        .map((r) => `${r.id}（${r.county_code}）`)
        .join('、')}。请核对学校标识码，或由管理员先调整学校所属区划`,
      elsewhere.map((r) => r.id),
    );
  }
  const notOpen = rows.filter((r) => r.status !== 'open');
  if (notOpen.length > 0) {
    throw new DatasetError(
      'schoolNotOpen',
      `${notOpen.length} 所学校已撤并或停办，不能导入其报表：${notOpen
        .slice(0, 5)
        .map((r) => r.id)
        .join('、')}。如学校恢复办学，请先在学校管理中恢复`,
      notOpen.map((r) => r.id),
    );
  }
  const known = new Set(rows.map((r) => r.id));
  return new Set(ids.filter((id) => !known.has(id)));
}

/** A stage report as stored: every field but `stage` (undefined fields dropped, as in JSON). */
function reportData(r: StageReport): string {
  const { stage: _stage, ...data } = r;
  return jsonb(data);
}

async function writeDataset(
  tx: Queryable,
  ds: CountyDataset,
  actor: string,
  opts: SaveDatasetOptions,
): Promise<SaveSummary> {
  const year = ds.year;
  const by = await actorId(tx, actor);

  await saveCounty(tx, ds.county);
  await tx.query('INSERT INTO school_year (start_year) VALUES ($1) ON CONFLICT (start_year) DO NOTHING', [
    year,
  ]);

  const created = await checkExistingSchools(tx, ds);
  await writeSchools(tx, ds, by, opts);
  await checkReportsWritable(tx, ds, opts);

  // A new version for an existing report: version + 1 (the trigger demands exactly that), back to
  // draft, comments on the old data cleared; the trigger copies the row to school_report_version.
  const written = await insertRows<{ version: number }>(
    tx,
    'INSERT INTO school_report (school_id, year, stage, data, updated_by)',
    ds.schools.flatMap((s) => s.stages.map((r) => [s.id, year, r.stage, reportData(r), by])),
    `ON CONFLICT (school_id, year, stage) DO UPDATE SET version = school_report.version + 1, status = 'draft',
       data = EXCLUDED.data, review_comments = NULL, updated_by = EXCLUDED.updated_by, updated_at = now()
     WHERE school_report.status <> 'locked'
     RETURNING version`,
  );
  const reportsCreated = written.filter((r) => r.version === 1).length;
  const { countyItems, countyItemsRemoved } = await writeCountyInputs(tx, ds, by);

  return {
    schools: ds.schools.length,
    schoolsCreated: created.size,
    reportsCreated,
    reportsUpdated: written.length - reportsCreated,
    countyItems,
    countyItemsRemoved,
    otherReports: await otherReports(tx, ds),
  };
}

/** Each school's identity, and its whole-school figures of the year and place in the roster. */
async function writeSchools(
  tx: Queryable,
  ds: CountyDataset,
  by: number | null,
  opts: SaveDatasetOptions,
): Promise<void> {
  const code = ds.county.code;
  const year = ds.year;
  // A school already placed in a township of the county stays there (its county_code is checked above).
  await insertRows(
    tx,
    'INSERT INTO school (id, name, type, locality, region_code, first_year)',
    ds.schools.map((s) => [s.id, s.name, s.type, s.locality, code, ds.year]),
    // A school first registered by this import is expected from this year on; an import of an
    // earlier year moves its 启用学年 back (an open first_year, NULL, stays open).
    `ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, locality = EXCLUDED.locality,
       first_year = CASE WHEN school.first_year IS NULL THEN NULL ELSE least(school.first_year, EXCLUDED.first_year) END,
       updated_at = now()
     WHERE (school.name, school.type, school.locality) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, EXCLUDED.locality)
        OR school.first_year > EXCLUDED.first_year`,
  );

  await insertRows(
    tx,
    `INSERT INTO school_year_info
       (school_id, year, shared_facilities, senior_students, meets_provincial_standard, roster_position, updated_by)`,
    ds.schools.map((s, i) => [
      s.id,
      year,
      s.sharedFacilities ? jsonb(s.sharedFacilities) : null,
      s.seniorStudents ?? null,
      s.meetsProvincialStandard ?? null,
      i,
      by,
    ]),
    `ON CONFLICT (school_id, year) DO UPDATE SET shared_facilities = EXCLUDED.shared_facilities,
       senior_students = EXCLUDED.senior_students, meets_provincial_standard = EXCLUDED.meets_provincial_standard,
       roster_position = ${opts.schoolImport ? 'school_year_info.roster_position' : 'EXCLUDED.roster_position'},
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
  );
}

/**
 * Locks the year's reports of the dataset's schools and refuses the save when one is locked (or,
 * for a school's own import, no longer 填报中 or 已退回).
 */
async function checkReportsWritable(
  tx: Queryable,
  ds: CountyDataset,
  opts: SaveDatasetOptions,
): Promise<void> {
  const year = ds.year;
  const ids = ds.schools.map((s) => s.id);
  // Locked first (FOR UPDATE), then checked: a publication or a submission committing meanwhile is
  // seen here, never overwritten by the upsert below.
  const current = await tx.query<{ school_id: string; stage: string; status: string }>(
    `SELECT school_id, stage, status FROM school_report
      WHERE year = $1 AND school_id = ANY($2::text[]) ORDER BY id FOR UPDATE`,
    [year, ids],
  );
  const locked = [
    ...new Set(current.rows.filter((r) => r.status === 'locked').map((r) => r.school_id)),
  ].sort();
  if (locked.length > 0) {
    throw new DatasetError(
      'reportLocked',
      `${locked.length} 所学校 ${year} 学年的报表已在评估结果公布后锁定，不能再导入：${locked.slice(0, 5).join('、')}`,
      locked,
    );
  }
  if (opts.schoolImport) {
    const closed = current.rows.filter((r) => r.status !== 'draft' && r.status !== 'returned');
    if (closed.length > 0) {
      throw new DatasetError(
        'reportNotEditable',
        `本校报表已${closed[0].status === 'submitted' ? '提交审核' : '审核通过'}，不能再导入：如需修改，请联系教育局退回或重新打开`,
        [...new Set(closed.map((r) => r.school_id))],
      );
    }
  }
}

/** The county items of the year, replacing those the dataset no longer has (when it has any). */
async function writeCountyInputs(
  tx: Queryable,
  ds: CountyDataset,
  by: number | null,
): Promise<{ countyItems: number; countyItemsRemoved: number }> {
  const code = ds.county.code;
  const year = ds.year;
  let countyItems = 0;
  let countyItemsRemoved = 0;
  if (ds.countyInputs !== undefined) {
    const entries = Object.entries(ds.countyInputs);
    const removed = await tx.query(
      'DELETE FROM county_input WHERE county_code = $1 AND year = $2 AND NOT (item_id = ANY($3::text[]))',
      [code, year, entries.map(([id]) => id)],
    );
    countyItemsRemoved = removed.rowCount;
    await insertRows(
      tx,
      'INSERT INTO county_input (county_code, year, item_id, value, note, updated_by)',
      entries.map(([id, item]) => [code, year, id, jsonb(item.value), item.note ?? null, by]),
      `ON CONFLICT (county_code, year, item_id) DO UPDATE SET value = EXCLUDED.value, note = EXCLUDED.note,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
    );
    countyItems = entries.length;
  }
  return { countyItems, countyItemsRemoved };
}

/** Reports of the county and year that the dataset does not contain (see SaveSummary). */
async function otherReports(tx: Queryable, ds: CountyDataset): Promise<SaveSummary['otherReports']> {
  const inDataset = new Set(ds.schools.flatMap((s) => s.stages.map((r) => `${s.id}/${r.stage}`)));
  const all = await tx.query<{ school_id: string; stage: Stage }>(
    `SELECT r.school_id, r.stage FROM school_report r JOIN school s ON s.id = r.school_id
      WHERE s.county_code = $1 AND r.year = $2 ORDER BY r.school_id, r.stage DESC`,
    [ds.county.code, ds.year],
  );
  return all.rows
    .filter((r) => !inDataset.has(`${r.school_id}/${r.stage}`))
    .map((r) => ({ schoolId: r.school_id, stage: r.stage }));
}
