/**
 * @module 招生申请 applicant routes: a round's applicants (masked), one entered by the bureau, and
 * one applicant read in full (audited), changed with its version or removed.
 */
import { commandContext } from '../../platform/commands.js';
import type { AppContext } from '../../platform/context.js';
import { type RouteApp, signedIn } from '../../platform/routeKit.js';
import { errorResponses, ok, pageOf } from '../../platform/schemas.js';
import {
  addApplicant,
  getApplicant,
  listApplicants,
  removeApplicant,
  updateApplicant,
} from './commands/index.js';
import {
  applicantChangesBody,
  applicantDetail,
  applicantInput,
  applicantItem,
  idParams,
  listQuery,
  TAG,
  versionQuery,
} from './schema.js';

export function applicantRoutes(app: RouteApp, ctx: AppContext): void {
  roundApplicantRoutes(app, ctx);
  applicantByIdRoutes(app, ctx);
}

/** /admission/rounds/:id/applicants: the round's list; one more applicant. */
function roundApplicantRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/admission/rounds/:id/applicants',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '申请人列表（姓名、身份证号等已遮盖；学校用户只看到录取到本校的学生）',
        params: idParams,
        querystring: listQuery,
        response: { 200: pageOf(applicantItem), ...errorResponses },
      },
    },
    async (req) => listApplicants(commandContext(ctx, req), { ...req.query, roundId: req.params.id }),
  );

  app.post(
    '/admission/rounds/:id/applicants',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '录入一名申请人（教育局，名单公布前）',
        params: idParams,
        body: applicantInput,
        response: { 200: applicantItem, ...errorResponses },
      },
    },
    async (req) => addApplicant(commandContext(ctx, req), { roundId: req.params.id, fields: req.body }),
  );
}

/** /admission/applicants/:id: read in full, change, remove. */
function applicantByIdRoutes(app: RouteApp, ctx: AppContext): void {
  app.get(
    '/admission/applicants/:id',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '一名申请人的完整信息（查看个人信息，记入审计日志）',
        params: idParams,
        response: { 200: applicantDetail, ...errorResponses },
      },
    },
    async (req) => getApplicant(commandContext(ctx, req), req.params),
  );

  app.put(
    '/admission/applicants/:id',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '修改申请人（带上看到的版本号；已被他人修改时 409）',
        params: idParams,
        body: applicantChangesBody,
        response: { 200: applicantItem, ...errorResponses },
      },
    },
    async (req) => updateApplicant(commandContext(ctx, req), { id: req.params.id, fields: req.body }),
  );

  app.delete(
    '/admission/applicants/:id',
    {
      config: signedIn,
      schema: {
        tags: TAG,
        summary: '删除申请人（名单公布前）',
        params: idParams,
        querystring: versionQuery,
        response: { 200: ok, ...errorResponses },
      },
    },
    async (req) => {
      await removeApplicant(commandContext(ctx, req), { id: req.params.id, version: req.query.version });
      return { ok: true as const };
    },
  );
}
