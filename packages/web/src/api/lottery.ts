/** @module 电脑派位: the draws of the county (signed in) and the public verification data (no login). */
import { api, data, type Json, type JsonBody, type QueryOf } from './http';
import { uploadFile } from './upload';

export type DrawList = Json<'/api/lottery/draws'>;
/** A draw as a signed-in user sees it. */
export type Draw = Json<'/api/lottery/draws/{id}'>;
/** A draw as the public sees it. */
export type PublicDraw = Json<'/api/public/lottery/draws'>[number];
export type DrawPurpose = PublicDraw['purpose'];
export type DrawWitness = PublicDraw['witnesses'][number];
export type PublicDrawPage = Json<'/api/public/lottery/draws/{id}'>;
export type RankRow = NonNullable<PublicDrawPage['results']>['items'][number];
export type DrawProtocol = Json<'/api/lottery/draws/{id}/protocol'>;
export type ConductInput = JsonBody<'/api/lottery/draws/{id}/draw', 'post'>;

/**
 * A county bureau's own admission draw from a list. Head-teacher draws are made on the 均衡分班
 * page once the placement is published (createHeadTeacherDraw in api/classes.ts), never here.
 */
export type UploadDrawQuery = Pick<
  QueryOf<'/api/lottery/draws/upload', 'post'>,
  'year' | 'title' | 'countyCode'
>;

export const PURPOSE_NAMES: Record<DrawPurpose, string> = {
  admission: '招生派位',
  headTeacher: '班主任派位',
};

const path = (id: number) => ({ params: { path: { id } } });

export const listDraws = (countyCode?: string) =>
  data(api.GET('/api/lottery/draws', { params: { query: { countyCode } } }));
export const fetchDraw = (id: number) => data(api.GET('/api/lottery/draws/{id}', path(id)));
export const conductDraw = (id: number, body: ConductInput) =>
  data(api.POST('/api/lottery/draws/{id}/draw', { ...path(id), body }));
export const fetchProtocol = (id: number) => data(api.GET('/api/lottery/draws/{id}/protocol', path(id)));
export const protocolTxtUrl = (id: number) => `/api/lottery/draws/${id}/protocol.txt`;

/** Creates a draw from a file (.xlsx/.csv/.txt) or pasted text (sent as a .txt file). */
export function uploadDraw(q: UploadDrawQuery, file: File) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return uploadFile<Json<'/api/lottery/draws/upload', 'post'>>(`/api/lottery/draws/upload?${params}`, file);
}

/**
 * 核验码 for a list of 编号 (one per family), made on the server with node:crypto and returned once
 * (not stored): the page turns them into the 编号,核验码 file and the printable slips.
 */
export function generateSecrets(file: File, countyCode?: string) {
  const params = new URLSearchParams();
  if (countyCode) params.set('countyCode', countyCode);
  return uploadFile<Json<'/api/lottery/secrets', 'post'>>(`/api/lottery/secrets?${params}`, file);
}

export const fetchPublicDraw = (id: number, query: QueryOf<'/api/public/lottery/draws/{id}'> = {}) =>
  data(api.GET('/api/public/lottery/draws/{id}', { params: { path: { id }, query } }));
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
