/** @module 电脑派位: the draws of the county (signed in) and the public verification data (no login). */
import { get, post } from './client';
import { uploadFile } from './upload';

export type DrawPurpose = 'admission' | 'headTeacher';

export interface DrawWitness {
  name: string;
  role: string;
}

/** A draw as the public sees it. */
export interface PublicDraw {
  id: number;
  countyCode: string;
  countyName: string;
  schoolId: string | null;
  schoolName: string | null;
  year: number;
  purpose: DrawPurpose;
  purposeName: string;
  title: string;
  roundId: number | null;
  slots: string[] | null;
  status: 'committed' | 'drawn';
  entryCount: number;
  commitment: string;
  seed: string | null;
  resultHash: string | null;
  committedAt: string;
  drawnAt: string | null;
  operatorName: string | null;
  witnesses: DrawWitness[];
  place: string | null;
  notary: string | null;
}

/** A draw as a signed-in user sees it. */
export interface Draw extends PublicDraw {
  committedByName: string | null;
  canDraw: boolean;
}

export interface DrawList {
  county: { code: string; name: string };
  canCreate: boolean;
  items: Draw[];
}

export interface RankRow {
  rank: number;
  ticket: string;
  slot: string | null;
}

export interface PublicDrawPage {
  draw: PublicDraw;
  results: { items: RankRow[]; total: number; page: number; pageSize: number } | null;
}

export interface DrawProtocol {
  record: {
    drawnAt: string;
    operator: string;
    witnesses: string[];
    notary?: string;
    commitment: string;
    seed: string;
    resultHash: string;
    entryCount: number;
  };
  text: string;
  ranksShown: number;
  ranks: RankRow[];
}

export interface ConductInput {
  seed: string;
  operatorName: string;
  witnesses: DrawWitness[];
  place: string;
  notary?: string | null;
}

/**
 * A county bureau's own admission draw from a list. Head-teacher draws are made on the 均衡分班
 * page once the placement is published (createHeadTeacherDraw in api/classes.ts), never here.
 */
export interface UploadDrawQuery {
  year: number;
  title: string;
  countyCode?: string;
}

export const PURPOSE_NAMES: Record<DrawPurpose, string> = {
  admission: '招生派位',
  headTeacher: '班主任派位',
};

export const listDraws = (countyCode?: string) => get<DrawList>('/api/lottery/draws', { countyCode });
export const fetchDraw = (id: number) => get<Draw>(`/api/lottery/draws/${id}`);
export const conductDraw = (id: number, body: ConductInput) =>
  post<Draw>(`/api/lottery/draws/${id}/draw`, body);
export const fetchProtocol = (id: number) => get<DrawProtocol>(`/api/lottery/draws/${id}/protocol`);
export const protocolTxtUrl = (id: number) => `/api/lottery/draws/${id}/protocol.txt`;

/** Creates a draw from a file (.xlsx/.csv/.txt) or pasted text (sent as a .txt file). */
export function uploadDraw(q: UploadDrawQuery, file: File): Promise<Draw> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return uploadFile<Draw>(`/api/lottery/draws/upload?${params}`, file);
}

/**
 * 核验码 for a list of 编号 (one per family), made on the server with node:crypto and returned once
 * (not stored): the page turns them into the 编号,核验码 file and the printable slips.
 */
export function generateSecrets(
  file: File,
  countyCode?: string,
): Promise<{ file: string; entries: { ticket: string; secret: string }[] }> {
  const params = new URLSearchParams();
  if (countyCode) params.set('countyCode', countyCode);
  return uploadFile(`/api/lottery/secrets?${params}`, file);
}

export const fetchPublicDraw = (
  id: number,
  query: { page?: number; pageSize?: number; ticket?: string } = {},
) => get<PublicDrawPage>(`/api/public/lottery/draws/${id}`, query);
export const publicListUrl = (id: number) => `/api/public/lottery/draws/${id}/list.txt`;
export const publicResultCsvUrl = (id: number) => `/api/public/lottery/draws/${id}/result.csv`;
export const publicResultTxtUrl = (id: number) => `/api/public/lottery/draws/${id}/result.txt`;

/** The seed in groups of four digits, for reading aloud. */
export function groupSeed(seed: string): string {
  return seed.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The exact command that replays a draw from the downloaded list. */
export function verifyCommand(draw: PublicDraw): string {
  return `junheng lottery verify list.txt ${draw.seed ?? '<种子>'} --result-hash ${draw.resultHash ?? '<结果哈希>'}`;
}
