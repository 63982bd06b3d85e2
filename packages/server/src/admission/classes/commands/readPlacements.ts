/**
 * @module Reading placements: one (as much as the viewer may see), the list the actor may view, the
 * published class lists as a workbook (masked names, audited export), and the school's own full
 * class lists with real names (the only read that opens the sealed names; audited).
 */
import {
  can,
  checkPlacementYear,
  classLists,
  Refusal,
  requireAllowed,
  visibleRegionPrefix,
} from '@junheng/core';
import { inTransaction, listPlacementRows, readSealedStudents } from '@junheng/db';
import { writeClassListsWorkbook } from '@junheng/io';
import { type CommandContext, recordChange } from '../../../platform/commands.js';
import { type ClassPlacementSummary, type ClassPlacementView, summaryOf, viewOf } from '../present.js';
import { headTeacherTable } from './headTeachers.js';
import { loadPlacement } from './placementAccess.js';

/**
 * Reads one placement (masked roster, report, class lists, as the viewer may see them).
 * @throws Refusal notFound when it does not exist or the actor may not view it
 */
export async function getPlacement(ctx: CommandContext, id: number): Promise<ClassPlacementView> {
  return viewOf(ctx.actor, await loadPlacement(ctx.db, ctx.actor, id, 'view'));
}

/** The placements the actor may view (newest first, at most 200), optionally of one year and school. */
export async function listPlacements(
  ctx: CommandContext,
  q: { year?: number; schoolId?: string } = {},
): Promise<ClassPlacementSummary[]> {
  const scope = visibleRegionPrefix(ctx.actor, 'admissionPlan');
  const year = q.year === undefined ? undefined : checkPlacementYear(q.year);
  const rows = await listPlacementRows(ctx.db, { scope, year, schoolId: q.schoolId });
  return rows.map(summaryOf);
}

/**
 * The published class lists as a workbook (.xlsx, masked names; each class with its head teacher
 * once drawn, and its figures). The export is audited ('export.classPlacement.lists').
 * @throws Refusal notFound, notAllowed (may not export), wrongState (not published)
 */
export async function exportClassLists(
  ctx: CommandContext,
  id: number,
): Promise<{ placement: ClassPlacementView; bytes: Buffer }> {
  const p = await getPlacement(ctx, id);
  requireAllowed(
    ctx.actor,
    'export',
    {
      kind: 'admissionPlan',
      regionCode: p.countyCode,
      schoolId: p.schoolId,
      published: p.status === 'published',
    },
    { key: 'classes.placementNotFound', params: { id: String(id) } },
  );
  if (p.status !== 'published' || !p.classLists) throw new Refusal('wrongState', 'classes.listsNotPublished');
  const teachers = await headTeacherTable(ctx, p.id);
  const teacherOf = new Map((teachers?.rows ?? []).map((r) => [r.className, r.teacher]));
  const bytes = await writeClassListsWorkbook({
    schoolName: p.schoolName,
    year: p.year,
    gradeLabel: p.gradeLabel,
    classes: p.classLists.map((c) => ({
      name: c.name,
      headTeacher: teacherOf.get(c.name) ?? null,
      students: c.students,
    })),
    figures: p.report?.classes.map((c) => ({
      name: c.name,
      size: c.size,
      meanScore: c.meanScore,
      male: c.male,
      female: c.female,
    })),
  });
  await recordChange(ctx.db, ctx, {
    action: 'export.classPlacement.lists',
    entity: 'class_placement',
    entityId: p.id,
    after: { masked: true, students: p.studentCount, bytes: bytes.length },
  });
  return { placement: p, bytes };
}

/** One class of the school's own full list. */
export interface NamedClassList {
  classNo: number;
  name: string;
  students: { no: number; name: string; gender: '男' | '女' }[];
}

/**
 * The school's own full class lists with real names (opens the seal), for enrolment. Audited as an
 * export of personal data ('export.classPlacement.names').
 * @param ctx the actor needs view on the placement and export on the school's applicants (the
 *   school or its bureau); `personal` opens the seal
 * @throws Refusal notFound, notAllowed (not the school or its bureau), wrongState (not run yet)
 */
export async function placementNames(
  ctx: CommandContext,
  id: number,
): Promise<{ classNames: string[]; lists: NamedClassList[] }> {
  const cipher = ctx.personal;
  if (!cipher) throw new Error('placementNames needs ctx.personal to open the names');
  return inTransaction(ctx.db, async (tx) => {
    const row = await loadPlacement(tx, ctx.actor, id, 'view');
    // Names are the children's personal data: exported by those who may export the school's
    // admission data (the school itself, its county's bureau), not by inspectors or the city.
    if (
      !can(ctx.actor, 'export', { kind: 'applicant', regionCode: row.region_code, schoolId: row.school_id })
    ) {
      throw new Refusal('notAllowed', 'classes.namesNotAllowed');
    }
    const assignment = row.assignment;
    if (!assignment) throw new Refusal('wrongState', 'classes.noResult');
    const sealed = JSON.parse(cipher.open(await readSealedStudents(tx, id))) as {
      key: string;
      name: string;
    }[];
    const names = new Map(sealed.map((e) => [e.key, e.name]));
    const placed = row.roster.filter((r) => assignment[r.key] !== undefined);
    await recordChange(tx, ctx, {
      action: 'export.classPlacement.names',
      entity: 'class_placement',
      entityId: id,
      after: { students: placed.length },
    });
    // Same order as classLists: entry order within each class.
    const lists: NamedClassList[] = classLists(row.roster, assignment, row.class_names).map((l) => ({
      ...l,
      students: [],
    }));
    for (const r of placed) {
      const list = lists[assignment[r.key]! - 1]!;
      list.students.push({
        no: list.students.length + 1,
        name: names.get(r.key) ?? r.maskedName,
        gender: r.gender === 'male' ? '男' : '女',
      });
    }
    return { classNames: row.class_names, lists };
  });
}
