/** resultPage: one page of a drawn result, reading only what the page needs (anonymous endpoint). */
import { describe, expect, it } from 'vitest';
import { resultPage } from './present.js';

describe('resultPage: one page of a drawn result', () => {
  const order = Array.from(
    { length: 200_000 },
    (_, i) => `2026-${String((i * 7919) % 200_000).padStart(6, '0')}`,
  );
  /** Reference: every rank as an object, filtered, then cut (what the route did). */
  const naive = (o: string[], slots: string[] | null, page: number, pageSize: number, ticket?: string) => {
    const all = o.map((t, k) => ({ rank: k + 1, ticket: t, slot: slots ? (slots[k] ?? null) : null }));
    const hits = ticket ? all.filter((r) => r.ticket.includes(ticket)) : all;
    return { items: hits.slice((page - 1) * pageSize, page * pageSize), total: hits.length, page, pageSize };
  };

  it('reads only the ranks of the page when not searching', () => {
    let reads = 0;
    const watched = new Proxy(order, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const p = resultPage(watched, null, { page: 3, pageSize: 50 });
    expect(reads).toBeLessThanOrEqual(50);
    expect(p.total).toBe(200_000);
    expect(p.items[0]).toEqual({ rank: 101, ticket: order[100], slot: null });
    expect(p).toEqual(naive(order, null, 3, 50));
  });

  it('gives what every-rank-then-filter gives: searched, past the end, with classes', () => {
    const slots = ['一（1）班', '一（2）班', '一（3）班'];
    const small = ['2026-000105', '2026-000102', '张*明 2019-03', '2026-000101', '2026-000103'];
    for (const [ticket, page, pageSize] of [
      [undefined, 1, 2],
      [undefined, 3, 2],
      [undefined, 4, 2],
      ['2026-0001', 1, 3],
      ['2026-0001', 2, 3],
      ['2019', 1, 50],
      ['没有', 1, 50],
    ] as const) {
      expect(resultPage(small, slots, { page, pageSize, ticket }), `${ticket} ${page}`).toEqual(
        naive(small, slots, page, pageSize, ticket),
      );
    }
    expect(resultPage(order, null, { page: 7, pageSize: 20, ticket: '12' })).toEqual(
      naive(order, null, 7, 20, '12'),
    );
  });
});
