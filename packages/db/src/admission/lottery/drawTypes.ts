/**
 * @module The shapes of stored 电脑派位 draws: purposes, a draw to create, as stored and as a
 * signed-in user sees it, what is entered at the draw, the public data and the printable protocol,
 * and the limits on their size.
 */
import type { DrawRecord } from '@junheng/core';

export type DrawPurpose = 'admission' | 'headTeacher';

/** 中文 names of the purposes. */
export const DRAW_PURPOSE_NAMES: Record<DrawPurpose, string> = {
  admission: '招生派位',
  headTeacher: '班主任派位',
};

/** A draw to create (and commit). */
export interface NewDraw {
  /** 6-digit county. */
  countyCode: string;
  /** Set for a school's own head-teacher draw. */
  schoolId?: string | null;
  /** School year (start year), e.g. 2026. */
  year: number;
  purpose: DrawPurpose;
  /** e.g. 2026年清源县小学招生电脑派位. */
  title: string;
  /** ONE entry per child/family (twins share one), core lottery entry. */
  entries: { ticket: string; secret: string }[];
  /** headTeacher: class names; rank i (1-based) takes slots[i-1]. */
  slots?: string[] | null;
  /**
   * admission: the admission_round it ranks — set only by admissionRounds.commitRoundDraw (the HTTP
   * API does not take it). Must be of the same county and year, and have no draw yet.
   */
  roundId?: number | null;
}

/** Someone present at the draw, e.g. {name:'王公证', role:'公证员'}. */
export interface DrawWitness {
  name: string;
  role: string;
}

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

/** A draw as a signed-in user sees it: with whether they may draw it. */
export interface DrawDetail extends DrawView {
  /** The actor may conduct the draw (edit on it), whether or not it is drawn yet. */
  canDraw: boolean;
}

/** What is entered at the draw. */
export interface ConductDrawInput {
  /** The digits drawn in public (spaces allowed for reading), ≥ 20 digits. */
  seed: string;
  /** Who runs the program. */
  operatorName: string;
  /** Who watched (at least one). */
  witnesses: DrawWitness[];
  /** Where the draw took place. */
  place: string;
  /** 公证处 and 公证员, when a notary attended. */
  notary?: string | null;
}

export interface DrawListQuery {
  countyCode: string;
  year?: number;
  purpose?: DrawPurpose;
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

/** The printable 派位公证记录. */
export interface DrawProtocol {
  draw: DrawView;
  record: DrawRecord;
  /** Plain text (core protocolText, with the draw's title and place). */
  text: string;
  /** Ranks printed in the text (all up to {@link PROTOCOL_ALL_RANKS} children, else the first ones). */
  ranksShown: number;
}

/** Most children in one draw. */
export const MAX_DRAW_ENTRIES = 200_000;
/** A protocol lists every rank up to this many children, else the first this many. */
export const PROTOCOL_ALL_RANKS = 500;
