/**
 * The committed API contract (packages/server/openapi.json) is what the routes say: a route whose
 * schema changed without `node scripts/openapi.mjs` fails here (and in CI after the build).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiDocument, openApiText } from './openapi.js';

describe('the OpenAPI document', () => {
  it('is generated from the routes without a database, and the committed file is current', async () => {
    const doc = await openApiDocument();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths as object).length).toBeGreaterThan(50);
    const committed = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', OPENAPI_FILE), 'utf8');
    expect(committed === openApiText(doc), '请运行 node scripts/openapi.mjs 重新生成并提交').toBe(true);
  });
});
