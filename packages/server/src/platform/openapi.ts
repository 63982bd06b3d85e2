/**
 * @module The API contract as an OpenAPI 3 document, generated from the route schemas (the same
 * zod schemas that validate requests): `npm run build` writes it to packages/server/openapi.json,
 * which is committed, so a change of the contract shows in review; CI fails when the committed file
 * differs from what the routes say (scripts/openapi.mjs, .ci/run). The web client's types are to be
 * generated from this file (issue 11).
 */
import type { Database, PersonalCipher } from '@junheng/db';
import { buildApp } from './app.js';

/** Where the document is committed, relative to the repository. */
export const OPENAPI_FILE = 'packages/server/openapi.json';

/** A stand-in that fails loudly: building the document must not touch a database or a key. */
function unused<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_, prop) {
      throw new Error(`生成 OpenAPI 文档时不应使用${what}（访问了 ${String(prop)}）`);
    },
  });
}

/** The document, as `/api/docs/json` serves it (version fixed, so that it changes only with the routes). */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp({
    db: unused<Database>('数据库'),
    personal: unused<PersonalCipher>('个人信息密钥'),
    webRoot: null,
    version: '0.1.0',
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

/** The file's text: two-space JSON and a final newline (what biome and git diffs expect). */
export function openApiText(doc: Record<string, unknown>): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
