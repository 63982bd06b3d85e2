/**
 * @module The county bureau's own admission draw from a list (the generic 新建派位 of the lottery page
 * and API): who may create one (checked before an uploaded list is read), the refusals that say
 * where a head-teacher or a school's draw is made instead, the draw from entries or from an
 * uploaded list, and the 核验码 generated for a list of tickets.
 */
import { randomBytes } from 'node:crypto';
import {
  type Actor,
  can,
  type DrawPurpose,
  GENERATED_SECRET_HEX_DIGITS,
  message,
  Refusal,
  type Resource,
  requireAllowed,
} from '@junheng/core';
import { readLotteryEntries, readLotteryTickets } from '@junheng/io';
import type { CommandContext } from '../../../platform/commands.js';
import { importInvalid } from '../../../platform/upload.js';
import type { DrawDetail } from '../present.js';
import { createDraw } from './createDraw.js';
import { countyOfRequest } from './drawAccess.js';

/** Whether the policy lets the actor create draws for the county (the page's 新建派位 button). */
export function canCreateDraw(actor: Actor, countyCode: string): boolean {
  return can(actor, 'edit', { kind: 'lotteryDraw', regionCode: countyCode, published: true });
}

/** A county's own list-based draw: always purpose admission, never a school's, never a round's. */
export interface NewStandaloneDraw {
  /** Default: the user's own county. */
  countyCode?: string;
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

/** An uploaded file, read only once the actor may create the draw (platform/upload.ts uploadedFile). */
export type Upload = () => { bytes: Buffer; name: string };

/**
 * What may be created outside an admission round and a class placement: the county bureau's own
 * admission draw from a list (e.g. a 民办 school's 超额摇号 from the list it reported), with no
 * school. A head-teacher draw is made only through a PUBLISHED class placement (one per
 * placement), so that a school cannot draw several times and keep the result it likes; a round's
 * draw only by its commit.
 * @throws Refusal invalidRequest (head-teacher purpose, a school's draw: the message says where),
 *   notFound (county invisible), notAllowed (not the county's bureau)
 */
export function checkStandaloneDraw(
  actor: Actor,
  input: { countyCode: string; purpose?: string | null; schoolId?: string | null },
): void {
  const purpose = input.purpose ?? 'admission';
  if (purpose === 'headTeacher') throw new Refusal('invalidRequest', 'lottery.standaloneHeadTeacher');
  if (purpose !== 'admission') {
    throw new Refusal('invalidRequest', 'lottery.standalonePurposeInvalid', { value: String(purpose) });
  }
  if (input.schoolId !== undefined && input.schoolId !== null && input.schoolId !== '') {
    throw new Refusal('invalidRequest', 'lottery.standaloneSchool');
  }
  const resource: Resource = { kind: 'lotteryDraw', regionCode: input.countyCode, published: true };
  requireAllowed(actor, 'view', resource, {
    key: 'lottery.countyNotVisible',
    params: { code: input.countyCode },
  });
  if (!can(actor, 'edit', resource)) throw new Refusal('notAllowed', 'lottery.standaloneNotBureau');
}

/**
 * Creates a standalone county admission draw (the generic create of the lottery API and page):
 * {@link checkStandaloneDraw}, then createDraw with no school and no round.
 * @throws Refusal as checkStandaloneDraw and createDraw
 */
export async function createStandaloneDraw(
  ctx: CommandContext,
  input: NewStandaloneDraw,
): Promise<DrawDetail> {
  if (typeof input !== 'object' || input === null) throw new Refusal('invalidRequest', 'lottery.notObject');
  const countyCode = input.countyCode ?? (await countyOfRequest(ctx.db, ctx.actor));
  checkStandaloneDraw(ctx.actor, { ...input, countyCode });
  return createDraw(ctx, {
    countyCode,
    schoolId: null,
    year: input.year,
    purpose: 'admission',
    title: input.title,
    entries: input.entries,
    slots: input.slots ?? null,
    roundId: null,
  });
}

/**
 * A standalone draw from an uploaded list (.xlsx / .csv / .txt, 编号 and 核验码): who may create it
 * is checked before the file is read; the reader's errors answer 422 and no draw is made.
 * @throws Refusal as createStandaloneDraw; ApiError 400 (no file), 422 importInvalid
 */
export async function createDrawFromUpload(
  ctx: CommandContext,
  query: { countyCode?: string; schoolId?: string; year: number; purpose?: DrawPurpose; title: string },
  upload: Upload,
): Promise<DrawDetail> {
  const countyCode = query.countyCode ?? (await countyOfRequest(ctx.db, ctx.actor));
  checkStandaloneDraw(ctx.actor, { countyCode, purpose: query.purpose, schoolId: query.schoolId });
  const { bytes, name } = upload();
  const read = await readLotteryEntries(bytes, name);
  if (read.errors.length > 0) throw importInvalid(read.errors, name, message('lottery.uploadListWhat'));
  return createStandaloneDraw(ctx, {
    countyCode,
    year: query.year,
    title: query.title,
    entries: read.entries,
  });
}

/**
 * 核验码 for an uploaded list of tickets (每户 128 位随机数, node:crypto: a family's 核验码 must be
 * unguessable, never Math.random). Only who may create the county's draw; not stored (the draw keeps
 * only the digests of the list uploaded afterwards), returned once.
 * @throws Refusal as checkStandaloneDraw; ApiError 400 (no file), 422 importInvalid
 */
export async function generateSecrets(
  ctx: CommandContext,
  query: { countyCode?: string },
  upload: Upload,
): Promise<{ file: string; entries: { ticket: string; secret: string }[] }> {
  const countyCode = query.countyCode ?? (await countyOfRequest(ctx.db, ctx.actor));
  checkStandaloneDraw(ctx.actor, { countyCode });
  const { bytes, name } = upload();
  const read = await readLotteryTickets(bytes, name);
  if (read.errors.length > 0) throw importInvalid(read.errors, name, message('lottery.uploadTicketsWhat'));
  const entries = read.tickets.map((ticket) => ({
    ticket,
    secret: randomBytes(GENERATED_SECRET_HEX_DIGITS / 2).toString('hex'),
  }));
  return { file: name, entries };
}
