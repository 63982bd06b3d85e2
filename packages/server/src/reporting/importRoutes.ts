/**
 * @module Excel/CSV/JSON import through the API — a whole county by the bureau, one school by its
 * own users — and the pre-filled workbooks to fill in. Same reader and same Chinese errors as the
 * CLI (@junheng/io); all or nothing: the file is read and checked completely before anything is
 * written, and the write is one transaction with its audit event (importSave.ts).
 *
 * Decisions: a school import may only change the school's own reports while they are 填报中 or
 * 已退回 (like the form), and may not rename or retype the school (the bureau keeps the register);
 * a county import sends approved reports back to 填报中 with their history kept (locked reports
 * refuse it).
 *
 * 导入即审核 asks first (issue 10 #23): with dryRun=true the county import runs completely inside a
 * transaction that is then rolled back, and answers which reports it would approve (school, 学段,
 * status before the import → 审核通过); the page lists them for confirmation, then imports for real.
 *
 * The route group registered in one place (platform/routes.ts), in this order (also the order of
 * the API contract, openapi.json): importUploadRoutes.ts, importTemplateRoutes.ts; schema.ts holds
 * their schemas.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.js';
import { importTemplateRoutes } from './importTemplateRoutes.js';
import { importUploadRoutes } from './importUploadRoutes.js';

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    importUploadRoutes(app, ctx);
    importTemplateRoutes(app, ctx);
  };
}
