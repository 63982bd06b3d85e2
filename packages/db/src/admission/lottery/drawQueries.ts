/**
 * @module Reading draws: one or a county's list for a signed-in user, the ranks for the admission,
 * and the public record with its texts (cached: a drawn draw never changes).
 */
import { type Actor, can } from '@junheng/core';
import { AccessError, requireAllowed } from '../../platform/access.js';
import type { Database, Queryable } from '../../platform/database.js';
import { checkYear } from '../../platform/queryKit.js';
import {
  DRAW_SELECT,
  type DrawRow,
  detailOf,
  drawResource,
  isDrawId,
  notFoundMessage,
  readRow,
  toView,
} from './drawRecords.js';
import { parseResultText } from './drawResults.js';
import type { DrawDetail, DrawListQuery, DrawView, PublicDraw } from './drawTypes.js';

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
  const county = await db.query('SELECT 1 FROM region WHERE code = $1 AND level = $2', [code, 'county']);
  if (county.rows.length === 0) throw new AccessError('notFound', `没有找到县 ${code}`);
  const params: unknown[] = [code];
  let where = 'd.county_code = $1';
  if (query.year !== undefined) {
    params.push(checkYear(query.year));
    where += ` AND d.year = $${params.length}`;
  }
  if (query.purpose !== undefined) {
    if (query.purpose !== 'admission' && query.purpose !== 'headTeacher') {
      throw new AccessError(
        'invalidData',
        `派位用途只能是 admission 或 headTeacher，收到 ${String(query.purpose)}`,
      );
    }
    params.push(query.purpose);
    where += ` AND d.purpose = $${params.length}`;
  }
  const { rows } = await db.query<DrawRow>(
    `${DRAW_SELECT} WHERE ${where} ORDER BY d.committed_at DESC, d.id DESC`,
    params,
  );
  return rows
    .filter((r) => can(actor, 'view', drawResource(r.county_code, r.school_id, r.school_region)))
    .map((r) => detailOf(actor, r));
}

/**
 * Ranks after the draw: ticket → rank (1-based); null while not drawn (or no such draw). No
 * access check (callers have checked theirs); for use inside db commands.
 */
export async function drawRanks(db: Queryable, drawId: number): Promise<Map<string, number> | null> {
  const { rows } = await db.query<{ result_text: string | null }>(
    'SELECT result_text FROM lottery_draw WHERE id = $1',
    [drawId],
  );
  const resultText = rows[0]?.result_text;
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
    const { rows } = await db.query<{
      list_text: string;
      result_text: string | null;
      result_hash: string | null;
    }>('SELECT list_text, result_text, result_hash FROM lottery_draw WHERE id = $1', [id]);
    const t = rows[0]!;
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
  const county = await db.query('SELECT 1 FROM region WHERE code = $1 AND level = $2', [code, 'county']);
  if (county.rows.length === 0) throw new AccessError('notFound', `没有找到县 ${code}`);
  const { rows } = await db.query<DrawRow>(
    `${DRAW_SELECT} WHERE d.county_code = $1 ORDER BY d.committed_at DESC, d.id DESC`,
    [code],
  );
  return rows.map(toView);
}
