/**
 * @module 均衡分班: a school's entrants of one grade, placed into N classes by core's
 * balanceClasses and compared with the snake draft on the same students; stored, re-run, read,
 * listed and published (公示 with masked names only).
 *
 * Decisions:
 * - Names are minors' personal data. The roster with names is ONE sealed value (PersonalCipher);
 *   the plain `roster` column holds an entrant key (E0001…), the masked name (core maskName) and
 *   what the balancing needs (gender, entry score, 随班就读, 留守, the 同班组 / 分开组 codes). Running,
 *   reading, listing and publishing never decrypt. Only {@link placementNames} opens the seal, for
 *   the school's own full list, and it writes an audit event.
 * - Access: kind admissionPlan with the school's id and region. The school's users do their own
 *   分班 (rules.ts school.classes: view, edit, export); the county bureau may do any school's of its
 *   county (bureau.admission); inspectors and the city read. Invisible → 404 (notFound), visible but
 *   not editable → 403. Publishing is part of 分班 and needs `edit` (the rules give a school no
 *   `publish` on admissionPlan; a published list is masked, so nothing personal is disclosed).
 * - What a viewer gets ({@link PlacementDetail}): the school's own users and the county bureau, who
 *   may see the children's records (kind applicant), get everything (masked roster with 随班就读 /
 *   留守 flags, the full report). Other officials who read admission plans (inspectors, the city,
 *   the admin) get the aggregate report (per-class counts, constraint checks without members) but
 *   no child's flags. Whoever may view the placement only because it is published gets the class
 *   lists (class, number, masked name, gender) and nothing about special needs, 留守 or 同班/分开
 *   groups (a disability or family situation is not for a notice board).
 * - Every change raises `version` by one; a write naming an older version is refused (409
 *   conflict), and every change is one transaction with its audit event (no names in it).
 * - A published placement is final: it is not re-run (wrongState), and only one placement per
 *   school, year and stage is published (the schema enforces both). The head-teacher draw
 *   (classPlacementDraws.ts) is made only for a published placement, once: the children's classes
 *   are fixed before anyone learns which teacher takes which class, so a school cannot re-place
 *   children (another seed, renamed classes, another placement) after the draw.
 */
import { randomBytes } from 'node:crypto';
import {
  type Actor,
  balanceRoster,
  type ClassList,
  can,
  checkClasses,
  checkEntrants,
  classLists,
  type EntrantInput,
  type PlacementReport,
  type Resource,
  type RosterEntry,
  RosterInputError,
  type Stage,
  visibleRegionPrefix,
} from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { AccessError, requireAllowed } from '../../platform/access.js';
import { type Database, jsonb, type Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { actingUser, checkYear, inTransaction, scopeCondition } from '../../platform/queryKit.js';
import { schoolStages } from '../../schools/schools.js';

export interface NewClassPlacement {
  schoolId: string;
  year: number;
  /** 学段; default the school's only one (a school with both stages must say). */
  stage?: Stage;
  /** 年级名称; default 一年级 (小学) or 七年级 (初中). */
  gradeLabel?: string;
  classCount: number;
  /** One per class; default “七年级（1）班” … */
  classNames?: string[];
  /** Seed of the local search; default a random one. */
  seed?: string;
  entrants: EntrantInput[];
}

export type PlacementStatus = 'draft' | 'published';

export interface ClassPlacementSummary {
  id: number;
  schoolId: string;
  schoolName: string;
  countyCode: string;
  year: number;
  stage: Stage;
  gradeLabel: string;
  classCount: number;
  studentCount: number;
  status: PlacementStatus;
  version: number;
  /** Spread (max − min) of class mean scores, ours and snake; null before a run or without scores. */
  meanSpread: number | null;
  snakeMeanSpread: number | null;
  headTeacherDrawId: number | null;
  updatedAt: Date;
  updatedByName: string | null;
  publishedAt: Date | null;
}

/**
 * How much of a placement a viewer gets: `full` (the school's own users, the county bureau: the
 * masked roster with each child's flags), `aggregate` (other officials: the report's per-class
 * figures, no child's flags, constraint checks without members), `lists` (visible only because it
 * is published: the masked class lists).
 */
export type PlacementDetail = 'full' | 'aggregate' | 'lists';

export interface ClassPlacementView extends ClassPlacementSummary {
  classNames: string[];
  seed: string;
  detail: PlacementDetail;
  /** The masked roster with each child's flags; `full` viewers only. */
  roster: RosterEntry[] | null;
  /** Entrant key → class number; null before the first run, and for all but `full` viewers. */
  assignment: Record<string, number> | null;
  /**
   * The balance report; null before the first run and for `lists` viewers. `aggregate` viewers get
   * it without the constraint members (masked names) and their classes.
   */
  report: PlacementReport | null;
  /** Class lists with masked names; null before the first run. */
  classLists: ClassList[] | null;
  /** The teachers entered in the head-teacher draw (in the order entered). */
  headTeachers: string[] | null;
  createdAt: Date;
  createdByName: string | null;
  publishedByName: string | null;
  /** Whether the actor may change it (re-run, publish, draw head teachers). */
  canEdit: boolean;
}

export interface ClassPlacementListQuery {
  year?: number;
  schoolId?: string;
}

const GRADE_DEFAULT: Record<Stage, string> = { primary: '一年级', junior: '七年级' };
const CONFLICT = '该分班方案已被他人修改：请刷新后在最新版本上操作，您的改动未保存';

export function placementNotFound(id: unknown): string {
  return `没有找到分班方案 ${String(id)}，或您无权查看`;
}

interface SchoolRow {
  id: string;
  name: string;
  type: string;
  region_code: string;
  county_code: string;
}

async function schoolFor(db: Queryable, actor: Actor, schoolId: string, action: 'view' | 'edit') {
  const message = `没有找到学校 ${String(schoolId)}，或您无权进行该校的均衡分班`;
  const { rows } = await db.query<SchoolRow>(
    'SELECT id, name, type, region_code, county_code FROM school WHERE id = $1',
    [schoolId],
  );
  const s = rows[0];
  if (!s) throw new AccessError('notFound', message);
  requireAllowed(
    actor,
    action,
    { kind: 'admissionPlan', regionCode: s.region_code, schoolId: s.id },
    message,
  );
  return s;
}

function invalid(message: string): never {
  throw new AccessError('invalidData', message);
}

/** The roster's refusals (core admission/classes/roster.ts) as this module's: invalidData, same words. */
function asInvalid<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RosterInputError) invalid(e.message);
    throw e;
  }
}

function randomSeed(): string {
  return randomBytes(8).toString('hex');
}

function checkSeed(seed: string | undefined): string {
  if (seed === undefined) return randomSeed();
  const t = String(seed).trim();
  if (t === '' || t.length > 64) invalid('随机种子应为 1～64 个字符');
  return t;
}

interface PlacementRow {
  id: number;
  school_id: string;
  school_name: string;
  region_code: string;
  county_code: string;
  year: number;
  stage: Stage;
  grade_label: string;
  class_count: number;
  class_names: string[];
  student_count: number;
  roster: RosterEntry[];
  assignment: Record<string, number> | null;
  seed: string;
  report: PlacementReport | null;
  status: PlacementStatus;
  head_teacher_draw_id: number | null;
  head_teachers: string[] | null;
  version: number;
  created_at: Date;
  created_by_name: string | null;
  updated_at: Date;
  updated_by_name: string | null;
  published_at: Date | null;
  published_by_name: string | null;
}

const SELECT = `
  SELECT p.id, p.school_id, s.name AS school_name, s.region_code, p.county_code, p.year, p.stage,
         p.grade_label, p.class_count, p.class_names, p.student_count, p.roster, p.assignment, p.seed,
         p.report, p.status, p.head_teacher_draw_id, p.head_teachers, p.version, p.created_at,
         cu.display_name AS created_by_name, p.updated_at, uu.display_name AS updated_by_name,
         p.published_at, pu.display_name AS published_by_name
    FROM class_placement p
    JOIN school s ON s.id = p.school_id
    LEFT JOIN app_user cu ON cu.id = p.created_by
    LEFT JOIN app_user uu ON uu.id = p.updated_by
    LEFT JOIN app_user pu ON pu.id = p.published_by`;

function resourceOf(row: PlacementRow, published = row.status === 'published'): Resource {
  return { kind: 'admissionPlan', regionCode: row.region_code, schoolId: row.school_id, published };
}

async function loadRow(
  db: Queryable,
  actor: Actor,
  id: number,
  action: 'view' | 'edit',
  lock = false,
): Promise<PlacementRow> {
  const message = placementNotFound(id);
  if (!Number.isSafeInteger(id) || id < 1) throw new AccessError('notFound', message);
  const { rows } = await db.query<PlacementRow>(
    `${SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new AccessError('notFound', message);
  requireAllowed(actor, action, resourceOf(row), message);
  return row;
}

function summaryOf(row: PlacementRow): ClassPlacementSummary {
  return {
    id: row.id,
    schoolId: row.school_id,
    schoolName: row.school_name,
    countyCode: row.county_code,
    year: row.year,
    stage: row.stage,
    gradeLabel: row.grade_label,
    classCount: row.class_count,
    studentCount: row.student_count,
    status: row.status,
    version: row.version,
    meanSpread: row.report?.hasScores ? row.report.spread.ours.meanScore : null,
    snakeMeanSpread: row.report?.hasScores ? row.report.spread.snake.meanScore : null,
    headTeacherDrawId: row.head_teacher_draw_id,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
    publishedAt: row.published_at,
  };
}

/** What `actor` may see of the placement (see {@link PlacementDetail}). */
export function placementDetail(
  actor: Actor,
  place: { region_code: string; school_id: string; status: PlacementStatus },
): PlacementDetail {
  const region = place.region_code;
  if (can(actor, 'view', { kind: 'applicant', regionCode: region, schoolId: place.school_id })) return 'full';
  if (
    can(actor, 'view', {
      kind: 'admissionPlan',
      regionCode: region,
      schoolId: place.school_id,
      published: false,
    })
  )
    return 'aggregate';
  return 'lists';
}

/** The report without any child: constraint checks keep their code and outcome, not who or where. */
function aggregateReport(report: PlacementReport): PlacementReport {
  return { ...report, constraints: report.constraints.map((c) => ({ ...c, members: [], classes: [] })) };
}

function viewOf(actor: Actor, row: PlacementRow): ClassPlacementView {
  const detail = placementDetail(actor, row);
  return {
    ...summaryOf(row),
    classNames: row.class_names,
    seed: row.seed,
    detail,
    roster: detail === 'full' ? row.roster : null,
    assignment: detail === 'full' ? row.assignment : null,
    report:
      row.report === null || detail === 'lists'
        ? null
        : detail === 'full'
          ? row.report
          : aggregateReport(row.report),
    classLists: row.assignment ? classLists(row.roster, row.assignment, row.class_names) : null,
    headTeachers: row.head_teachers,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    publishedByName: row.published_by_name,
    canEdit: can(actor, 'edit', resourceOf(row)),
  };
}

/**
 * Creates a draft placement from a grade's entrants (not run yet: {@link runPlacement}).
 * @param db the database (a transaction is opened), or a caller's transaction
 * @param cipher seals the roster with the names
 * @param actor edit on the school's admissionPlan (the school itself, or its county's bureau)
 * @returns the new placement (version 1)
 * @throws AccessError notFound (school not visible), notAllowed, invalidData (entrants, classes)
 */
export async function createPlacement(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  input: NewClassPlacement,
  opts: { ip?: string | null } = {},
): Promise<ClassPlacementView> {
  checkYear(input.year);
  return inTransaction(db, async (tx) => {
    const school = await schoolFor(tx, actor, input.schoolId, 'edit');
    const stages = schoolStages(school.type as Parameters<typeof schoolStages>[0]);
    const stage = input.stage ?? (stages.length === 1 ? stages[0] : undefined);
    if (!stage || !stages.includes(stage)) {
      invalid(
        stages.length === 0
          ? `${school.name}不是义务教育学校，不进行均衡分班`
          : `${school.name}的学段为${stages.map((s) => (s === 'primary' ? '小学' : '初中')).join('、')}：请选择其中一个学段`,
      );
    }
    const gradeLabel = (input.gradeLabel ?? GRADE_DEFAULT[stage]).trim();
    if (gradeLabel === '' || [...gradeLabel].length > 20) invalid('年级名称应为 1～20 个字，如 七年级');
    const roster = asInvalid(() => checkEntrants(input.entrants));
    const names = asInvalid(() =>
      checkClasses(input.classCount, input.classNames, gradeLabel, roster.length),
    );
    const seed = checkSeed(input.seed);
    const by = await actingUser(tx, actor);
    const sealed = cipher.seal(
      JSON.stringify(input.entrants.map((e, i) => ({ key: roster[i]!.key, name: e.name.trim() }))),
    );
    await tx.query('INSERT INTO school_year (start_year) VALUES ($1) ON CONFLICT (start_year) DO NOTHING', [
      input.year,
    ]);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO class_placement (school_id, county_code, year, stage, grade_label, class_count, class_names,
                                    students_sealed, student_count, roster, seed, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11, $12, $12) RETURNING id`,
      [
        school.id,
        school.county_code,
        input.year,
        stage,
        gradeLabel,
        names.length,
        jsonb(names),
        sealed,
        roster.length,
        jsonb(roster),
        seed,
        by.id,
      ],
    );
    const id = rows[0]!.id;
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'classPlacement.create',
      entity: 'class_placement',
      entityId: String(id),
      after: {
        schoolId: school.id,
        year: input.year,
        stage,
        gradeLabel,
        classCount: names.length,
        students: roster.length,
        seed,
      },
      ip: opts.ip ?? null,
    });
    return viewOf(actor, await loadRow(tx, actor, id, 'view'));
  });
}

/**
 * Runs (or re-runs) the balancing of a draft placement, optionally with another class count,
 * class names or seed. A published placement (the only kind with a head-teacher draw) is final.
 * @throws AccessError notFound, notAllowed, conflict (stale version), wrongState (published),
 *   invalidData (class count, infeasible constraints); nothing is written then
 */
export async function runPlacement(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: { expectedVersion: number; classCount?: number; classNames?: string[]; seed?: string },
  opts: { ip?: string | null } = {},
): Promise<ClassPlacementView> {
  return inTransaction(db, async (tx) => {
    const row = await loadRow(tx, actor, id, 'edit', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    if (row.status === 'published' || row.head_teacher_draw_id !== null)
      throw new AccessError(
        'wrongState',
        '该分班方案已公示，分班结果为最终结果，不能重新分班、改班级数或改班级名称',
      );
    const count = input.classCount ?? row.class_count;
    const names = asInvalid(() =>
      checkClasses(
        count,
        input.classNames ?? (count === row.class_count ? row.class_names : undefined),
        row.grade_label,
        row.student_count,
      ),
    );
    const seed = input.seed === undefined ? row.seed : checkSeed(input.seed);
    const { assignment, report } = asInvalid(() => balanceRoster(row.roster, names, seed));
    const by = await actingUser(tx, actor);
    await tx.query(
      `UPDATE class_placement
          SET class_count = $2, class_names = $3::jsonb, seed = $4, assignment = $5::jsonb, report = $6::jsonb,
              version = version + 1, updated_by = $7, updated_at = now()
        WHERE id = $1`,
      [id, names.length, jsonb(names), seed, jsonb(assignment), jsonb(report), by.id],
    );
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'classPlacement.run',
      entity: 'class_placement',
      entityId: String(id),
      before: { version: row.version, classCount: row.class_count, seed: row.seed, ran: row.report !== null },
      after: {
        version: row.version + 1,
        classCount: names.length,
        seed,
        meanSpread: report.hasScores ? report.spread.ours.meanScore : null,
        snakeMeanSpread: report.hasScores ? report.spread.snake.meanScore : null,
        allHonoured: report.allHonoured,
      },
      ip: opts.ip ?? null,
    });
    return viewOf(actor, await loadRow(tx, actor, id, 'view'));
  });
}

/**
 * Reads one placement (masked roster, report, class lists).
 * @throws AccessError notFound when it does not exist or the actor may not view it
 */
export async function getPlacement(db: Queryable, actor: Actor, id: number): Promise<ClassPlacementView> {
  return viewOf(actor, await loadRow(db, actor, id, 'view'));
}

/** The placements the actor may view (newest first), optionally of one year and school. */
export async function listPlacements(
  db: Queryable,
  actor: Actor,
  q: ClassPlacementListQuery = {},
): Promise<ClassPlacementSummary[]> {
  const params: unknown[] = [];
  const scope = visibleRegionPrefix(actor, 'admissionPlan');
  let where = scopeCondition(scope, params, { region: 's.region_code', school: 'p.school_id' });
  if (scope.alsoPublished) where = `(${where} OR p.status = 'published')`;
  if (q.year !== undefined) {
    params.push(checkYear(q.year));
    where += ` AND p.year = $${params.length}`;
  }
  if (q.schoolId !== undefined) {
    params.push(q.schoolId);
    where += ` AND p.school_id = $${params.length}`;
  }
  const { rows } = await db.query<PlacementRow>(
    `${SELECT} WHERE ${where} ORDER BY p.updated_at DESC, p.id DESC LIMIT 200`,
    params,
  );
  return rows.map(summaryOf);
}

/**
 * Publishes (公示) a run placement: its class lists become visible with masked names, and it is
 * final (no re-run; the head-teacher draw may now be made). One published placement per school,
 * year and stage.
 * @throws AccessError notFound, notAllowed, conflict, wrongState (not run yet, already published,
 *   another placement of the grade published)
 */
export async function publishPlacement(
  db: Database | Queryable,
  actor: Actor,
  id: number,
  input: { expectedVersion: number },
  opts: { ip?: string | null } = {},
): Promise<ClassPlacementView> {
  return inTransaction(db, async (tx) => {
    const row = await loadRow(tx, actor, id, 'edit', true);
    if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
    if (row.status === 'published') throw new AccessError('wrongState', '该分班方案已经公示');
    if (!row.assignment || !row.report)
      throw new AccessError('wrongState', '该分班方案还没有分班结果：请先“开始分班”，再公示');
    const other = await tx.query<{ id: number; grade_label: string }>(
      `SELECT id, grade_label FROM class_placement
        WHERE school_id = $1 AND year = $2 AND stage = $3 AND status = 'published' AND id <> $4`,
      [row.school_id, row.year, row.stage, id],
    );
    if (other.rows[0])
      throw new AccessError(
        'wrongState',
        `${row.school_name}${row.year}学年${row.stage === 'primary' ? '小学' : '初中'}已公示分班方案 ${other.rows[0].id}（${other.rows[0].grade_label}）：公示结果为最终结果，每校每学段每年只公示一个分班方案`,
      );
    const by = await actingUser(tx, actor);
    await tx.query(
      `UPDATE class_placement SET status = 'published', published_by = $2, published_at = now(),
              version = version + 1, updated_by = $2, updated_at = now()
        WHERE id = $1`,
      [id, by.id],
    );
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'classPlacement.publish',
      entity: 'class_placement',
      entityId: String(id),
      before: { status: row.status, version: row.version },
      after: {
        status: 'published',
        version: row.version + 1,
        classes: row.class_count,
        students: row.student_count,
      },
      ip: opts.ip ?? null,
    });
    return viewOf(actor, await loadRow(tx, actor, id, 'view'));
  });
}

/**
 * Records the head-teacher draw made for a placement's classes (lotteryDraws.createDraw, called
 * by classPlacementDraws.ts in the same transaction). Internal to the db package.
 */
export async function linkHeadTeacherDraw(
  tx: Queryable,
  actor: Actor,
  id: number,
  input: { expectedVersion: number; drawId: number; teachers: string[] },
  opts: { ip?: string | null } = {},
): Promise<void> {
  const row = await loadRow(tx, actor, id, 'edit', true);
  if (row.version !== input.expectedVersion) throw new AccessError('conflict', CONFLICT);
  checkDrawable(row);
  const by = await actingUser(tx, actor);
  await tx.query(
    `UPDATE class_placement SET head_teacher_draw_id = $2, head_teachers = $3::jsonb, version = version + 1,
            updated_by = $4, updated_at = now()
      WHERE id = $1`,
    [id, input.drawId, jsonb(input.teachers), by.id],
  );
  await appendAudit(tx, {
    actor: by.username,
    actorId: by.id,
    action: 'classPlacement.headTeacherDraw',
    entity: 'class_placement',
    entityId: String(id),
    before: { version: row.version, headTeacherDrawId: row.head_teacher_draw_id },
    after: { version: row.version + 1, headTeacherDrawId: input.drawId, teachers: input.teachers.length },
    ip: opts.ip ?? null,
  });
}

/** A head-teacher draw only for a published placement that has none yet (one per placement). */
function checkDrawable(row: PlacementRow): void {
  if (row.status !== 'published')
    throw new AccessError(
      'wrongState',
      '请先公示分班结果，再进行班主任派位：公示后各班学生不再变动，派位结果才不能被用来调整分班',
    );
  if (row.head_teacher_draw_id !== null)
    throw new AccessError(
      'wrongState',
      `已为这些班级建立班主任派位（派位编号 ${row.head_teacher_draw_id}）：每个分班方案只派位一次，不能更换`,
    );
}

/** What a head-teacher draw needs of a placement (checked: edit, published, no draw yet, version). Internal. */
export async function placementForDraw(
  tx: Queryable,
  actor: Actor,
  id: number,
  expectedVersion: number,
): Promise<{
  schoolId: string;
  schoolName: string;
  countyCode: string;
  year: number;
  gradeLabel: string;
  classNames: string[];
}> {
  const row = await loadRow(tx, actor, id, 'edit', true);
  if (row.version !== expectedVersion) throw new AccessError('conflict', CONFLICT);
  checkDrawable(row);
  return {
    schoolId: row.school_id,
    schoolName: row.school_name,
    countyCode: row.county_code,
    year: row.year,
    gradeLabel: row.grade_label,
    classNames: row.class_names,
  };
}

/**
 * The school's own full class lists with real names (opens the seal), for enrolment. Audited as
 * an export of personal data.
 * @param actor view on the placement and export on the school's applicants (the school or its bureau)
 */
export async function placementNames(
  db: Database | Queryable,
  cipher: PersonalCipher,
  actor: Actor,
  id: number,
  opts: { ip?: string | null } = {},
): Promise<{
  classNames: string[];
  lists: { classNo: number; name: string; students: { no: number; name: string; gender: '男' | '女' }[] }[];
}> {
  return inTransaction(db, async (tx) => {
    const row = await loadRow(tx, actor, id, 'view');
    // Names are the children's personal data: exported by those who may export the school's
    // admission data (the school itself, its county's bureau), not by inspectors or the city.
    if (!can(actor, 'export', { kind: 'applicant', regionCode: row.region_code, schoolId: row.school_id }))
      throw new AccessError(
        'notAllowed',
        '新生姓名属于学生个人信息：只有本校和本县教育局可以导出含姓名的分班名单',
      );
    if (!row.assignment) throw new AccessError('wrongState', '该分班方案还没有分班结果');
    const sealed = await tx.query<{ students_sealed: string }>(
      'SELECT students_sealed FROM class_placement WHERE id = $1',
      [id],
    );
    const names = new Map(
      (JSON.parse(cipher.open(sealed.rows[0]!.students_sealed)) as { key: string; name: string }[]).map(
        (e) => [e.key, e.name],
      ),
    );
    const masked = classLists(row.roster, row.assignment, row.class_names);
    const byMask = row.roster.filter((r) => row.assignment![r.key] !== undefined);
    const by = await actingUser(tx, actor);
    await appendAudit(tx, {
      actor: by.username,
      actorId: by.id,
      action: 'export.classPlacement.names',
      entity: 'class_placement',
      entityId: String(id),
      after: { students: byMask.length },
      ip: opts.ip ?? null,
    });
    // Same order as classLists: entry order within each class.
    const lists = masked.map((l) => ({
      ...l,
      students: [] as { no: number; name: string; gender: '男' | '女' }[],
    }));
    for (const r of row.roster) {
      const c = row.assignment[r.key];
      if (c === undefined) continue;
      const list = lists[c - 1]!;
      list.students.push({
        no: list.students.length + 1,
        name: names.get(r.key) ?? r.maskedName,
        gender: r.gender === 'male' ? '男' : '女',
      });
    }
    return { classNames: row.class_names, lists };
  });
}
