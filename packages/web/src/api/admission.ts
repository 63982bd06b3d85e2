/** @module /api/admission: 招生轮次, applicants (masked lists, audited full reads and exports), import, commit, admission, results. */
import type { PlacementHow, SpecialNeeds } from '@junheng/core';
import { downloadFile } from './download';
import { api, data, type Json, type JsonBody, type QueryOf } from './http';
import { type UploadOptions, uploadFile } from './upload';

export { PLACEMENT_HOW_NAMES, SPECIAL_NEEDS_NAMES } from '@junheng/core';
export type { PlacementHow, SpecialNeeds };

export type RoundSummary = Json<'/api/admission/rounds'>[number];
export type RoundStatus = RoundSummary['status'];
export type RoundDetail = Json<'/api/admission/rounds/{id}'>;
export type AdmissionCategory = RoundDetail['categories'][number];
export type RoundSchool = RoundDetail['schools'][number];

export type ApplicantItem = Json<'/api/admission/rounds/{id}/applicants'>['items'][number];
export type ApplicantDetail = Json<'/api/admission/applicants/{id}'>;
/** What the form sends. */
export type ApplicantInput = JsonBody<'/api/admission/rounds/{id}/applicants', 'post'>;
export type ApplicantQuery = QueryOf<'/api/admission/rounds/{id}/applicants'>;

export type RoundResults = Json<'/api/admission/rounds/{id}/results'>;
export type SchoolResult = RoundResults['schools'][number];
/** 志愿录取方式对比 (null before admission and for a school user). */
export type ChoiceComparison = NonNullable<RoundResults['choiceComparison']>;
/** One mechanism's figures on the children who went to 统筹 with 志愿. */
export type ChoiceMechanismRow = ChoiceComparison['rows'][number];

export const ROUND_STATUS_NAMES: Record<RoundStatus, string> = {
  open: '报名中',
  committed: '名单已公布，待派位',
  admitted: '已录取',
};

const path = (id: number) => ({ params: { path: { id } } });

export const listRounds = () => data(api.GET('/api/admission/rounds'));
export const getRound = (id: number) => data(api.GET('/api/admission/rounds/{id}', path(id)));
export const createRound = (body: JsonBody<'/api/admission/rounds', 'post'>) =>
  data(api.POST('/api/admission/rounds', { body }));
export const updateRound = (id: number, body: JsonBody<'/api/admission/rounds/{id}', 'put'>) =>
  data(api.PUT('/api/admission/rounds/{id}', { ...path(id), body }));
export const listApplicants = (roundId: number, query: ApplicantQuery) =>
  data(api.GET('/api/admission/rounds/{id}/applicants', { params: { path: { id: roundId }, query } }));
export const addApplicant = (roundId: number, body: ApplicantInput) =>
  data(api.POST('/api/admission/rounds/{id}/applicants', { ...path(roundId), body }));
export const updateApplicant = (id: number, body: JsonBody<'/api/admission/applicants/{id}', 'put'>) =>
  data(api.PUT('/api/admission/applicants/{id}', { ...path(id), body }));
export const removeApplicant = (id: number, version: number) =>
  data(api.DELETE('/api/admission/applicants/{id}', { params: { path: { id }, query: { version } } }));
export const getApplicant = (id: number) => data(api.GET('/api/admission/applicants/{id}', path(id)));
export const importApplicants = (roundId: number, file: File, opts?: UploadOptions) =>
  uploadFile<Json<'/api/admission/rounds/{id}/applicants/import', 'post'>>(
    `/api/admission/rounds/${roundId}/applicants/import`,
    file,
    opts,
  );
export const downloadTemplate = (roundId: number) =>
  downloadFile(`/api/admission/rounds/${roundId}/template.xlsx`, undefined, '招生申请模板.xlsx');
export const exportApplicants = (roundId: number, q: ApplicantQuery) =>
  downloadFile(
    `/api/admission/rounds/${roundId}/applicants/export.xlsx`,
    { ...q, page: undefined, pageSize: undefined },
    '申请名单.xlsx',
  );
export const commitRound = (id: number, version: number) =>
  data(api.POST('/api/admission/rounds/{id}/commit', { ...path(id), body: { version } }));
export const admitRound = (id: number, version: number) =>
  data(api.POST('/api/admission/rounds/{id}/admit', { ...path(id), body: { version } }));
export const roundResults = (id: number) => data(api.GET('/api/admission/rounds/{id}/results', path(id)));
