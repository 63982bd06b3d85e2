/**
 * @module Creating a draft placement from a grade's entrants (names sealed): entered as JSON, the
 * demo cohort, or an imported 新生名单 (refused before the file is read when the school is not the
 * user's to place), in one transaction with its audit event.
 */
import { randomBytes } from 'node:crypto';
import {
  asRosterRefusal,
  checkClasses,
  checkEntrants,
  checkGradeLabel,
  checkPlacementSeed,
  checkPlacementYear,
  demoCohort,
  demoNames,
  type EntrantInput,
  message,
  placementStage,
  Refusal,
  type Stage,
} from '@junheng/core';
import { insertPlacement, inTransaction, schoolPlace } from '@junheng/db';
import { importEntrantsBuffer } from '@junheng/io';
import { actingUser, type CommandContext, recordChange } from '../../../platform/commands.js';
import { importInvalid } from '../../../platform/upload.js';
import { type ClassPlacementView, viewOf } from '../present.js';
import { loadPlacement, placementSchoolFor } from './placementAccess.js';

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

/** An uploaded file, read only once the actor may place the school (platform/upload.ts uploadedFile). */
export type Upload = () => { bytes: Buffer; name: string };

/** The seals the command needs (AppContext.personal). */
function cipherOf(ctx: CommandContext) {
  if (!ctx.personal) throw new Error('createPlacement needs ctx.personal to seal the names');
  return ctx.personal;
}

/**
 * Creates a draft placement from a grade's entrants (not run yet: runPlacement). Audited
 * 'classPlacement.create' (no names in the event).
 * @param ctx the actor needs edit on the school's admissionPlan (the school itself, or its county's
 *   bureau); `personal` seals the roster with the names
 * @returns the new placement (version 1)
 * @throws Refusal notFound (school not visible), notAllowed, invalidRequest (entrants, classes)
 */
export async function createPlacement(
  ctx: CommandContext,
  input: NewClassPlacement,
): Promise<ClassPlacementView> {
  checkPlacementYear(input.year);
  const cipher = cipherOf(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const school = await placementSchoolFor(tx, ctx.actor, input.schoolId);
    const stage = placementStage(school, input.stage);
    const gradeLabel = checkGradeLabel(input.gradeLabel, stage);
    const roster = asRosterRefusal(() => checkEntrants(input.entrants));
    const names = asRosterRefusal(() =>
      checkClasses(input.classCount, input.classNames, gradeLabel, roster.length),
    );
    const seed = checkPlacementSeed(input.seed) ?? randomBytes(8).toString('hex');
    const by = await actingUser(tx, ctx.actor);
    const sealed = cipher.seal(
      JSON.stringify(input.entrants.map((e, i) => ({ key: roster[i]!.key, name: e.name.trim() }))),
    );
    const id = await insertPlacement(tx, {
      schoolId: school.id,
      countyCode: school.countyCode,
      year: input.year,
      stage,
      gradeLabel,
      classNames: names,
      studentsSealed: sealed,
      roster,
      seed,
      by: by.id,
    });
    await recordChange(
      tx,
      ctx,
      {
        action: 'classPlacement.create',
        entity: 'class_placement',
        entityId: id,
        after: {
          schoolId: school.id,
          year: input.year,
          stage,
          gradeLabel,
          classCount: names.length,
          students: roster.length,
          seed,
        },
      },
      by,
    );
    return viewOf(ctx.actor, await loadPlacement(tx, ctx.actor, id, 'view'));
  });
}

/** The demo cohort of a school: fictional names, scores for 初中 only. */
function demoEntrants(students: number, seed: string, withScores: boolean): EntrantInput[] {
  const cohort = demoCohort({ students, seed, scores: withScores });
  const names = demoNames(students, seed);
  const code = new Map<string, { t?: string; a?: string }>();
  cohort.constraints.together.forEach((g, i) => {
    for (const id of g) code.set(id, { t: `A${i + 1}` });
  });
  cohort.constraints.apart.forEach((p, i) => {
    for (const id of p) code.set(id, { a: `B${i + 1}` });
  });
  return cohort.students.map((s, i) => ({
    name: names[i]!,
    gender: s.gender,
    score: s.score ?? null,
    specialNeeds: s.specialNeeds === true,
    leftBehind: s.leftBehind === true,
    togetherCode: code.get(s.id)?.t ?? null,
    apartCode: code.get(s.id)?.a ?? null,
  }));
}

/** A new placement as the API takes it: its entrants, or the demo cohort of so many students. */
export type NewPlacementRequest = Omit<NewClassPlacement, 'entrants'> & {
  entrants?: EntrantInput[];
  demo?: { students: number };
};

/**
 * A placement from entrants given as JSON or the demo cohort (one of the two).
 * @throws Refusal invalidRequest (both or neither), and as createPlacement
 */
export async function createPlacementOf(
  ctx: CommandContext,
  input: NewPlacementRequest,
): Promise<ClassPlacementView> {
  const { demo, entrants: given, ...rest } = input;
  if ((given === undefined) === (demo === undefined))
    throw new Refusal('invalidRequest', 'classes.entrantsOrDemo');
  let entrants = given;
  if (demo) {
    const type = (await schoolPlace(ctx.db, input.schoolId))?.type;
    const junior = input.stage ? input.stage === 'junior' : type === 'junior' || type === 'completeMiddle';
    entrants = demoEntrants(demo.students, `${input.schoolId}-${input.year}-${demo.students}`, junior);
  }
  return createPlacement(ctx, { ...rest, entrants: entrants! });
}

/**
 * A placement from an uploaded 新生名单: refused before the file is read when the school is not the
 * user's to place; the reader's errors as 422; its warnings in the answer.
 * @throws Refusal notFound, notAllowed, and as createPlacement; ApiError 400 (no file), 422
 */
export async function importPlacement(
  ctx: CommandContext,
  query: Omit<NewClassPlacement, 'entrants'>,
  upload: Upload,
): Promise<ClassPlacementView & { warnings: string[] }> {
  await placementSchoolFor(ctx.db, ctx.actor, query.schoolId);
  const { bytes, name } = upload();
  const read = await importEntrantsBuffer(bytes, name);
  if (read.errors.length > 0 || !read.entrants) {
    throw importInvalid(read.errors, name, message('classes.uploadEntrantsWhat'));
  }
  const created = await createPlacement(ctx, { ...query, entrants: read.entrants });
  return { ...created, warnings: read.warnings };
}
