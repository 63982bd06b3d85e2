/** @module /api/classes: 均衡分班 placements, the balance report, publishing, head-teacher draws. */
import { get, post } from './client';
import { type UploadOptions, uploadFile } from './upload';

export type PlacementStatus = 'draft' | 'published';

export interface PlacementSummary {
  id: number;
  schoolId: string;
  schoolName: string;
  countyCode: string;
  year: number;
  stage: 'primary' | 'junior';
  gradeLabel: string;
  classCount: number;
  studentCount: number;
  status: PlacementStatus;
  version: number;
  meanSpread: number | null;
  snakeMeanSpread: number | null;
  headTeacherDrawId: number | null;
  updatedAt: string;
  updatedByName: string | null;
  publishedAt: string | null;
}

export interface RosterEntry {
  key: string;
  maskedName: string;
  gender: 'male' | 'female';
  score: number | null;
  specialNeeds: boolean;
  leftBehind: boolean;
  together: string | null;
  apart: string | null;
}

export interface ReportClass {
  classNo: number;
  name: string;
  size: number;
  meanScore: number | null;
  sdScore: number | null;
  male: number;
  female: number;
  specialNeeds: number;
  leftBehind: number;
  notes: string[];
}

export interface Spread {
  size: number;
  meanScore: number;
  sdScore: number;
  male: number;
  female: number;
  specialNeeds: number;
  leftBehind: number;
}

export interface ConstraintCheck {
  kind: 'together' | 'apart';
  code: string;
  members: string[];
  classes: string[];
  honoured: boolean;
  snakeHonoured: boolean;
}

export interface PlacementReport {
  seed: string;
  iterations: number;
  hasScores: boolean;
  classes: ReportClass[];
  snake: ReportClass[];
  spread: { ours: Spread; snake: Spread };
  meanSpreadRatio: number | null;
  violations: { ours: { together: number; apart: number }; snake: { together: number; apart: number } };
  constraints: ConstraintCheck[];
  allHonoured: boolean;
}

export interface ClassList {
  classNo: number;
  name: string;
  students: { no: number; maskedName: string; gender: string }[];
}

/**
 * What the viewer gets: full (the school, its county bureau: roster with each child's flags),
 * aggregate (inspectors, the city: per-class figures only), lists (published lists only).
 */
export type PlacementDetail = 'full' | 'aggregate' | 'lists';

export interface PlacementView extends PlacementSummary {
  classNames: string[];
  seed: string;
  detail: PlacementDetail;
  roster: RosterEntry[] | null;
  assignment: Record<string, number> | null;
  report: PlacementReport | null;
  classLists: ClassList[] | null;
  headTeachers: string[] | null;
  createdAt: string;
  createdByName: string | null;
  publishedByName: string | null;
  canEdit: boolean;
}

export interface HeadTeacherTable {
  drawId: number;
  teachers: string[];
  rows: { classNo: number; className: string; teacher: string; rank: number }[] | null;
}

export interface NewPlacement {
  schoolId: string;
  year: number;
  stage?: 'primary' | 'junior';
  gradeLabel?: string;
  classCount: number;
  demo?: { students: number };
}

export const listPlacements = (year: number, schoolId?: string) =>
  get<PlacementSummary[]>('/api/classes', { year, schoolId });
export const getPlacement = (id: number) => get<PlacementView>(`/api/classes/${id}`);
export const createPlacement = (body: NewPlacement) => post<PlacementView>('/api/classes', body);
export const runPlacement = (id: number, body: { version: number; classCount?: number; seed?: string }) =>
  post<PlacementView>(`/api/classes/${id}/run`, body);
export const publishPlacement = (id: number, version: number) =>
  post<PlacementView>(`/api/classes/${id}/publish`, { version });
export const headTeachers = (id: number) => get<HeadTeacherTable | null>(`/api/classes/${id}/head-teachers`);
export const createHeadTeacherDraw = (id: number, version: number, teachers: string[]) =>
  post<{ drawId: number; version: number }>(`/api/classes/${id}/head-teachers`, { version, teachers });

/** Uploads a 新生名单 file and creates a placement (422 importInvalid lists the errors). */
export function importEntrants(
  q: { schoolId: string; year: number; classCount: number; stage?: string; gradeLabel?: string },
  file: File,
  opts: UploadOptions = {},
) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return uploadFile<PlacementView & { warnings: string[] }>(`/api/classes/import?${params}`, file, opts);
}
