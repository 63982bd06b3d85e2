/**
 * @module Reading draws: a county's list and one draw for a signed-in user, the printable protocol
 * (on screen, and as a text file whose export is audited), and for the public without login the
 * county's list, a draw with one page of its result, and its texts (list.txt, the result list and
 * table). Every committed draw is public: commitment before the draw, result after.
 */
import { can, type DrawPurpose, Refusal, requireAllowed } from '@junheng/core';
import {
  countyByCode,
  type DrawView,
  isDrawId,
  listCountyDraws,
  type PublicDraw,
  type Queryable,
  readPublicDraw,
  regionName,
} from '@junheng/db';
import { type CommandContext, recordChange } from '../../../platform/commands.js';
import { type DrawDetail, drawDetail, protocolRanks, type ResultPage, resultPage } from '../present.js';
import { buildProtocol, type DrawProtocol } from '../protocol.js';
import { countyOfRequest, drawNotFound, requireDraw, resourceOfDraw } from './drawAccess.js';
import { canCreateDraw } from './standaloneDraws.js';

/** What the public reads need: the database (no actor). */
export type PublicContext = Pick<CommandContext, 'db'>;

/**
 * The county of a list of draws, which must exist.
 * @throws Refusal notFound
 */
async function requireCounty(db: Queryable, code: string): Promise<void> {
  if (!(await countyByCode(db, code))) throw new Refusal('notFound', 'lottery.countyNotFound', { code });
}

/**
 * The draws of a county (the one asked for, else the user's own), newest first, optionally of one
 * year and purpose (all public), with whether the user may create one there.
 * @throws Refusal notFound when the county does not exist, invalidRequest for an unknown purpose
 */
export async function listDraws(
  ctx: CommandContext,
  query: { countyCode?: string; year?: number; purpose?: DrawPurpose },
): Promise<{ county: { code: string; name: string }; canCreate: boolean; items: DrawDetail[] }> {
  const code = await countyOfRequest(ctx.db, ctx.actor, query.countyCode);
  await requireCounty(ctx.db, code);
  if (query.year !== undefined && (!Number.isInteger(query.year) || query.year < 2000 || query.year > 2100)) {
    throw new Refusal('invalidRequest', 'lottery.yearInvalid', { value: String(query.year) });
  }
  if (query.purpose !== undefined && query.purpose !== 'admission' && query.purpose !== 'headTeacher') {
    throw new Refusal('invalidRequest', 'lottery.purposeFilterInvalid', { value: String(query.purpose) });
  }
  const rows = await listCountyDraws(ctx.db, { countyCode: code, year: query.year, purpose: query.purpose });
  const items = rows
    .filter((r) => can(ctx.actor, 'view', resourceOfDraw(r)))
    .map((r) => drawDetail(ctx.actor, r));
  const name = await regionName(ctx.db, code);
  return { county: { code, name: name ?? code }, canCreate: canCreateDraw(ctx.actor, code), items };
}

/**
 * One draw (every draw is public: anyone signed in may read it).
 * @throws Refusal notFound for an unknown id
 */
export async function getDraw(ctx: CommandContext, id: number): Promise<DrawDetail> {
  const row = await requireDraw(ctx.db, id);
  requireAllowed(ctx.actor, 'view', resourceOfDraw(row), drawNotFound(id));
  return drawDetail(ctx.actor, row);
}

/**
 * A draw as the public sees it, no login: the record, the canonical list, and after the draw the
 * tickets by rank.
 * @throws Refusal notFound for an unknown id
 */
export async function getPublicDraw(ctx: PublicContext, id: number): Promise<PublicDraw> {
  const pub = isDrawId(id) ? await readPublicDraw(ctx.db, id) : undefined;
  if (!pub) throw new Refusal('notFound', 'lottery.drawNotFound', { id: String(id) });
  return pub;
}

/**
 * The draws of a county for the public list (no login), newest first.
 * @throws Refusal notFound when the county does not exist
 */
export async function listPublicDraws(ctx: PublicContext, countyCode: string): Promise<DrawView[]> {
  const code = String(countyCode ?? '');
  await requireCounty(ctx.db, code);
  return (await listCountyDraws(ctx.db, { countyCode: code })).map(({ schoolRegion: _r, ...view }) => view);
}

/**
 * A draw as the public sees it with one page of its result (null before the draw), optionally only
 * the ranks whose ticket contains `ticket`. Objects for the requested page only (up to 200,000
 * ranks, anonymous).
 * @throws Refusal notFound
 */
export async function publicDrawPage(
  ctx: PublicContext,
  id: number,
  query: { page: number; pageSize: number; ticket?: string },
): Promise<{ draw: DrawView; results: ResultPage | null }> {
  const pub = await getPublicDraw(ctx, id);
  const { page, pageSize } = query;
  const results = pub.order
    ? resultPage(pub.order, pub.draw.slots, { page, pageSize, ticket: query.ticket?.trim() })
    : null;
  return { draw: pub.draw, results };
}

/**
 * A drawn draw's result: the tickets by rank and the result list.
 * @throws Refusal notFound (no such draw, or not drawn yet)
 */
export async function drawnResult(
  ctx: PublicContext,
  id: number,
): Promise<{ draw: DrawView; order: readonly string[]; resultText: string }> {
  const pub = await getPublicDraw(ctx, id);
  if (pub.order === null || pub.resultText === null) {
    throw new Refusal('notFound', 'lottery.resultNotDrawn', { title: pub.draw.title });
  }
  return { draw: pub.draw, order: pub.order, resultText: pub.resultText };
}

/**
 * The printable 派位公证记录 of a drawn draw, with the ranks it shows.
 * @throws Refusal notFound; wrongState when not drawn yet
 */
export async function drawProtocol(
  ctx: CommandContext,
  id: number,
): Promise<DrawProtocol & { ranks: ReturnType<typeof protocolRanks> }> {
  await getDraw(ctx, id);
  const pub = await getPublicDraw(ctx, id);
  const p = buildProtocol(pub);
  return { ...p, ranks: protocolRanks(pub.order ?? [], p.ranksShown, p.draw.slots) };
}

/**
 * The protocol as a text file: its export is audited ('export.lotteryProtocol') before it is sent.
 * @throws Refusal notFound; wrongState when not drawn yet
 */
export async function exportDrawProtocol(ctx: CommandContext, id: number): Promise<DrawProtocol> {
  await getDraw(ctx, id);
  const p = buildProtocol(await getPublicDraw(ctx, id));
  await recordChange(ctx.db, ctx, {
    action: 'export.lotteryProtocol',
    entity: 'lottery_draw',
    entityId: id,
    after: { title: p.draw.title, resultHash: p.draw.resultHash },
  });
  return p;
}
