/**
 * @module The applicant list of a 电脑派位 draw and its canonical, publishable form.
 *
 * Specification (version `junheng-lottery-v1`; docs/lottery.md has the same text and a worked example):
 *
 * - An **entry is a child**, never an application: a child who applies to several schools has one
 *   entry, hence one rank, used in every school's allocation. Entries hold no personal data in clear:
 *   - `ticket`: the public masked identifier printed on the child's 派位 notice, e.g. `2026-000123`
 *     (recommended: a serial number; a masked name such as `张*明 2019-03` may collide and is then
 *     rejected as a duplicate). Rules: Unicode NFC; no leading or trailing whitespace; 1–64
 *     characters; no comma, no control character (so no CR/LF). Tickets are unique in a list.
 *   - `secret`: a per-child random value given privately to the family, 32–128 hex digits
 *     (≥ 128 bits). Letters are lowercased before hashing (`A1F…` and `a1f…` are the same secret).
 * - **Entry digest** = lowercase hex SHA-256 of the UTF-8 bytes of `ticket + "\n" + secret`
 *   (ticket in NFC, secret in lowercase, one LF between them, nothing else).
 * - **Canonical list** = one line per entry, `ticket + "," + digest + "\n"`, lines sorted by ticket in
 *   ascending Unicode code point order (the same as comparing the UTF-8 bytes), UTF-8 without BOM,
 *   LF line ends, a LF after the last line too, no empty lines, nothing else. At least one entry.
 * - **Commitment** = lowercase hex SHA-256 of the UTF-8 bytes of the canonical list.
 *
 * The bureau publishes the canonical list (tickets and digests, no secrets) and the commitment
 * before the draw: anyone can recompute the commitment (`sha256sum` of the published file), and a
 * family can recompute its own digest from its ticket and secret; the secret keeps others from
 * linking a ticket to a digest they could have forged.
 */
import { sha256Hex } from './hash.js';

/** One child in a draw. */
export interface LotteryEntry {
  /** Public masked identifier, e.g. `2026-000123`. NFC, trimmed, 1–64 characters, no comma or control character. */
  readonly ticket: string;
  /** Private random hex (32–128 digits) given to the family only; case-insensitive. */
  readonly secret: string;
}

/** One line of the canonical list: the ticket and its entry digest. */
export interface CanonicalRow {
  readonly ticket: string;
  readonly digest: string;
}

/** Invalid lottery input (list, entry, seed): the message is Chinese and names the culprit. */
export class LotteryInputError extends Error {
  override name = 'LotteryInputError';
}

const MAX_TICKET_LENGTH = 64;

/** Why `ticket` is not a valid ticket, or `null` when it is. */
export function ticketProblem(ticket: string): string | null {
  if (ticket.length === 0) return '编号为空';
  if (ticket !== ticket.normalize('NFC')) return `编号 “${ticket}” 不是 Unicode NFC 规范形式`;
  if (ticket !== ticket.trim()) return `编号 “${ticket}” 首尾有空白`;
  if ([...ticket].length > MAX_TICKET_LENGTH) return `编号 “${ticket}” 超过 ${MAX_TICKET_LENGTH} 个字符`;
  if (ticket.includes(',')) return `编号 “${ticket}” 含逗号（逗号用作分隔符）`;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(ticket)) return `编号 “${ticket}” 含控制字符（如换行）`;
  return null;
}

/** The secret in canonical (lowercase) form; throws when it is not 32–128 hex digits. */
export function canonicalSecret(ticket: string, secret: string): string {
  const s = secret.toLowerCase();
  if (!/^[0-9a-f]{32,128}$/.test(s)) {
    throw new LotteryInputError(
      `编号 “${ticket}” 的校验密码应为 32–128 位十六进制数字（0–9、a–f），收到 ${secret.length} 个字符`,
    );
  }
  return s;
}

/** Ascending Unicode code point order (= UTF-8 byte order), unlike `<` on UTF-16 code units. */
export function compareTickets(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Entry digest: hex SHA-256 of UTF-8 `ticket + "\n" + lowercase(secret)`. Validates both. */
export function entryDigest(entry: LotteryEntry): string {
  const problem = ticketProblem(entry.ticket);
  if (problem) throw new LotteryInputError(problem);
  return sha256Hex(`${entry.ticket}\n${canonicalSecret(entry.ticket, entry.secret)}`);
}

/** The canonical rows: validated, digested, sorted by ticket; a duplicate ticket is rejected. */
export function canonicalRows(entries: readonly LotteryEntry[]): CanonicalRow[] {
  if (entries.length === 0) throw new LotteryInputError('派位名单为空：至少需要一名儿童');
  const rows = entries
    .map((e) => ({ ticket: e.ticket, digest: entryDigest(e) }))
    .sort((a, b) => compareTickets(a.ticket, b.ticket));
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.ticket === rows[i - 1]!.ticket) {
      throw new LotteryInputError(`编号 “${rows[i]!.ticket}” 重复：每名儿童只能有一个编号、一个派位号`);
    }
  }
  return rows;
}

/** The text of canonical rows: `ticket,digest\n` per row (rows must already be canonical). */
export function rowsToText(rows: readonly CanonicalRow[]): string {
  return rows.map((r) => `${r.ticket},${r.digest}\n`).join('');
}

/** The canonical list to publish (tickets and digests, no secrets). */
export function canonicalList(entries: readonly LotteryEntry[]): string {
  return rowsToText(canonicalRows(entries));
}

/** The commitment: hex SHA-256 of the canonical list. */
export function commitment(entries: readonly LotteryEntry[]): string {
  return sha256Hex(canonicalList(entries));
}

/**
 * Parse a published canonical list strictly: exactly the form {@link canonicalList} writes.
 * @throws LotteryInputError naming the line (第 N 行) of the first problem
 */
export function parseCanonicalList(text: string): CanonicalRow[] {
  if (text.length === 0) throw new LotteryInputError('公示名单为空：至少需要一行');
  if (text.charCodeAt(0) === 0xfeff)
    throw new LotteryInputError('第 1 行：文件以 BOM 开头，规范形式是不带 BOM 的 UTF-8');
  if (!text.endsWith('\n')) throw new LotteryInputError('最后一行没有以换行符（LF）结尾');
  const lines = text.slice(0, -1).split('\n');
  const rows: CanonicalRow[] = [];
  lines.forEach((line, i) => {
    const where = `第 ${i + 1} 行`;
    if (line.endsWith('\r'))
      throw new LotteryInputError(`${where}：以回车符（CR）结尾，规范形式只用 LF 换行`);
    if (line === '') throw new LotteryInputError(`${where}：空行`);
    const parts = line.split(',');
    if (parts.length !== 2)
      throw new LotteryInputError(`${where}：应为“编号,摘要”两栏，实有 ${parts.length} 栏`);
    const [ticket, digest] = parts as [string, string];
    const problem = ticketProblem(ticket);
    if (problem) throw new LotteryInputError(`${where}：${problem}`);
    if (!/^[0-9a-f]{64}$/.test(digest)) {
      throw new LotteryInputError(`${where}：摘要应为 64 位小写十六进制数字，收到 “${digest}”`);
    }
    const prev = rows[rows.length - 1];
    if (prev && compareTickets(prev.ticket, ticket) >= 0) {
      throw new LotteryInputError(
        prev.ticket === ticket
          ? `${where}：编号 “${ticket}” 与上一行重复`
          : `${where}：编号 “${ticket}” 应排在上一行 “${prev.ticket}” 之前（须按编号的 Unicode 码点升序排列）`,
      );
    }
    rows.push({ ticket, digest });
  });
  return rows;
}
