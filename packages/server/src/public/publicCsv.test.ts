/**
 * The public results CSV (anonymous download): a school name a spreadsheet would run as a formula
 * is written as text.
 */
import { describe, expect, it } from 'vitest';
import { schoolFiguresCsv } from './present.js';

describe('public results CSV', () => {
  it.each(["-1+cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', '+SUM(1)', '@A1', '\t=1+1', '\r=1+1'])(
    'writes the school name %j as text',
    (name) => {
      const csv = schoolFiguresCsv([
        {
          schoolId: '2113066001',
          name,
          type: '小学',
          locality: '城区',
          stage: '小学',
          students: 100,
          status: '达标',
          indicators: [
            { indicator: 'x', name: '生均', unit: '人', value: -2, requirement: 1, status: '达标' },
          ],
        },
      ]);
      const line = csv.split('\r\n')[1]!;
      const cell = line.slice('2113066001,'.length).replace(/,小学,城区,小学,100,达标,-2$/, '');
      const text = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
      expect(text).toBe(`'${name}`);
      // Figures stay numbers.
      expect(line.endsWith(',-2')).toBe(true);
    },
  );
});
