/**
 * Files that are not a readable .xlsx get a Chinese message saying what they are, recognised by
 * their bytes; no library message (English) reaches the user.
 */
import { describe, expect, it } from 'vitest';
import { importDatasetBuffer } from './dataset.js';
import { loadWorkbook } from './xlsx.js';
import { storedZip } from './zipLimits.js';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** An OLE2 compound file with these stream names in its directory. */
const ole2 = (...streams: string[]) =>
  Buffer.concat([
    OLE2,
    Buffer.alloc(504),
    ...streams.map((s) => Buffer.from(s, 'utf16le')),
    Buffer.alloc(512),
  ]);
const zip = (parts: Record<string, string>) =>
  storedZip(new Map(Object.entries(parts).map(([k, v]) => [k, Buffer.from(v)])));
const noLatinWords = /[A-Za-z]{3,}/;

async function failure(bytes: Uint8Array, file = '学校数据.xlsx') {
  const r = await importDatasetBuffer(bytes, file);
  expect(r.errors).toHaveLength(1);
  const e = r.errors[0]!;
  // Only the file name and format names (Excel, WPS, .xlsx…) may be in Latin letters.
  const words = `${e.message}${e.fix}`.replace(/Excel|WPS|LibreOffice|OpenDocument|PDF|Word|CSV|\.\w+/g, '');
  expect(words).not.toMatch(noLatinWords);
  expect(e.fix).toBeTruthy();
  return e;
}

describe('unreadable workbooks', () => {
  it('names an old binary Excel file (.xls, OLE2 signature D0 CF 11 E0), also renamed to .xlsx', async () => {
    const xls = ole2('Workbook', '\u0005SummaryInformation');
    for (const file of ['旧表.xls', '旧表.xlsx']) {
      expect(await failure(xls, file)).toMatchObject({
        code: 'xls',
        message: expect.stringContaining('旧版 Excel 97-2003 工作簿（.xls'),
        fix: expect.stringContaining('另存为'),
      });
    }
  });

  it('names a WPS .et file', async () => {
    expect(await failure(ole2('Workbook', 'ETExtData'), '学校数据.et')).toMatchObject({
      code: 'et',
      message: expect.stringContaining('WPS 表格'),
    });
  });

  it('names a password-protected workbook, a Word file, a PDF, an .ods and a renamed CSV', async () => {
    expect((await failure(ole2('EncryptedInfo', 'EncryptedPackage'))).code).toBe('encrypted');
    expect((await failure(ole2('WordDocument'))).code).toBe('word');
    expect((await failure(zip({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<w/>' }))).code).toBe(
      'word',
    );
    expect((await failure(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).code).toBe('pdf');
    expect(
      (
        await failure(
          zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }),
        )
      ).code,
    ).toBe('ods');
    expect(await failure(Buffer.from('学校标识码,学校名称\n2113066001,城关小学\n'))).toMatchObject({
      code: 'text',
      message: '这是文本文件（如 CSV），不是 Excel 工作簿',
    });
  });

  it('says "not a valid workbook" for a damaged archive or XML the parser rejects, never the library text', async () => {
    const e = await failure(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 1)]));
    expect(e).toMatchObject({ code: 'notWorkbook', message: '文件不是有效的 Excel 工作簿' });
    expect(e.fix).toBe('请在 Excel/WPS 中另存为 .xlsx 后再导入');
    const broken = zip({ '[Content_Types].xml': '<Types', 'xl/workbook.xml': '<<<not xml' });
    await expect(loadWorkbook(broken)).rejects.toThrow(
      '文件不是有效的 Excel 工作簿：请在 Excel/WPS 中另存为 .xlsx 后再导入',
    );
  });
});
