/** @module /api/classes: 均衡分班 placements, the balance report, publishing, head-teacher draws. */
import { api, data, type Json, type JsonBody, type QueryOf } from './http';
import { type UploadOptions, uploadFile } from './upload';

export type PlacementSummary = Json<'/api/classes'>[number];
export type PlacementStatus = PlacementSummary['status'];
export type PlacementView = Json<'/api/classes/{id}'>;
/**
 * What the viewer gets: full (the school, its county bureau: roster with each child's flags),
 * aggregate (inspectors, the city: per-class figures only), lists (published lists only).
 */
export type PlacementDetail = PlacementView['detail'];
export type RosterEntry = NonNullable<PlacementView['roster']>[number];
export type PlacementReport = NonNullable<PlacementView['report']>;
export type ReportClass = PlacementReport['classes'][number];
export type Spread = PlacementReport['spread']['ours'];
export type ConstraintCheck = PlacementReport['constraints'][number];
export type ClassList = NonNullable<PlacementView['classLists']>[number];
export type HeadTeacherTable = NonNullable<Json<'/api/classes/{id}/head-teachers'>>;
export type NewPlacement = JsonBody<'/api/classes', 'post'>;

const path = (id: number) => ({ params: { path: { id } } });

export const listPlacements = (year: number, schoolId?: string) =>
  data(api.GET('/api/classes', { params: { query: { year, schoolId } } }));
export const getPlacement = (id: number) => data(api.GET('/api/classes/{id}', path(id)));
export const createPlacement = (body: NewPlacement) => data(api.POST('/api/classes', { body }));
export const runPlacement = (id: number, body: JsonBody<'/api/classes/{id}/run', 'post'>) =>
  data(api.POST('/api/classes/{id}/run', { ...path(id), body }));
export const publishPlacement = (id: number, version: number) =>
  data(api.POST('/api/classes/{id}/publish', { ...path(id), body: { version } }));
export const headTeachers = (id: number) => data(api.GET('/api/classes/{id}/head-teachers', path(id)));
export const createHeadTeacherDraw = (id: number, version: number, teachers: string[]) =>
  data(api.POST('/api/classes/{id}/head-teachers', { ...path(id), body: { version, teachers } }));

/** Uploads a 新生名单 file and creates a placement (422 importInvalid lists the errors). */
export function importEntrants(
  q: QueryOf<'/api/classes/import', 'post'>,
  file: File,
  opts: UploadOptions = {},
) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return uploadFile<Json<'/api/classes/import', 'post'>>(`/api/classes/import?${params}`, file, opts);
}
