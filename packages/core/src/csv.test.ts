import { describe, expect, it } from 'vitest';
import { csvCell, csvText, isFormulaLike } from './csv.js';

describe('csvCell', () => {
  it.each([
    "-1+cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","点我")',
    '+1+1',
    '@SUM(A1)',
    '\t=1+1',
    '\r=1+1',
    '-',
  ])('writes formula-like text %j as text', (hostile) => {
    expect(isFormulaLike(hostile)).toBe(true);
    const cell = csvCell(hostile);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
    expect(unquoted).toBe(`'${hostile}`);
  });

  it('leaves names, numbers and plain signed numbers alone', () => {
    expect(csvCell('张三')).toBe('张三');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('+86')).toBe('+86');
    expect(csvCell('2026-000123')).toBe('2026-000123');
    expect(csvCell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=a,b')).toBe('"\'=a,b"');
  });

  it('writes a BOM and CRLF lines', () => {
    expect(
      csvText([
        ['名次', '编号'],
        [1, '=1+1'],
      ]),
    ).toBe("\ufeff名次,编号\r\n1,'=1+1\r\n");
  });
});
