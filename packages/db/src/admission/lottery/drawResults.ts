/**
 * @module A draw's texts: the canonical list and, once drawn, the result list (`rank,ticket\n` per
 * rank, as core writes it) with the tickets by rank — the public data (cached: a drawn draw never
 * changes) and the ranks an admission reads.
 */
import type { Queryable } from '../../platform/database.js';
import { sqlOf } from '../../platform/queryBuilder.js';
import { drawsWithNames, toView } from './drawRecords.js';
import type { PublicDraw } from './drawTypes.js';

/** The tickets by rank of a result list (`rank,ticket\n` per rank, as core writes it). */
export function parseResultText(resultText: string): string[] {
  const order: string[] = [];
  let start = 0;
  while (start < resultText.length) {
    const end = resultText.indexOf('\n', start);
    const comma = resultText.indexOf(',', start);
    order.push(resultText.slice(comma + 1, end));
    start = end + 1;
  }
  return order;
}

/**
 * Ranks after the draw: ticket → rank (1-based); null while not drawn (or no such draw). No
 * access check (callers have checked theirs).
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
 * A draw with its texts as the public sees it: the record, the canonical list, and after the draw
 * the tickets by rank (every committed draw is public). The texts of the last few draws read are
 * kept per database handle.
 * @returns undefined when there is no such draw
 */
export async function readPublicDraw(db: Queryable, id: number): Promise<PublicDraw | undefined> {
  const row = await drawsWithNames(db).where('d.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
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
      return readPublicDraw(db, id);
    }
  }
  return { draw: toView(row), listText: texts.listText, order: texts.order, resultText: texts.resultText };
}
