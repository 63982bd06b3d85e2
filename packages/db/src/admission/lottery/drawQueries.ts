/**
 * @module Reading draws: one or a county's list for a signed-in user, the ranks for the admission,
 * and the public record with its texts (cached: a drawn draw never changes).
 */
import { type Actor, can } from '@junheng/core';
import { AccessError, requireAllowed } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { checkYear } from '../../platform/queryKit.js';
import {
  detailOf,
  drawResource,
  drawsWithNames,
  isDrawId,
  notFoundMessage,
  readRow,
  toView,
} from './drawRecords.js';
import { parseResultText } from './drawResults.js';
import type { DrawDetail, DrawListQuery, DrawView, PublicDraw } from './drawTypes.js';

/**
 * The county of a list of draws, which must exist.
 * @throws AccessError notFound
 */
async function requireCounty(db: Queryable, code: string): Promise<void> {
  const county = await sqlOf(db)
    .selectFrom('region')
    .select('code')
    .where('code', '=', code)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county) throw new AccessError('notFound', `没有找到县 ${code}`);
}

/** Draws newest first (the order of both lists). */
function newestFirst(draws: ReturnType<typeof drawsWithNames>) {
  return draws.orderBy('d.committed_at', 'desc').orderBy('d.id', 'desc');
}

/**
 * One draw (every draw is public: anyone signed in may read it).
 * @throws AccessError notFound for an unknown id
 */
export async function getDraw(db: Database | Queryable, actor: Actor, id: number): Promise<DrawDetail> {
  if (!isDrawId(id)) throw new AccessError('notFound', notFoundMessage(id));
  const row = await readRow(db, id);
  if (!row) throw new AccessError('notFound', notFoundMessage(id));
  requireAllowed(
    actor,
    'view',
    drawResource(row.county_code, row.school_id, row.school_region),
    notFoundMessage(id),
  );
  return detailOf(actor, row);
}

/**
 * The draws of a county, newest first, optionally of one year and purpose (all public).
 * @throws AccessError notFound when the county does not exist
 */
export async function listDraws(
  db: Database | Queryable,
  actor: Actor,
  query: DrawListQuery,
): Promise<DrawDetail[]> {
  const code = String(query.countyCode ?? '');
  await requireCounty(db, code);
  let q = drawsWithNames(db).where('d.county_code', '=', code);
  if (query.year !== undefined) q = q.where('d.year', '=', checkYear(query.year));
  if (query.purpose !== undefined) {
    if (query.purpose !== 'admission' && query.purpose !== 'headTeacher') {
      throw new AccessError(
        'invalidData',
        `派位用途只能是 admission 或 headTeacher，收到 ${String(query.purpose)}`,
      );
    }
    q = q.where('d.purpose', '=', query.purpose);
  }
  const rows = await newestFirst(q).execute();
  return rows
    .filter((r) => can(actor, 'view', drawResource(r.county_code, r.school_id, r.school_region)))
    .map((r) => detailOf(actor, r));
}

/**
 * Ranks after the draw: ticket → rank (1-based); null while not drawn (or no such draw). No
 * access check (callers have checked theirs); for use inside db commands.
 */
export async function drawRanks(db: Queryable, drawId: number): Promise<Map<string, number> | null> {
  const row = await sqlOf(db)
    .selectFrom('lottery_draw')
    .select('result_text')
    .where('id', '=', drawId)
    .executeTakeFirst();
  const resultText = row?.result_text;
  if (!resultText) return null;
  const ranks = new Map<string, number>();
  const order = parseResultText(resultText);
  for (let k = 0; k < order.length; k++) ranks.set(order[k]!, k + 1);
  return ranks;
}

/** The texts of draws already read, per database handle: a drawn draw never changes (trigger). */
const textCache = new WeakMap<
  object,
  Map<number, { key: string; listText: string; resultText: string | null; order: string[] | null }>
>();
const TEXT_CACHE_SIZE = 6;

/**
 * A draw as the public sees it, no login: the record, the canonical list, and after the draw the
 * tickets by rank. Every committed draw is public (commitment before, result after).
 * @throws AccessError notFound for an unknown id
 */
export async function getPublicDraw(db: Database | Queryable, id: number): Promise<PublicDraw> {
  if (!isDrawId(id)) throw new AccessError('notFound', notFoundMessage(id));
  const row = await readRow(db, id);
  if (!row) throw new AccessError('notFound', notFoundMessage(id));
  // The texts change only once (committed → drawn): keyed by commitment and result hash.
  const key = `${row.commitment}/${row.result_hash ?? ''}`;
  let cache = textCache.get(db);
  if (!cache) {
    cache = new Map();
    textCache.set(db, cache);
  }
  let texts = cache.get(id);
  if (!texts || texts.key !== key) {
    const t = await sqlOf(db)
      .selectFrom('lottery_draw')
      .select(['list_text', 'result_text', 'result_hash'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    texts = {
      key: `${row.commitment}/${t.result_hash ?? ''}`,
      listText: t.list_text,
      resultText: t.result_text,
      order: t.result_text === null ? null : parseResultText(t.result_text),
    };
    cache.delete(id);
    cache.set(id, texts);
    while (cache.size > TEXT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    if (t.result_hash !== row.result_hash) {
      // Drawn between the two reads: the record read first is stale.
      return getPublicDraw(db, id);
    }
  }
  return { draw: toView(row), listText: texts.listText, order: texts.order, resultText: texts.resultText };
}

/**
 * The draws of a county for the public list (no login), newest first.
 * @throws AccessError notFound when the county does not exist
 */
export async function listPublicDraws(db: Database | Queryable, countyCode: string): Promise<DrawView[]> {
  const code = String(countyCode ?? '');
  await requireCounty(db, code);
  const rows = await newestFirst(drawsWithNames(db).where('d.county_code', '=', code)).execute();
  return rows.map(toView);
}
