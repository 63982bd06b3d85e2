/**
 * @module The county bureau's own admission draw from a list (the generic 新建派位 of the lottery page
 * and API): who may create one, and the refusals that say where a head-teacher or a school's draw
 * is made instead.
 */
import { type Actor, can, type Resource } from '@junheng/core';
import { AccessError, requireAllowed } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { createDraw } from './drawCommands.js';
import type { DrawDetail, DrawPurpose } from './drawTypes.js';

/** Whether the policy lets the actor create draws for the county (the page's 新建派位 button). */
export function canCreateDraw(actor: Actor, countyCode: string): boolean {
  return can(actor, 'edit', { kind: 'lotteryDraw', regionCode: countyCode, published: true });
}

/** Where a head-teacher draw is made instead (the message of every refusal below says it). */
export const HEAD_TEACHER_DRAW_HINT = '班主任派位请在“均衡分班”页面公示分班结果后进行';

/** A county's own list-based draw: always purpose admission, never a school's, never a round's. */
export interface NewStandaloneDraw {
  countyCode: string;
  year: number;
  /** Only 'admission'; anything else is refused with where to do it. */
  purpose?: DrawPurpose;
  /** Must be empty: a school does not create draws of its own here. */
  schoolId?: string | null;
  title: string;
  entries: { ticket: string; secret: string }[];
  /** Must be empty (only head-teacher draws have classes). */
  slots?: string[] | null;
}

/**
 * What may be created outside an admission round and a class placement: the county bureau's own
 * admission draw from a list (e.g. a 民办 school's 超额摇号 from the list it reported), with no
 * school. A head-teacher draw is made only through a PUBLISHED class placement
 * (classPlacementDraws.createHeadTeacherDraw, one per placement), so that a school cannot draw
 * several times and keep the result it likes; a round's draw only by its commit. Checked before an
 * uploaded list is read.
 * @throws AccessError invalidData (head-teacher purpose, a school's draw: the message says where),
 *   notFound (county invisible), notAllowed (not the county's bureau)
 */
export function checkStandaloneDraw(
  actor: Actor,
  input: { countyCode: string; purpose?: string | null; schoolId?: string | null },
): void {
  const purpose = input.purpose ?? 'admission';
  if (purpose === 'headTeacher') {
    throw new AccessError(
      'invalidData',
      `不能在这里新建班主任派位：${HEAD_TEACHER_DRAW_HINT}（填写班主任名单后建立派位，每个分班方案只派位一次、不能更换）`,
    );
  }
  if (purpose !== 'admission') {
    throw new AccessError('invalidData', `派位用途只能是 admission（招生派位），收到 ${String(purpose)}`);
  }
  if (input.schoolId !== undefined && input.schoolId !== null && input.schoolId !== '') {
    throw new AccessError(
      'invalidData',
      `学校不能在这里新建本校的派位：学校的超额摇号请把报名名单报县教育局，由教育局在“电脑派位”页面新建全县名下的招生派位；${HEAD_TEACHER_DRAW_HINT}`,
    );
  }
  const resource: Resource = { kind: 'lotteryDraw', regionCode: input.countyCode, published: true };
  requireAllowed(actor, 'view', resource, `没有找到县 ${input.countyCode}，或您无权查看`);
  if (!can(actor, 'edit', resource)) {
    throw new AccessError(
      'notAllowed',
      `只有县教育局可以新建电脑派位（按报名名单组织的招生派位）；${HEAD_TEACHER_DRAW_HINT}`,
    );
  }
}

/**
 * Creates a standalone county admission draw (the generic create of the lottery API and page):
 * {@link checkStandaloneDraw}, then {@link createDraw} with no school and no round.
 * @throws AccessError as checkStandaloneDraw and createDraw
 */
export function createStandaloneDraw(
  db: Database | Queryable,
  actor: Actor,
  input: NewStandaloneDraw,
  opts: { ip?: string | null; now?: Date } = {},
): Promise<DrawDetail> {
  try {
    if (typeof input !== 'object' || input === null) throw new AccessError('invalidData', '派位信息应为对象');
    checkStandaloneDraw(actor, input);
  } catch (err) {
    return Promise.reject(err);
  }
  return createDraw(
    db,
    actor,
    {
      countyCode: input.countyCode,
      schoolId: null,
      year: input.year,
      purpose: 'admission',
      title: input.title,
      entries: input.entries,
      slots: input.slots ?? null,
      roundId: null,
    },
    opts,
  );
}
