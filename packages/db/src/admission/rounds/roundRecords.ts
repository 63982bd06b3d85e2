/**
 * @module A round as stored and as answered: its row (with counts), its schools with their places
 * and 乡镇 group, and the summary and detail built from them. Shared by the queries, the commands
 * and the admission of rounds, and by the applicants (who lock and read their round).
 */
import { type Actor, type AdmissionCategory, can, schoolGroup } from '@junheng/core';
import type { Queryable } from '../../platform/database.js';
import type {
  AdmissionStage,
  RoundDetail,
  RoundSchool,
  RoundStatus,
  RoundSummary,
  StoredResult,
} from './roundTypes.js';

export function roundNotFoundMessage(id: unknown): string {
  return `没有找到招生轮次 ${String(id)}，或您无权查看`;
}

export function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

export interface RoundRow {
  id: number;
  county_code: string;
  county_name: string;
  year: number;
  stage: AdmissionStage;
  title: string;
  categories: AdmissionCategory[];
  sibling_priority: boolean;
  status: RoundStatus;
  draw_id: number | null;
  admitted_at: Date | null;
  result: StoredResult | null;
  next_serial: number;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
  applicant_count: number;
  places_total: number;
}

export const ROUND_SELECT = `SELECT r.id, r.county_code, g.name AS county_name, r.year, r.stage, r.title, r.categories,
       r.sibling_priority, r.status, r.draw_id, r.admitted_at, r.result, r.next_serial, r.version,
       r.updated_at, u.display_name AS updated_by_name,
       (SELECT count(*) FROM applicant a WHERE a.round_id = r.id) AS applicant_count,
       (SELECT COALESCE(sum(p.places), 0) FROM admission_round_school p WHERE p.round_id = r.id) AS places_total
  FROM admission_round r
  JOIN region g ON g.code = r.county_code
  LEFT JOIN app_user u ON u.id = r.updated_by`;

/** The round row (FOR UPDATE inside a write). */
export async function readRoundRow(db: Queryable, id: number, forUpdate = false): Promise<RoundRow | null> {
  if (forUpdate) await db.query('SELECT id FROM admission_round WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await db.query<RoundRow>(`${ROUND_SELECT} WHERE r.id = $1`, [id]);
  const r = rows[0];
  if (!r) return null;
  r.applicant_count = Number(r.applicant_count);
  r.places_total = Number(r.places_total);
  return r;
}

/** The policy resource of a round: the admission plan of its county. */
export const plan = (county: string) => ({ kind: 'admissionPlan' as const, regionCode: county });

/** The schools of a round with their places, by name. */
export async function readSchools(db: Queryable, roundId: number): Promise<RoundSchool[]> {
  const { rows } = await db.query<{
    school_id: string;
    name: string;
    region_name: string | null;
    places: number;
    zone: number;
  }>(
    `SELECT p.school_id, s.name, CASE WHEN g.level = 'township' THEN g.name END AS region_name, p.places,
            (SELECT count(*) FROM applicant a WHERE a.round_id = p.round_id AND a.zone_school_id = p.school_id) AS zone
       FROM admission_round_school p
       JOIN school s ON s.id = p.school_id
       JOIN region g ON g.code = s.region_code
      WHERE p.round_id = $1
      ORDER BY s.name COLLATE "C", p.school_id`,
    [roundId],
  );
  return rows.map((r) => ({
    schoolId: r.school_id,
    schoolName: r.name,
    group: schoolGroup(r.name, r.region_name),
    places: r.places,
    zoneApplicants: Number(r.zone),
  }));
}

export function summaryOf(r: RoundRow): RoundSummary {
  return {
    id: Number(r.id),
    countyCode: r.county_code,
    countyName: r.county_name,
    year: r.year,
    stage: r.stage,
    title: r.title,
    status: r.status,
    drawId: r.draw_id === null ? null : Number(r.draw_id),
    applicantCount: r.applicant_count,
    placesTotal: r.places_total,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** A round in full, with what the actor may do with it. */
export async function detailOf(db: Queryable, actor: Actor, r: RoundRow): Promise<RoundDetail> {
  const schools = await readSchools(db, Number(r.id));
  const fam = await db.query<{ n: number }>(
    `SELECT count(DISTINCT COALESCE('f:' || family_key, 'a:' || id::text)) AS n FROM applicant WHERE round_id = $1`,
    [r.id],
  );
  let drawStatus: 'committed' | 'drawn' | null = null;
  if (r.draw_id !== null) {
    const d = await db.query<{ drawn: boolean }>(
      'SELECT drawn_at IS NOT NULL AS drawn FROM lottery_draw WHERE id = $1',
      [r.draw_id],
    );
    drawStatus = d.rows[0]?.drawn ? 'drawn' : 'committed';
  }
  return {
    ...summaryOf(r),
    categories: r.categories,
    siblingPriority: r.sibling_priority,
    schools,
    familyCount: Number(fam.rows[0]?.n ?? 0),
    drawStatus,
    admittedAt: r.admitted_at,
    updatedByName: r.updated_by_name,
    canEdit:
      can(actor, 'edit', plan(r.county_code)) &&
      can(actor, 'edit', { kind: 'applicant', regionCode: r.county_code }),
    canViewApplicants: can(actor, 'view', { kind: 'applicant', regionCode: r.county_code }),
    canViewPersonal: can(actor, 'viewPersonal', {
      kind: 'applicant',
      regionCode: r.county_code,
      schoolId: actor.schoolId ?? null,
    }),
  };
}
