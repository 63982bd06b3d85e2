/**
 * @module A GBK encoder for tests. Node's TextEncoder only writes UTF-8, so the table is built by
 * asking the GBK decoder what each two-byte code means and inverting it (tests also check a few
 * codes written by hand, so the table is anchored to GBK itself).
 */
let table: Map<string, [number, number]> | undefined;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

/**
 * Encode text as GBK bytes. A character GBK does not have (² of m², say) becomes “?”, as Excel
 * writes it when it saves a CSV on Chinese Windows.
 */
export function gbkEncode(text: string): Uint8Array {
  const map = gbkTable();
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = map.get(ch);
    if (pair) bytes.push(pair[0], pair[1]);
    else bytes.push(0x3f);
  }
  return new Uint8Array(bytes);
}
