/** @module /api/admission: 招生轮次, applicants (masked lists, audited full reads and exports), import, commit, admission, results. */
import { get, post, put, request } from './client';
import { downloadFile } from './download';
import type { Page } from './types';
import { type UploadOptions, uploadFile } from './upload';

export type RoundStatus = 'open' | 'committed' | 'admitted';
export type PlacementHow = 'zone' | 'lottery' | 'assigned' | 'migrantGuarantee' | 'pending';
export type SpecialNeeds = 'learningInClass' | 'specialSchool' | 'homeTeaching' | 'other';

export interface AdmissionCategory {
  id: string;
  name: string;
  migrantGuarantee: boolean;
}

export interface RoundSummary {
  id: number;
  countyCode: string;
  countyName: string;
  year: number;
  stage: 'primary' | 'junior';
  title: string;
  status: RoundStatus;
  drawId: number | null;
  applicantCount: number;
  placesTotal: number;
  version: number;
  updatedAt: string;
}

export interface RoundSchool {
  schoolId: string;
  schoolName: string;
  group: string;
  places: number;
  zoneApplicants: number;
}

export interface RoundDetail extends RoundSummary {
  categories: AdmissionCategory[];
  siblingPriority: boolean;
  schools: RoundSchool[];
  familyCount: number;
  drawStatus: 'committed' | 'drawn' | null;
  admittedAt: string | null;
  updatedByName: string | null;
  canEdit: boolean;
  canViewApplicants: boolean;
  /** Full records and exports with personal data (the bureau; a school's clerk); else masked only. */
  canViewPersonal: boolean;
}

export interface ApplicantItem {
  id: number;
  roundId: number;
  ticket: string;
  nameMasked: string;
  idNumberMasked: string;
  guardianNameMasked: string;
  phoneMasked: string;
  gender: 'male' | 'female';
  birthMonth: string;
  areaName: string | null;
  zoneSchoolId: string | null;
  zoneSchoolName: string | null;
  category: string;
  categoryName: string;
  migrantEligible: boolean;
  specialNeeds: SpecialNeeds | null;
  siblingAtSchool: boolean;
  familyKey: string | null;
  choices: string[];
  placementSchoolId: string | null;
  placementSchoolName: string | null;
  placementHow: PlacementHow | null;
  placementLabel: string | null;
  lotteryRank: number | null;
  version: number;
  updatedAt: string;
}

export interface ApplicantDetail extends ApplicantItem {
  name: string;
  idNumber: string;
  guardianName: string;
  phone: string;
  address: string | null;
  specialNeedsNote: string | null;
  /** 核验码 of the family's lottery entry; null for a school user (only the bureau prints notices). */
  secret: string | null;
  lotteryTicket: string;
}

/** What the form sends. */
export interface ApplicantInput {
  name: string;
  idNumber: string;
  gender?: 'male' | 'female' | null;
  guardianName: string;
  phone: string;
  address?: string | null;
  areaName?: string | null;
  zoneSchoolId: string | null;
  category: string;
  migrantEligible: boolean;
  specialNeeds: SpecialNeeds | null;
  specialNeedsNote?: string | null;
  siblingAtSchool: boolean;
  familyKey: string | null;
  choices: string[];
}

export interface SchoolResult {
  schoolId: string;
  schoolName: string;
  group: string;
  capacity: number;
  zoneApplicants: number;
  admittedByCategory: Record<string, number>;
  zoneAdmitted: number;
  refused: number;
  assigned: number;
  migrantGuaranteed: number;
  seatsLeft: number;
  cutOff: { categoryId: string; siblings: boolean | null } | null;
  lotteryUsed: boolean;
}

export interface RoundResults {
  round: RoundDetail;
  schools: SchoolResult[];
  pending: number | null;
  migrants: { eligible: number; placed: number } | null;
  /** 志愿录取方式对比 (null before admission and for a school user). */
  choiceComparison: ChoiceComparison | null;
}

/** One mechanism's figures on the children who went to 统筹 with 志愿. */
export interface ChoiceMechanismRow {
  mechanism: 'deferred-acceptance' | 'boston';
  name: string;
  label: string;
  strategyProof: boolean;
  placed: number;
  firstChoice: number;
  unplaced: number;
  /** Children with justified envy (placed below a school where they out-ranked someone admitted). */
  envyApplicants: number;
  justifiedEnvyPairs: number;
}

export interface ChoiceComparison {
  basis: 'seatsLeftForAssignment';
  applicants: number;
  seats: number;
  rows: ChoiceMechanismRow[];
}

export interface ApplicantQuery {
  zoneSchoolId?: string;
  placementSchoolId?: string;
  category?: string;
  status?: 'unplaced' | 'placed' | 'pending' | 'migrant' | 'special';
  q?: string;
  page?: number;
  pageSize?: number;
}

/** One located import error (422 importInvalid details). */
export interface ImportRowError {
  code?: string;
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  value?: unknown;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  fix?: string;
}

export const PLACEMENT_HOW_NAMES: Record<PlacementHow, string> = {
  zone: '本片区按类别录取',
  lottery: '派位录取',
  assigned: '统筹安排',
  migrantGuarantee: '随迁子女保障',
  pending: '待统筹安排',
};
export const SPECIAL_NEEDS_NAMES: Record<SpecialNeeds, string> = {
  learningInClass: '随班就读',
  specialSchool: '特教学校',
  homeTeaching: '送教上门',
  other: '其他',
};
export const ROUND_STATUS_NAMES: Record<RoundStatus, string> = {
  open: '报名中',
  committed: '名单已公布，待派位',
  admitted: '已录取',
};

const base = '/api/admission';
export const listRounds = () => get<RoundSummary[]>(`${base}/rounds`);
export const getRound = (id: number) => get<RoundDetail>(`${base}/rounds/${id}`);
export const createRound = (body: { year: number; stage: 'primary' | 'junior'; title: string }) =>
  post<RoundDetail>(`${base}/rounds`, body);
export const updateRound = (
  id: number,
  body: {
    version: number;
    title?: string;
    categories?: AdmissionCategory[];
    siblingPriority?: boolean;
    places?: { schoolId: string; places: number }[];
  },
) => put<RoundDetail>(`${base}/rounds/${id}`, body);
export const listApplicants = (roundId: number, q: ApplicantQuery) =>
  get<Page<ApplicantItem>>(`${base}/rounds/${roundId}/applicants`, { ...q });
export const addApplicant = (roundId: number, body: ApplicantInput) =>
  post<ApplicantItem>(`${base}/rounds/${roundId}/applicants`, body);
export const updateApplicant = (id: number, body: ApplicantInput & { version: number }) =>
  put<ApplicantItem>(`${base}/applicants/${id}`, body);
export const removeApplicant = (id: number, version: number) =>
  request<{ ok: true }>('DELETE', `${base}/applicants/${id}`, { query: { version } });
export const getApplicant = (id: number) => get<ApplicantDetail>(`${base}/applicants/${id}`);
export const importApplicants = (roundId: number, file: File, opts?: UploadOptions) =>
  uploadFile<{ file: string; created: number; firstTicket: string | null; lastTicket: string | null }>(
    `${base}/rounds/${roundId}/applicants/import`,
    file,
    opts,
  );
export const downloadTemplate = (roundId: number) =>
  downloadFile(`${base}/rounds/${roundId}/template.xlsx`, undefined, '招生申请模板.xlsx');
export const exportApplicants = (roundId: number, q: ApplicantQuery) =>
  downloadFile(
    `${base}/rounds/${roundId}/applicants/export.xlsx`,
    { ...q, page: undefined, pageSize: undefined },
    '申请名单.xlsx',
  );
export const commitRound = (id: number, version: number) =>
  post<{ round: RoundDetail; draw: { id: number; commitment: string; entryCount: number; title: string } }>(
    `${base}/rounds/${id}/commit`,
    { version },
  );
export const admitRound = (id: number, version: number) =>
  post<RoundResults>(`${base}/rounds/${id}/admit`, { version });
export const roundResults = (id: number) => get<RoundResults>(`${base}/rounds/${id}/results`);
