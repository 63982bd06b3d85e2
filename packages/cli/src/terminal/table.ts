/**
 * @module Aligned text tables for the terminal, CJK-aware.
 */
import { displayWidth, pad } from './width.js';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Render rows under headers with aligned columns and a rule under the header. */
export function renderTable(columns: Column[], rows: string[][], indent = '  '): string {
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => pad(cell ?? '', widths[i], columns[i].align))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}
