/**
 * Imports that are too big to mean anything are refused quickly, a file with a great many errors
 * answers with the first 200 and a count of the rest, every error row carries a fix, and parsing a
 * large workbook does not keep other users waiting (it runs in the parser thread).
 */
import { testEngines } from '@junheng/db/testing';
import { IMPORT_ROW_CAPS, SCHOOL_COLUMNS, SHEETS, workbookParsesInProgress } from '@junheng/io';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startTestServer, type TestServer } from '../platform/testing.js';

interface Issue {
  code: string;
  file: string;
  row?: number;
  column?: string;
  message: string;
  fix: string;
}

/** A 学校基本情况 workbook of `rows` rows, every cell filled with text. */
async function schoolsWorkbook(rows: number, columns = SCHOOL_COLUMNS.length): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEETS.schools);
  ws.addRow(SCHOOL_COLUMNS.map((c) => c.header));
  for (let r = 0; r < rows; r++)
    ws.addRow(Array.from({ length: columns }, (_, k) => `第${r}行第${k}列的文字`));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(testEngines())('import limits on %s', (engine) => {
  let server: TestServer;
  let bureau: ApiClient;
  let Y: number;

  beforeAll(async () => {
    server = await startTestServer(engine, { schools: 8 });
    bureau = await server.as('jiaoyuju');
    Y = server.seed.year;
  });
  afterAll(async () => server?.close());

  const upload = (bytes: Buffer, name: string) =>
    bureau.request('POST', `/api/imports/county?year=${Y}`, bytes, {
      'x-file-name': encodeURIComponent(name),
    });

  it('lists the first 200 errors, each with a code and a fix, then how many more there are', async () => {
    const header = SCHOOL_COLUMNS.map((c) => c.header).join(',');
    const rows = Array.from({ length: 400 }, () => SCHOOL_COLUMNS.map(() => 'x').join(','));
    const r = await upload(Buffer.from([header, ...rows].join('\n')), '学校.csv');
    expect(r.status).toBe(422);
    const body = r.body as { message: string; details: Issue[] };
    expect(body.details).toHaveLength(201);
    const last = body.details[200]!;
    expect(last).toMatchObject({
      code: 'moreErrors',
      message: expect.stringMatching(/^另有 \d+ 处错误未列出$/),
    });
    const more = Number(/另有 (\d+) 处/.exec(last.message)![1]);
    expect(more).toBeGreaterThan(1000);
    expect(body.message).toContain(`有 ${200 + more} 处错误`);
    for (const d of body.details) {
      expect(d.code).toMatch(/^\w+$/);
      expect(d.fix.length).toBeGreaterThan(2);
      // The problem and its fix are apart: the fix is not repeated in the message.
      expect(d.message.endsWith(d.fix)).toBe(false);
    }
  });

  it('refuses a sheet with more rows than a county can have, naming the cap, before parsing it', async () => {
    const cap = IMPORT_ROW_CAPS.dataset.rows;
    const r = await upload(await schoolsWorkbook(cap + 20, 2), '全县数据.xlsx');
    expect(r.status).toBe(422);
    const [issue] = (r.body as { details: Issue[] }).details;
    expect(issue).toMatchObject({
      code: 'tooManyRows',
      message: `工作表“${SHEETS.schools}”有 ${cap + 21} 行数据，超过学校数据每个工作表 ${cap} 行的上限`,
      fix: expect.stringContaining('分成几个文件'),
    });
  });

  it('answers /api/health while a large workbook is being parsed', async () => {
    const big = await schoolsWorkbook(2500, 30);
    let settled = false;
    const importing = upload(big, '大文件.xlsx').finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(workbookParsesInProgress()).toBe(1), { timeout: 60_000, interval: 5 });
    const health = await server.anonymous().get<{ ok: boolean }>('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.ok).toBe(true);
    // Health answered while the import was still being parsed.
    expect(settled).toBe(false);
    expect(workbookParsesInProgress()).toBe(1);
    expect((await importing).status).toBe(422);
  });
});
