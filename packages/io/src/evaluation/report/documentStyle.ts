/**
 * @module The look of the Word report and the blocks it is built from. Layout follows common 公文
 * practice (GB/T 9704): A4, 仿宋 三号 body on a fixed 28 pt line, 黑体 / 楷体 headings, page
 * numbers "— 1 —" in the footer. Fonts are named, never embedded: Word and LibreOffice substitute
 * what the reader's machine has. Sections use only the blocks here, so they all look alike.
 */
import { STATUS_NAMES, type Status } from '@junheng/core';
import {
  AlignmentType,
  Footer,
  HeadingLevel,
  LineRuleType,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

export type Block = Paragraph | Table;

// ---------------------------------------------------------------------------------------------
// Typography

const FONT = { body: '仿宋', heading: '黑体', subheading: '楷体', title: '宋体', latin: 'Times New Roman' };
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, footer: 28, table: 21 };
/** A4 with GB/T 9704 margins (37 / 35 / 28 / 26 mm), in twips. */
export const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Two characters of 三号 text: the first-line indent of Chinese body paragraphs. */
export const INDENT_2_CHARS = 640;

const cjk = (eastAsia: string) => ({ ascii: FONT.latin, hAnsi: FONT.latin, eastAsia });

const STATUS_SHADING: Record<Status, string> = {
  met: 'C6EFCE',
  unmet: 'FFC7CE',
  incomplete: 'FFEB9C',
  notApplicable: 'EDEDED',
};

export const STYLES = {
  default: {
    document: {
      run: { font: cjk(FONT.body), size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
      paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT } },
    },
    title: {
      run: { font: cjk(FONT.title), size: SIZE.title, bold: true, color: '000000' },
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: { before: 240, after: 480, line: 720, lineRule: LineRuleType.EXACT },
      },
    },
    heading1: {
      run: { font: cjk(FONT.heading), size: SIZE.body, bold: false, color: '000000' },
      paragraph: {
        keepNext: true,
        spacing: { before: 240, after: 0 },
        indent: { firstLine: INDENT_2_CHARS },
      },
    },
    heading2: {
      run: { font: cjk(FONT.subheading), size: SIZE.body, bold: true, italics: false, color: '000000' },
      paragraph: {
        keepNext: true,
        spacing: { before: 120, after: 0 },
        indent: { firstLine: INDENT_2_CHARS },
      },
    },
  },
  paragraphStyles: [
    {
      id: 'TableText',
      name: 'Table Text',
      basedOn: 'Normal',
      run: { size: SIZE.table },
      paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
    },
    {
      id: 'TableCaption',
      name: 'Table Caption',
      basedOn: 'Normal',
      run: { font: cjk(FONT.heading), size: 24 },
      paragraph: {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 120, line: 400, lineRule: LineRuleType.AUTO },
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Building blocks

/** A body paragraph, indented two characters. */
export function body(text: string): Paragraph {
  return new Paragraph({ text, indent: { firstLine: INDENT_2_CHARS } });
}

/** Numbered body paragraphs: "1．…", "2．…". */
export function numbered(texts: readonly string[]): Paragraph[] {
  return texts.map((t, k) => body(`${k + 1}．${t}`));
}

export const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
export const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });

/** Numbers the tables of one report in order: "表 1　…", "表 2　…". */
export class TableNumbers {
  private n = 0;
  caption(title: string): Paragraph {
    return new Paragraph({ text: `表 ${++this.n}　${title}`, style: 'TableCaption' });
  }
}

/** A table cell's content: text (lines split on "\n"), optionally bold or shaded by status. */
export type Cell = string | { text: string; status?: Status; bold?: boolean };
/** Column alignment: l = left (text), c = centred (numbers, short codes, conclusions). */
type Align = 'l' | 'c';

function cellParagraphs(text: string, bold: boolean, center: boolean): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        style: 'TableText',
        alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text: line, bold })],
      }),
  );
}

function tableCell(c: Cell, header: boolean, align: Align): TableCell {
  const o = typeof c === 'string' ? { text: c } : c;
  const status = 'status' in o ? o.status : undefined;
  const fill = header ? 'D9E1F2' : status ? STATUS_SHADING[status] : undefined;
  const center = header || status !== undefined || align === 'c';
  return new TableCell({
    children: cellParagraphs(o.text, header || ('bold' in o && o.bold === true), center),
    verticalAlign: VerticalAlignTable.CENTER,
    shading: fill ? { type: ShadingType.CLEAR, fill, color: 'auto' } : undefined,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
  });
}

/**
 * A full-width table with a header row repeated on every page.
 * @param weights relative column widths
 * @param align per column, "l" or "c" (e.g. "clcc"); left when omitted
 */
export function table(
  headers: readonly string[],
  rows: readonly Cell[][],
  weights: readonly number[],
  align = '',
): Table {
  const at = (j: number): Align => (align[j] === 'c' ? 'c' : 'l');
  const total = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor((w / total) * CONTENT_WIDTH));
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, j) => tableCell(h, true, at(j))),
      }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, j) => tableCell(c, false, at(j))) }),
      ),
    ],
  });
}

export const statusCell = (s: Status): Cell => ({ text: STATUS_NAMES[s], status: s });

export function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: SIZE.footer,
            font: cjk(FONT.latin),
          }),
        ],
      }),
    ],
  });
}
