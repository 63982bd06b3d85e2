import { describe, expect, it } from 'vitest';
import { gbkEncode } from '../../__fixtures__/gbk.js';
import { decodeText, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside quotes, CRLF', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n1,,3\n';
    expect(parseCsv(text).records).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\nline2'],
      ['1', '', '3'],
    ]);
  });
  it('sniffs tab and semicolon delimiters', () => {
    expect(parseCsv('a\tb\n1\t2').records).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a;b\n1;2').records[1]).toEqual(['1', '2']);
  });
  it('reports an unclosed quote with its record', () => {
    expect(parseCsv('a,b\n"1,2\n3,4').unclosedQuoteAt).toBe(2);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    const utf8 = new TextEncoder().encode('学校标识码,学校名称');
    expect(decodeText(utf8)).toEqual({ text: '学校标识码,学校名称', encoding: 'utf-8' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeText(bom)).toEqual({ text: '学校标识码,学校名称', encoding: 'utf-8' });
  });
  it('falls back to GBK for bytes that are not UTF-8', () => {
    // 学 = D1 A7, 校 = D0 A3 in GBK (GB 2312 row 51/48): written by hand, not by our encoder.
    expect(decodeText(new Uint8Array([0xd1, 0xa7, 0xd0, 0xa3]))).toEqual({ text: '学校', encoding: 'gbk' });
    expect(decodeText(gbkEncode('在校生数（人）,九年一贯制学校'))).toEqual({
      text: '在校生数（人）,九年一贯制学校',
      encoding: 'gbk',
    });
  });
});
