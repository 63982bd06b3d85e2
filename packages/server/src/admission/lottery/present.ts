/**
 * @module 电脑派位 answers: a draw as a signed-in user sees it (whether they may draw it, the
 * purpose's name), as the public sees it (no account names), one page of a drawn result, and the
 * result as a CSV table. Every draw is public (see commands/drawAccess.ts), so nothing is masked.
 */
import { type Actor, can, DRAW_PURPOSE_NAMES } from '@junheng/core';
import type { DrawView, StoredDraw } from '@junheng/db';
import { drawResource } from './commands/drawAccess.js';

/** A draw as a signed-in user sees it: with whether they may draw it. */
export interface DrawDetail extends DrawView {
  /** The actor may conduct the draw (edit on it), whether or not it is drawn yet. */
  canDraw: boolean;
}

/** A stored draw with whether the actor may conduct it. */
export function drawDetail(actor: Actor, d: StoredDraw): DrawDetail {
  const { schoolRegion, ...view } = d;
  return { ...view, canDraw: can(actor, 'edit', drawResource(d.countyCode, d.schoolId, schoolRegion)) };
}

/** A draw with its purpose's name (the signed-in answers). */
export function presentDraw<T extends DrawView>(d: T) {
  return { ...d, purposeName: DRAW_PURPOSE_NAMES[d.purpose] };
}

/** A draw as the public sees it: without who committed it. */
export function presentPublicDraw(d: DrawView) {
  const { committedByName: _c, ...rest } = d;
  return { ...rest, purposeName: DRAW_PURPOSE_NAMES[d.purpose] };
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
 * @param order tickets by rank (order[0] has rank 1)
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

/** The ranks a protocol shows, with the class each takes in a head-teacher draw. */
export function protocolRanks(order: readonly string[], shown: number, slots: readonly string[] | null) {
  return order.slice(0, shown).map((ticket, k) => ({
    rank: k + 1,
    ticket,
    slot: slots ? (slots[k] ?? null) : null,
  }));
}

/** The drawn result as a table (名次、编号, and 班级 in a head-teacher draw; 候补 past the classes). */
export function resultTable(
  order: readonly string[],
  slots: readonly string[] | null,
): (string | number)[][] {
  const header = slots ? ['名次', '编号', '班级'] : ['名次', '编号'];
  const rows = order.map((ticket, k) => (slots ? [k + 1, ticket, slots[k] ?? '候补'] : [k + 1, ticket]));
  return [header, ...rows];
}
