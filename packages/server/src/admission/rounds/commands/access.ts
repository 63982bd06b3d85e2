/**
 * @module Who may see or change a round and its children: the read guard (the whole round for the
 * county's plan readers, one school's part of an admitted round for a school user), the write lock
 * with its version and status checks (shared by the round's and the applicants' commands), the
 * children a reader may see, an applicant locked for a change, and what an actor may do with a
 * round (shown with it).
 */
import { type Actor, can, explain, policyRefusal, Refusal } from '@junheng/core';
import {
  type ApplicantRow,
  type Queryable,
  type RoundRow,
  readApplicantRow,
  readRoundRow,
  roundOfApplicant,
  schoolInCounty,
} from '@junheng/db';
import type { RoundRights } from '../present.js';

/** The policy resource of a round: the admission plan of its county. */
export const plan = (county: string) => ({ kind: 'admissionPlan' as const, regionCode: county });

export function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0;
}

export const roundNotFound = (id: unknown) => new Refusal('notFound', 'rounds.notFound', { id: String(id) });
export const applicantNotFound = (id: unknown) =>
  new Refusal('notFound', 'rounds.applicantNotFound', { id: String(id) });

/**
 * How the actor may see a round: 'plan' (bureau, inspectors, city: the whole round), 'school' (a
 * school user of the county, once the round is admitted: its own children and row), or refused.
 * @throws Refusal notFound
 */
export async function roundAccess(
  db: Queryable,
  actor: Actor,
  row: RoundRow | null,
  id: unknown,
): Promise<'plan' | 'school'> {
  if (!row) throw roundNotFound(id);
  if (can(actor, 'view', plan(row.county_code))) return 'plan';
  if (
    row.status === 'admitted' &&
    actor.schoolId &&
    can(actor, 'view', { kind: 'applicant', regionCode: row.county_code, schoolId: actor.schoolId }) &&
    (await schoolInCounty(db, actor.schoolId, row.county_code))
  ) {
    return 'school';
  }
  throw roundNotFound(id);
}

/** A round the actor may read, with how. @throws Refusal notFound */
export async function readableRound(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<{ row: RoundRow; access: 'plan' | 'school' }> {
  if (!isId(id)) throw roundNotFound(id);
  const row = await readRoundRow(db, id);
  const access = await roundAccess(db, actor, row, id);
  return { row: row!, access };
}

/** How a write locks its round: must it be open, and which right on what. */
export interface RoundLock {
  needOpen: boolean;
  kind?: 'admissionPlan' | 'applicant';
  action?: 'edit' | 'import';
}

/**
 * Locks a round for a write by the county's bureau and checks version (when given) and status.
 * @throws Refusal notFound, notAllowed, conflict (stale version), wrongState (frozen)
 */
export async function lockRoundForEdit(
  tx: Queryable,
  actor: Actor,
  id: number,
  version: number | undefined,
  opts: RoundLock = { needOpen: true },
): Promise<RoundRow> {
  if (!isId(id)) throw roundNotFound(id);
  const row = await readRoundRow(tx, id, true);
  if (!row) throw roundNotFound(id);
  const visible =
    can(actor, 'view', plan(row.county_code)) ||
    can(actor, 'view', { kind: 'applicant', regionCode: row.county_code });
  if (!visible) throw roundNotFound(id);
  const d = explain(actor, opts.action ?? 'edit', {
    kind: opts.kind ?? 'admissionPlan',
    regionCode: row.county_code,
  });
  if (!d.allowed) throw policyRefusal(d);
  if (version !== undefined && version !== row.version) {
    throw new Refusal('conflict', 'rounds.conflict', {
      title: row.title,
      current: row.version,
      seen: version,
    });
  }
  if (opts.needOpen && row.status !== 'open')
    throw new Refusal('wrongState', 'rounds.frozen', { title: row.title });
  return row;
}

/**
 * Which children of a round the actor may read: all (the county's bureau), those placed at its
 * school (a school user), or none: 403 when the round itself is visible (inspectors, city), else 404.
 * @throws Refusal notFound, notAllowed
 */
export async function applicantScope(
  db: Queryable,
  actor: Actor,
  roundId: number,
): Promise<{ round: RoundRow; school: string | null }> {
  const { row: round, access } = await readableRound(db, actor, roundId);
  const county = round.county_code;
  if (can(actor, 'view', { kind: 'applicant', regionCode: county })) return { round, school: null };
  if (access === 'school') return { round, school: actor.schoolId! };
  const d = explain(actor, 'view', { kind: 'applicant', regionCode: county });
  throw new Refusal('notAllowed', 'rounds.childrenNotAllowed', { reason: d.reason }, { rule: d.rule });
}

/**
 * Loads an applicant for a write: the round open, the actor its county's bureau, the version
 * current (when given).
 * @throws Refusal notFound, notAllowed, conflict, wrongState
 */
export async function lockApplicant(
  tx: Queryable,
  actor: Actor,
  id: number,
  version: number | undefined,
): Promise<{ round: RoundRow; row: ApplicantRow }> {
  if (!isId(id)) throw applicantNotFound(id);
  const roundId = await roundOfApplicant(tx, id);
  if (roundId === null) throw applicantNotFound(id);
  const round = await lockRoundForEdit(tx, actor, roundId, undefined, { needOpen: true, kind: 'applicant' });
  const row = (await readApplicantRow(tx, id, true))!;
  if (version !== undefined && row.version !== version) {
    throw new Refusal('conflict', 'rounds.applicantConflict', {
      ticket: row.ticket,
      name: row.name_masked,
      current: row.version,
      seen: version,
    });
  }
  return { round, row };
}

/** What the actor may do with a round of `county`. */
export function roundRights(actor: Actor, county: string): RoundRights {
  return {
    canEdit:
      can(actor, 'edit', plan(county)) && can(actor, 'edit', { kind: 'applicant', regionCode: county }),
    canViewApplicants: can(actor, 'view', { kind: 'applicant', regionCode: county }),
    canViewPersonal: can(actor, 'viewPersonal', {
      kind: 'applicant',
      regionCode: county,
      schoolId: actor.schoolId ?? null,
    }),
  };
}

/**
 * Whether the actor gets the 核验码: the county's bureau, who may edit the round and prints the
 * families' notices. A school enrols the children placed at it and never needs them.
 */
export function maySeeSecrets(actor: Actor, county: string): boolean {
  return (
    can(actor, 'edit', { kind: 'admissionPlan', regionCode: county }) &&
    can(actor, 'edit', { kind: 'applicant', regionCode: county })
  );
}
