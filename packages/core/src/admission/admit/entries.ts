/**
 * @module The lottery entries of an admission round: ONE entry per family, never per application.
 * Twins or siblings applying together (the same 多胞胎/同户编号) share one entry and so one random
 * rank, and are admitted or refused together. The entry's ticket is the family's first ticket
 * (smallest in the lottery's ticket order), so the canonical list stays one line per entry.
 */
import { compareTickets } from '../lottery/canonical.js';
import { familyEntryKey } from './admit.js';

/** What the entries are built from: an applicant's id, ticket and family key. */
export interface EntryApplicant {
  readonly id: string;
  readonly ticket: string;
  readonly familyKey: string | null;
}

/** One lottery entry of a round. */
export interface FamilyEntry {
  /** The family's first ticket: the entry's ticket in the draw. */
  readonly ticket: string;
  /** Every child of the entry, their own tickets in ticket order. */
  readonly members: readonly { readonly id: string; readonly ticket: string }[];
}

/**
 * Groups applicants into lottery entries (families), in ticket order.
 * @returns one entry per family key, and one per applicant without a family key
 */
export function familyEntries(applicants: readonly EntryApplicant[]): FamilyEntry[] {
  const groups = new Map<string, { id: string; ticket: string }[]>();
  for (const a of applicants) {
    const key = familyEntryKey(a);
    const g = groups.get(key);
    if (g) g.push({ id: a.id, ticket: a.ticket });
    else groups.set(key, [{ id: a.id, ticket: a.ticket }]);
  }
  const entries = [...groups.values()].map((members) => {
    members.sort((x, y) => compareTickets(x.ticket, y.ticket));
    return { ticket: members[0]!.ticket, members };
  });
  entries.sort((x, y) => compareTickets(x.ticket, y.ticket));
  return entries;
}

/**
 * Each applicant's rank from the draw's ranks by entry ticket (what the stored draw returns).
 * @returns applicant id → rank; applicants whose entry has no rank are left out
 */
export function applicantRanks(
  entries: readonly FamilyEntry[],
  ranksByTicket: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    const r = ranksByTicket.get(e.ticket);
    if (r === undefined) continue;
    for (const m of e.members) out.set(m.id, r);
  }
  return out;
}
