/**
 * @module Reading placements: one (masked), the list the actor may view, and the school's own full
 * class lists with real names (the only read that opens the sealed names; audited).
 */
import { type Actor, can, classLists, visibleRegionPrefix } from '@junheng/core';
import { appendAudit } from '../../audit/audit.js';
import { AccessError } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import type { PersonalCipher } from '../../platform/personalData.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { actingUser, checkYear, inScope, inTransaction } from '../../platform/queryKit.js';
import { loadRow, placementRows, summaryOf, typedPlacement, viewOf } from './placementRecords.js';
import type { ClassPlacementListQuery, ClassPlacementSummary, ClassPlacementView } from './placementTypes.js';

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
  const scope = visibleRegionPrefix(actor, 'admissionPlan');
  const visible = inScope(scope, { region: 's.region_code', school: 'p.school_id' });
  let query = placementRows(db).where((eb) =>
    scope.alsoPublished ? eb.or([visible, eb('p.status', '=', 'published')]) : visible,
  );
  if (q.year !== undefined) query = query.where('p.year', '=', checkYear(q.year));
  if (q.schoolId !== undefined) query = query.where('p.school_id', '=', q.schoolId);
  const rows = await query.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').limit(200).execute();
  return rows.map((r) => summaryOf(typedPlacement(r)));
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
    const sealed = await sqlOf(tx)
      .selectFrom('class_placement')
      .select('students_sealed')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const names = new Map(
      (JSON.parse(cipher.open(sealed.students_sealed)) as { key: string; name: string }[]).map((e) => [
        e.key,
        e.name,
      ]),
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
