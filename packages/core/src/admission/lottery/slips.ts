/**
 * @module The 核验码 of a standalone 电脑派位 (a list of 编号 the bureau made itself, not a
 * round's applicants): the file of 编号 and 核验码 to upload for the draw, and one printable slip
 * per family (编号, 核验码, how to check the entry on the public page). The 核验码 themselves are
 * random and made where randomness is allowed (node:crypto randomBytes on the server and in the
 * CLI); these are the pure texts around them, the same from both.
 */
import type { LotteryEntry } from './canonical.js';

/** Hex digits of a generated 核验码: 32 = 128 random bits, the minimum of docs/lottery.md §2. */
export const GENERATED_SECRET_HEX_DIGITS = 32;

/** A 核验码 as printed: groups of four (typed spaces are ignored when it is checked). */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** A CSV cell: quoted when it holds a quote, comma or line break. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The 编号,核验码 file (UTF-8 with BOM for Excel, CRLF): what the draw page's “上传名单新建派位”
 * reads. Cells are written as they are (not neutralised against spreadsheet formulas): the file
 * is read back, and an apostrophe would change the ticket.
 */
export function lotterySecretsCsv(entries: readonly LotteryEntry[]): string {
  const lines = ['编号,核验码', ...entries.map((e) => `${csvCell(e.ticket)},${e.secret}`)];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export interface SlipOptions {
  /** The draw's name, e.g. 2026年城关一小一年级招生派位. */
  title: string;
  /** Where the public verification page is, e.g. https://jy.example.gov.cn/public (the draw is listed there). */
  publicUrl?: string | null;
}

/**
 * A printable HTML page with one slip per family (cut along the dashed lines): the draw's name,
 * the 编号, the 核验码 in groups of four, and how to check the entry after the list is published
 * (the public page, or `junheng lottery verify`). Everything is escaped; no script, no remote file.
 */
export function lotterySlipsHtml(entries: readonly LotteryEntry[], opts: SlipOptions): string {
  const title = escapeHtml(opts.title);
  const where = opts.publicUrl
    ? `公示页 <b>${escapeHtml(opts.publicUrl)}</b>`
    : '教育局网站的“电脑派位结果核验”公示页';
  const slips = entries
    .map(
      (e) => `<section class="slip">
  <h2>${title} · 派位核验码</h2>
  <p class="row"><span>编号</span><b class="ticket">${escapeHtml(e.ticket)}</b></p>
  <p class="row"><span>核验码</span><b class="secret">${escapeHtml(groupSecret(e.secret))}</b></p>
  <p class="how">名单公示后，在${where}找到“${title}”，在“核对本人条目”中输入上面的编号和核验码（空格可不输入），即可看到本户条目在公示名单中、派位后的派位号（名次）。也可用命令核对：junheng lottery verify 公示名单 随机种子 --ticket 编号 --secret 核验码。</p>
  <p class="note">核验码只发给本户，请妥善保管，不要告诉他人；同户的多胞胎、兄弟姐妹共用这一个编号和核验码。</p>
</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${title} · 派位核验码条（${entries.length} 户）</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 12mm; color: #000; }
.slip { border: 1px dashed #666; padding: 6mm 8mm; margin-bottom: 6mm; break-inside: avoid; page-break-inside: avoid; }
h2 { font-size: 14pt; margin: 0 0 3mm; }
.row { margin: 1.5mm 0; font-size: 12pt; }
.row span { display: inline-block; width: 4.5em; color: #333; }
.ticket, .secret { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 14pt; letter-spacing: 0.5px; }
.how, .note { font-size: 9.5pt; line-height: 1.5; margin: 2mm 0 0; }
.note { color: #444; }
</style>
</head>
<body>
${slips}
</body>
</html>
`;
}
