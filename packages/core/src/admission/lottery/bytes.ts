/**
 * @module A list file's bytes as text, decoded strictly as UTF-8 (docs/lottery.md §2): the CLI and
 * the public page read the published list, and the CLI an uploaded 编号 list, with the same rule.
 */
import { LotteryInputError } from './canonical.js';

// The platform's strict UTF-8 decoder (every browser, Node.js ≥ 11); core compiles against the
// ECMAScript library only, which does not describe it.
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean; ignoreBOM: boolean },
) => { decode(bytes: Uint8Array): string };

/**
 * The text of a list file's bytes, decoded strictly as UTF-8: an invalid byte is refused (never
 * replaced by U+FFFD, which would make two different files the same list), naming its line. A BOM
 * is kept, for the list reader to refuse. The text's UTF-8 encoding is then exactly these bytes,
 * so the commitment computed from the text is the file's own SHA-256 (`sha256sum`).
 * @param what what the file is, for the message (公示名单)
 * @throws LotteryInputError 第 N 行：第 M 个字节 0xFF 不是有效的 UTF-8 …
 */
export function decodeLotteryBytes(bytes: Uint8Array, what = '公示名单'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const hex = `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
    throw new LotteryInputError(
      `第 ${line} 行：第 ${at - lineStart + 1} 个字节 ${hex} 不是有效的 UTF-8 编码：${what}必须是 UTF-8 文本` +
        '（GBK 等其他编码的文件请在编辑器中“另存为 UTF-8”；文件里不能有乱码字符）',
    );
  }
}

/**
 * Where the first byte that is not part of a valid UTF-8 sequence is (WHATWG / RFC 3629: no
 * overlong forms, no surrogates, nothing beyond U+10FFFF); `bytes.length` when all are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes needed, and the range of the first one (the others are 0x80–0xBF).
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      // An incomplete or malformed sequence: its first byte is the one reported.
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return n;
}
