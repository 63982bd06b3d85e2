/**
 * @module Writing class_placement rows: the school a placement is for, a new placement (names
 * sealed by the caller), a run's result, publication, the head-teacher draw recorded on it, the
 * grade's published placement, and the sealed names (read only for the school's own full list).
 * Every change raises `version` by one and records who and when; the schema refuses any change of
 * a published placement but its head-teacher draw (migration's trigger, JH011).
 */
import type { PlacementReport, RosterEntry, SchoolType, Stage } from '@junheng/core';
import { sql } from 'kysely';
import { jsonb, type Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { ensureSchoolYear } from '../../schools/schoolYears.js';

/** The school a placement is for: name, type, region and county; undefined when there is none. */
export async function placementSchool(
  db: Queryable,
  schoolId: string,
): Promise<
  { id: string; name: string; type: SchoolType; regionCode: string; countyCode: string } | undefined
> {
  const s = await sqlOf(db)
    .selectFrom('school')
    .select(['id', 'name', 'type', 'region_code', 'county_code'])
    .where('id', '=', schoolId)
    .executeTakeFirst();
  // The schema's CHECK admits exactly core's school types.
  return (
    s && {
      id: s.id,
      name: s.name,
      type: s.type as SchoolType,
      regionCode: s.region_code,
      countyCode: s.county_code,
    }
  );
}

/** A new placement (draft, version 1). */
export interface PlacementInsert {
  schoolId: string;
  countyCode: string;
  year: number;
  stage: Stage;
  gradeLabel: string;
  classNames: string[];
  /** The entrants' keys and names, sealed (PersonalCipher). */
  studentsSealed: string;
  /** The masked roster (core checkEntrants). */
  roster: RosterEntry[];
  seed: string;
  by: number;
}

/** Inserts a draft placement (and its school year, when new). */
export async function insertPlacement(tx: Queryable, p: PlacementInsert): Promise<number> {
  await ensureSchoolYear(tx, p.year);
  const { id } = await sqlOf(tx)
    .insertInto('class_placement')
    .values({
      school_id: p.schoolId,
      county_code: p.countyCode,
      year: p.year,
      stage: p.stage,
      grade_label: p.gradeLabel,
      class_count: p.classNames.length,
      class_names: jsonb(p.classNames),
      students_sealed: p.studentsSealed,
      student_count: p.roster.length,
      roster: jsonb(p.roster),
      seed: p.seed,
      created_by: p.by,
      updated_by: p.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records a run: the classes, seed, assignment and report (core balanceRoster). */
export async function recordRun(
  tx: Queryable,
  id: number,
  run: {
    classNames: string[];
    seed: string;
    assignment: Record<string, number>;
    report: PlacementReport;
    by: number;
  },
): Promise<void> {
  await sqlOf(tx)
    .updateTable('class_placement')
    .set((eb) => ({
      class_count: run.classNames.length,
      class_names: jsonb(run.classNames),
      seed: run.seed,
      assignment: jsonb(run.assignment),
      report: jsonb(run.report),
      version: eb('version', '+', 1),
      updated_by: run.by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

/** The grade's published placement other than `exceptId` (one per school, year and stage), if any. */
export async function publishedOfGrade(
  tx: Queryable,
  grade: { schoolId: string; year: number; stage: Stage; exceptId: number },
): Promise<{ id: number; gradeLabel: string } | undefined> {
  const other = await sqlOf(tx)
    .selectFrom('class_placement')
    .select(['id', 'grade_label'])
    .where('school_id', '=', grade.schoolId)
    .where('year', '=', grade.year)
    .where('stage', '=', grade.stage)
    .where('status', '=', 'published')
    .where('id', '<>', grade.exceptId)
    .executeTakeFirst();
  return other && { id: other.id, gradeLabel: other.grade_label };
}

/** Publishes a placement (公示). */
export async function recordPublished(tx: Queryable, id: number, by: number): Promise<void> {
  await sqlOf(tx)
    .updateTable('class_placement')
    .set((eb) => ({
      status: 'published',
      published_by: by,
      published_at: sql<Date>`now()`,
      version: eb('version', '+', 1),
      updated_by: by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

/** Records the head-teacher draw made for a placement's classes, and its teachers. */
export async function recordHeadTeacherDraw(
  tx: Queryable,
  id: number,
  link: { drawId: number; teachers: string[]; by: number },
): Promise<void> {
  await sqlOf(tx)
    .updateTable('class_placement')
    .set((eb) => ({
      head_teacher_draw_id: link.drawId,
      head_teachers: jsonb(link.teachers),
      version: eb('version', '+', 1),
      updated_by: link.by,
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

/** The sealed entrants' keys and names of a placement (PersonalCipher.open gives the JSON). */
export async function readSealedStudents(tx: Queryable, id: number): Promise<string> {
  const sealed = await sqlOf(tx)
    .selectFrom('class_placement')
    .select('students_sealed')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return sealed.students_sealed;
}
