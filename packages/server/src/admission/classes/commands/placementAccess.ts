/**
 * @module Who may do what with a placement: kind admissionPlan with the school's id and region. The
 * school's users do their own 分班 (rules.ts school.classes: view, edit, export); the county bureau
 * may do any school's of its county (bureau.admission); inspectors and the city read. Invisible →
 * 404 (notFound), visible but not editable → 403. Publishing is part of 分班 and needs `edit` (the
 * rules give a school no `publish` on admissionPlan; a published list is masked, so nothing
 * personal is disclosed). A write naming an older version than the stored one is refused (409).
 */
import { type Actor, Refusal, type Resource, requireAllowed } from '@junheng/core';
import {
  isPlacementId,
  type PlacementRow,
  placementSchool,
  type Queryable,
  readPlacement,
} from '@junheng/db';

/** The policy resource of a placement: its school's admission plan, published or not. */
export function resourceOf(
  row: Pick<PlacementRow, 'region_code' | 'school_id' | 'status'>,
  published = row.status === 'published',
): Resource {
  return { kind: 'admissionPlan', regionCode: row.region_code, schoolId: row.school_id, published };
}

const notFound = (id: unknown) => ({ key: 'classes.placementNotFound' as const, params: { id: String(id) } });

/**
 * One placement the actor may view or edit (FOR UPDATE inside a write).
 * @throws Refusal notFound (no such placement, or invisible), notAllowed
 */
export async function loadPlacement(
  db: Queryable,
  actor: Actor,
  id: number,
  action: 'view' | 'edit',
  lock = false,
): Promise<PlacementRow> {
  const row = isPlacementId(id) ? await readPlacement(db, id, { lock }) : undefined;
  if (!row) throw new Refusal('notFound', 'classes.placementNotFound', { id: String(id) });
  requireAllowed(actor, action, resourceOf(row), notFound(id));
  return row;
}

/**
 * A placement to change: editable by the actor, locked, at the version the actor last read.
 * @throws Refusal notFound, notAllowed, conflict
 */
export async function placementToChange(
  tx: Queryable,
  actor: Actor,
  id: number,
  expectedVersion: number,
): Promise<PlacementRow> {
  const row = await loadPlacement(tx, actor, id, 'edit', true);
  if (row.version !== expectedVersion) throw new Refusal('conflict', 'classes.conflict');
  return row;
}

/**
 * The school of a new placement, on which the actor may do 分班 (`edit`: the school itself, or
 * its county's bureau).
 * @throws Refusal notFound (no such school, or invisible), notAllowed
 */
export async function placementSchoolFor(db: Queryable, actor: Actor, schoolId: string) {
  const s = await placementSchool(db, schoolId);
  const message = { key: 'classes.schoolNotFound' as const, params: { id: String(schoolId) } };
  if (!s) throw new Refusal('notFound', message.key, message.params);
  requireAllowed(actor, 'edit', { kind: 'admissionPlan', regionCode: s.regionCode, schoolId: s.id }, message);
  return s;
}
