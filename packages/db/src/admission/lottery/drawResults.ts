/**
 * @module A drawn result list (`rank,ticket\n` per rank, as core writes it): the tickets by rank, and
 * one page of them as the public result table shows it.
 */

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

/** One page of a drawn result, as the public result table shows it. */
export interface ResultPage {
  items: { rank: number; ticket: string; slot: string | null }[];
  /** Ranks in the result, or those whose ticket contains the searched text. */
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of the tickets by rank, optionally only those whose ticket contains `ticket`. Builds
 * objects for the page only (a draw has up to 200,000 ranks; the public endpoint is anonymous).
 * @param order tickets by rank (order[0] has rank 1), from getPublicDraw
 * @param slots head-teacher classes (rank i takes slots[i-1]; beyond them: null), or null
 */
export function resultPage(
  order: readonly string[],
  slots: readonly string[] | null,
  query: { page: number; pageSize: number; ticket?: string | undefined },
): ResultPage {
  const { page, pageSize } = query;
  const from = (page - 1) * pageSize;
  const to = from + pageSize;
  const row = (k: number) => ({ rank: k + 1, ticket: order[k]!, slot: slots ? (slots[k] ?? null) : null });
  const items: ResultPage['items'] = [];
  const q = query.ticket;
  if (!q) {
    const end = Math.min(to, order.length);
    for (let k = from; k < end; k++) items.push(row(k));
    return { items, total: order.length, page, pageSize };
  }
  let total = 0;
  for (let k = 0; k < order.length; k++) {
    if (!order[k]!.includes(q)) continue;
    if (total >= from && total < to) items.push(row(k));
    total++;
  }
  return { items, total, page, pageSize };
}
