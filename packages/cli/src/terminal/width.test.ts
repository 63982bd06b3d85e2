import { describe, expect, it } from 'vitest';
import { renderTable } from './table.js';
import { displayWidth, pad } from './width.js';

describe('displayWidth', () => {
  it('counts CJK as two columns, ASCII as one, ignores colour codes', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('小学')).toBe(4);
    expect(displayWidth('生均 m²')).toBe(7);
    expect(displayWidth('\u001b[32m达标\u001b[0m')).toBe(4);
    expect(displayWidth('（全角）')).toBe(8);
  });
  it('pads to the same column whatever the script', () => {
    expect(displayWidth(pad('小学', 8))).toBe(8);
    expect(displayWidth(pad('0.123', 8, 'right'))).toBe(8);
  });
  it('aligns a mixed table', () => {
    const t = renderTable(
      [{ header: '学段' }, { header: 'CV', align: 'right' }],
      [
        ['小学', '0.312'],
        ['初中', '1.5'],
      ],
    );
    const lines = t.split('\n');
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    expect(lines[3]).toBe('  初中    1.5');
  });
});
