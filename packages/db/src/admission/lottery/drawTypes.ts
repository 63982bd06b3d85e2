/**
 * @module The shapes of stored 电脑派位 draws as the repositories read them: a draw without its
 * texts, and the public data (the draw with its canonical list and, once drawn, its result). What a
 * draw is created with and what is entered at the draw are core's (admission/lottery/drawInput.ts).
 */
import type { DrawPurpose, DrawWitness } from '@junheng/core';

/** A draw as stored (without its texts). */
export interface DrawView {
  id: number;
  countyCode: string;
  countyName: string;
  schoolId: string | null;
  schoolName: string | null;
  year: number;
  purpose: DrawPurpose;
  title: string;
  roundId: number | null;
  slots: string[] | null;
  status: 'committed' | 'drawn';
  entryCount: number;
  /** Hex SHA-256 of the canonical list, published before the draw. */
  commitment: string;
  seed: string | null;
  resultHash: string | null;
  committedAt: Date;
  committedByName: string | null;
  drawnAt: Date | null;
  operatorName: string | null;
  witnesses: DrawWitness[];
  place: string | null;
  /** 公证处 and 公证员, when a notary attended. */
  notary: string | null;
}

/**
 * A draw as a signed-in user sees it: with whether they may draw it. The answer of the draws kept
 * for the rounds (legacyDraws.ts); the server's presenter answers the same shape.
 */
export interface DrawDetail extends DrawView {
  /** The actor may conduct the draw (edit on it), whether or not it is drawn yet. */
  canDraw: boolean;
}

/** What the public page and files are made of. */
export interface PublicDraw {
  draw: DrawView;
  /** The canonical list (list.txt), exactly the bytes whose SHA-256 is the commitment. */
  listText: string;
  /** Tickets by rank (order[0] has rank 1); null while not drawn. */
  order: readonly string[] | null;
  /** The result list `rank,ticket\n` (its SHA-256 is the result hash); null while not drawn. */
  resultText: string | null;
}
