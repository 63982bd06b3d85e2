/**
 * @module Saving a county's dataset for one school year in one transaction: the county and school
 * year, every school and its whole-school figures, every stage report as a new version, and the
 * county items; refused as a whole when a school or report cannot take it (see ./datasets.ts for
 * where the figures live).
 */
import { type County, type CountyDataset, message, type Stage, type StageReport } from '@junheng/core';
import { type Expression, sql } from 'kysely';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { DatasetError, isDatabase, type SaveSummary } from './datasetTypes.js';
import { ensureSchoolYear } from './schoolYears.js';

const MAX_PARAMS = 20_000;

/** Rows for INSERT … VALUES, in batches of at most MAX_PARAMS parameters (one per value). */
function batches<T extends object>(rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    out.push(rows.slice(start, start + perStatement));
  }
  return out;
}

/** The first five of a list of schools, joined as the refusals name them. */
function firstFive(names: readonly string[]): string {
  return names.slice(0, 5).join('、');
}

/** The ids as one text[] parameter (however many there are), for `= ANY(…)`. */
function textArray(ids: readonly string[]): Expression<string[]> {
  return sql<string[]>`${ids}::text[]`;
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
      message('schools.datasetOutsideCounty', {
        count: outside.length,
        county: ds.county.code,
        schools: firstFive(outside.map((s) => `${s.name}（${s.regionCode}）`)),
      }),
      outside.map((s) => s.id),
    );
  }
  return isDatabase(db)
    ? db.transaction((tx) => writeDataset(tx, ds, actor, opts))
    : writeDataset(db, ds, actor, opts);
}

async function actorId(tx: Queryable, actor: string): Promise<number | null> {
  if (actor === 'system') return null;
  const row = await sqlOf(tx)
    .selectFrom('app_user')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', eb.fn('lower', [eb.val(actor)])))
    .executeTakeFirst();
  if (!row) {
    throw new DatasetError('unknownActor', message('schools.datasetUnknownActor', { username: actor }));
  }
  return row.id;
}

/** The county row, and its province and city (codes derived from the county's) when named. */
async function saveCounty(tx: Queryable, county: County): Promise<void> {
  const code = county.code;
  const provinceCode = `${code.slice(0, 2)}0000`;
  const cityCode = `${code.slice(0, 4)}00`;
  const hasCity = county.city !== undefined && county.city.trim() !== '' && cityCode !== provinceCode;
  const hasProvince = county.province !== undefined && county.province.trim() !== '';
  const q = sqlOf(tx);
  // Existing province/city rows keep their names: one county's file does not rename a province.
  if (hasProvince) {
    await q
      .insertInto('region')
      .values({ code: provinceCode, name: county.province!, level: 'province' })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  if (hasCity) {
    await q
      .insertInto('region')
      .values({
        code: cityCode,
        name: county.city!,
        level: 'city',
        parent_code: hasProvince ? provinceCode : null,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  const parent = hasCity ? cityCode : hasProvince ? provinceCode : null;
  await q
    .insertInto('region')
    .values({ code, name: county.name, level: 'county', parent_code: parent })
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          parent_code: eb.fn.coalesce('region.parent_code', 'excluded.parent_code'),
        }))
        .where((eb) =>
          eb(
            eb.refTuple('region.name', 'region.parent_code'),
            'is distinct from',
            eb.tuple(eb.ref('excluded.name'), eb.fn.coalesce('region.parent_code', 'excluded.parent_code')),
          ),
        ),
    )
    .execute();
}

/** Checks the schools already in the database; returns the ids that are new. */
async function checkExistingSchools(tx: Queryable, ds: CountyDataset): Promise<Set<string>> {
  const ids = ds.schools.map((s) => s.id);
  const rows = await sqlOf(tx)
    .selectFrom('school')
    .select(['id', 'county_code', 'status'])
    .where('id', '=', (eb) => eb.fn.any(textArray(ids)))
    .execute();
  const elsewhere = rows.filter((r) => r.county_code !== ds.county.code);
  if (elsewhere.length > 0) {
    throw new DatasetError(
      'schoolInOtherCounty',
      message('schools.datasetInOtherCounty', {
        count: elsewhere.length,
        schools: firstFive(elsewhere.map((r) => `${r.id}（${r.county_code}）`)),
      }),
      elsewhere.map((r) => r.id),
    );
  }
  const notOpen = rows.filter((r) => r.status !== 'open');
  if (notOpen.length > 0) {
    throw new DatasetError(
      'schoolNotOpen',
      message('schools.datasetSchoolNotOpen', {
        count: notOpen.length,
        schools: firstFive(notOpen.map((r) => r.id)),
      }),
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
  await ensureSchoolYear(tx, year);

  const created = await checkExistingSchools(tx, ds);
  await writeSchools(tx, ds, by, opts);
  await checkReportsWritable(tx, ds, opts);

  const written = await writeReports(tx, ds, by);
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

/**
 * Every stage report of the dataset as a new version: version + 1 for an existing report (the
 * trigger demands exactly that), back to draft, comments on the old data cleared; the trigger
 * copies the row to school_report_version. A locked report is left alone (checked before).
 * @returns the version of each report written
 */
async function writeReports(
  tx: Queryable,
  ds: CountyDataset,
  by: number | null,
): Promise<{ version: number }[]> {
  const rows = ds.schools.flatMap((s) =>
    s.stages.map((r) => ({
      school_id: s.id,
      year: ds.year,
      stage: r.stage,
      data: reportData(r),
      updated_by: by,
    })),
  );
  const written: { version: number }[] = [];
  for (const batch of batches(rows)) {
    const part = await sqlOf(tx)
      .insertInto('school_report')
      .values(batch)
      .onConflict((oc) =>
        oc
          .columns(['school_id', 'year', 'stage'])
          .doUpdateSet((eb) => ({
            version: eb('school_report.version', '+', eb.lit(1)),
            status: 'draft',
            data: eb.ref('excluded.data'),
            review_comments: null,
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: sql<Date>`now()`,
          }))
          .where('school_report.status', '<>', 'locked'),
      )
      .returning('version')
      .execute();
    written.push(...part);
  }
  return written;
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
  const q = sqlOf(tx);
  // A school already placed in a township of the county stays there (its county_code is checked above).
  const schools = ds.schools.map((s) => ({
    id: s.id,
    name: s.name,
    type: s.type,
    locality: s.locality,
    region_code: code,
    first_year: year,
  }));
  for (const batch of batches(schools)) {
    await q
      .insertInto('school')
      .values(batch)
      // A school first registered by this import is expected from this year on; an import of an
      // earlier year moves its 启用学年 back (an open first_year, NULL, stays open).
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            type: eb.ref('excluded.type'),
            locality: eb.ref('excluded.locality'),
            first_year: eb
              .case()
              .when('school.first_year', 'is', null)
              .then(eb.lit(null))
              .else(eb.fn<number>('least', ['school.first_year', 'excluded.first_year']))
              .end(),
            updated_at: sql<Date>`now()`,
          }))
          .where((eb) =>
            eb.or([
              eb(
                eb.refTuple('school.name', 'school.type', 'school.locality'),
                'is distinct from',
                eb.refTuple('excluded.name', 'excluded.type', 'excluded.locality'),
              ),
              eb('school.first_year', '>', eb.ref('excluded.first_year')),
            ]),
          ),
      )
      .execute();
  }

  const infos = ds.schools.map((s, i) => ({
    school_id: s.id,
    year,
    shared_facilities: s.sharedFacilities ? jsonb(s.sharedFacilities) : null,
    senior_students: s.seniorStudents ?? null,
    meets_provincial_standard: s.meetsProvincialStandard ?? null,
    roster_position: i,
    updated_by: by,
  }));
  for (const batch of batches(infos)) {
    await q
      .insertInto('school_year_info')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['school_id', 'year']).doUpdateSet((eb) => ({
          shared_facilities: eb.ref('excluded.shared_facilities'),
          senior_students: eb.ref('excluded.senior_students'),
          meets_provincial_standard: eb.ref('excluded.meets_provincial_standard'),
          roster_position: opts.schoolImport
            ? eb.ref('school_year_info.roster_position')
            : eb.ref('excluded.roster_position'),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }
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
  const current = await sqlOf(tx)
    .selectFrom('school_report')
    .select(['school_id', 'stage', 'status'])
    .where('year', '=', year)
    .where('school_id', '=', (eb) => eb.fn.any(textArray(ids)))
    .orderBy('id')
    .forUpdate()
    .execute();
  const locked = [...new Set(current.filter((r) => r.status === 'locked').map((r) => r.school_id))].sort();
  if (locked.length > 0) {
    throw new DatasetError(
      'reportLocked',
      message('schools.datasetReportLocked', { count: locked.length, year, schools: firstFive(locked) }),
      locked,
    );
  }
  if (opts.schoolImport) {
    const closed = current.filter((r) => r.status !== 'draft' && r.status !== 'returned');
    if (closed.length > 0) {
      throw new DatasetError(
        'reportNotEditable',
        message(
          closed[0]!.status === 'submitted'
            ? 'schools.datasetReportSubmitted'
            : 'schools.datasetReportApproved',
        ),
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
    const q = sqlOf(tx);
    const removed = await q
      .deleteFrom('county_input')
      .where('county_code', '=', code)
      .where('year', '=', year)
      .where((eb) => eb.not(eb('item_id', '=', eb.fn.any(textArray(entries.map(([id]) => id))))))
      .executeTakeFirst();
    countyItemsRemoved = Number(removed.numDeletedRows);
    const items = entries.map(([id, item]) => ({
      county_code: code,
      year,
      item_id: id,
      value: jsonb(item.value),
      note: item.note ?? null,
      updated_by: by,
    }));
    for (const batch of batches(items)) {
      await q
        .insertInto('county_input')
        .values(batch)
        .onConflict((oc) =>
          oc.columns(['county_code', 'year', 'item_id']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            note: eb.ref('excluded.note'),
            updated_by: eb.ref('excluded.updated_by'),
            updated_at: sql<Date>`now()`,
          })),
        )
        .execute();
    }
    countyItems = entries.length;
  }
  return { countyItems, countyItemsRemoved };
}

/** Reports of the county and year that the dataset does not contain (see SaveSummary). */
async function otherReports(tx: Queryable, ds: CountyDataset): Promise<SaveSummary['otherReports']> {
  const inDataset = new Set(ds.schools.flatMap((s) => s.stages.map((r) => `${s.id}/${r.stage}`)));
  const all = await sqlOf(tx)
    .selectFrom('school_report as r')
    .innerJoin('school as s', 's.id', 'r.school_id')
    .select(['r.school_id', 'r.stage'])
    .where('s.county_code', '=', ds.county.code)
    .where('r.year', '=', ds.year)
    .orderBy('r.school_id')
    .orderBy('r.stage', 'desc')
    .execute();
  return (
    all
      .filter((r) => !inDataset.has(`${r.school_id}/${r.stage}`))
      // The schema's CHECK admits exactly core's STAGES.
      .map((r) => ({ schoolId: r.school_id, stage: r.stage as Stage }))
  );
}
