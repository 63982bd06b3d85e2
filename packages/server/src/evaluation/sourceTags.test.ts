/**
 * Issue 10 #24: what users read never shows the standard tables' research tags ("impl",
 * "S-fudaoke", "85% unconfirmed"): the API answers pages show, the Excel and Word downloads and the
 * public result file name the document instead (core sourceTitle). The tags stay in the stored run
 * and in docs/standards.md.
 */
import { SOURCE_TAG_PATTERN } from '@junheng/core';
import { testEngines } from '@junheng/db/testing';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../platform/testing.js';

/** Tags found in a text, with a little context, for a readable failure. */
function tagsIn(label: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SOURCE_TAG_PATTERN)) {
    out.push(`${label}: …${text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 10)}…`);
  }
  return out;
}

async function xlsxText(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((c) => {
        cells.push(String(c.text ?? ''));
      });
    });
  }
  return cells.join('\n');
}

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe.each(testEngines())('no research tag in what users read, on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 8 });
    bureau = await server.as('jiaoyuju');
  });
  afterAll(async () => server?.close());

  it('the result page, its downloads, the public file and the 指标到校 rule cite documents', async () => {
    const { year, countyCode } = server.seed;
    const runs = await bureau.get<{ items: { id: number; publishedAt: string | null }[] }>(
      `/api/evaluations?year=${year - 1}`,
    );
    const published = runs.body.items.filter((r) => r.publishedAt !== null);
    expect(published.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const run of published) {
      const detail = await bureau.get(`/api/evaluations/${run.id}`);
      expect(detail.status).toBe(200);
      found.push(...tagsIn(`GET /api/evaluations/${run.id}`, JSON.stringify(detail.body)));
      const xlsx = await bureau.get(`/api/evaluations/${run.id}/report.xlsx`);
      expect(xlsx.status).toBe(200);
      found.push(...tagsIn(`report.xlsx ${run.id}`, await xlsxText(xlsx.bytes)));
      const docx = await bureau.get(`/api/evaluations/${run.id}/report.docx`);
      expect(docx.status).toBe(200);
      found.push(...tagsIn(`report.docx ${run.id}`, await docxText(docx.bytes)));
    }
    const publicJson = await server.anonymous().get(`/api/public/results/${countyCode}/${year - 1}.json`);
    expect(publicJson.status).toBe(200);
    found.push(...tagsIn('public json', publicJson.bytes.toString('utf8')));
    const quota = await bureau.get<{ rule: { document: string } }>(
      `/api/quota/schools?year=${year}&countyCode=${countyCode}`,
    );
    expect(quota.status).toBe(200);
    expect(quota.body.rule.document).toContain('教督〔2017〕6号');
    found.push(...tagsIn('GET /api/quota/schools', JSON.stringify(quota.body)));
    const meta = await bureau.get('/api/meta');
    found.push(...tagsIn('GET /api/meta', JSON.stringify(meta.body)));
    expect(found).toEqual([]);
  });

  it('the result page names the 2017 document as the 依据 of a county item', async () => {
    const { year } = server.seed;
    const runs = await bureau.get<{ items: { id: number; standard: string }[] }>(
      `/api/evaluations?year=${year - 1}`,
    );
    const q = runs.body.items.find((r) => r.standard === 'quality')!;
    const detail = await bureau.get<{
      result: { quality: { aspects: { key: string; items: { source: string }[] }[] } };
    }>(`/api/evaluations/${q.id}`);
    const government = detail.body.result.quality.aspects.find((a) => a.key === 'government')!;
    expect(government.items[0].source).toBe('《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）');
  });
});
