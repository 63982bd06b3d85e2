/**
 * @module An .xlsx (a ZIP archive) unpacked by us, with the bytes actually inflated bounded: a
 * small upload of highly compressible XML could otherwise unpack to gigabytes and take the server
 * down (a "zip bomb"). Sizes an archive declares can lie and an archive can hide behind junk bytes,
 * so the guard counts what inflation really produces and stops it at the bound. The unpacked parts
 * are then handed to the workbook reader as a new archive of stored (uncompressed) parts, so the
 * reader never inflates anything itself and sees exactly the parts that were counted.
 *
 * ZIP layout: PKWARE APPNOTE.TXT 6.3 (§4.3 records, §4.5.3 ZIP64 extra field).
 */
import { crc32, createInflateRaw } from 'node:zlib';

/** Largest total unpacked size accepted: the demo county's workbook unpacks to well under 1 MB. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Most entries accepted (a workbook has a few dozen parts). */
export const MAX_ENTRIES = 10_000;

/** Why an archive was refused; `code` picks the Chinese message (see workbookErrors.ts). */
export class ZipRefusal extends Error {
  constructor(
    readonly code: 'notZip' | 'zipTooLarge' | 'zipDamaged' | 'zipEncrypted',
    detail: string,
  ) {
    super(detail);
  }
}

/** Counts what inflation produced, for callers (and tests) that want to see the bound held. */
export interface InflateStats {
  inflated: number;
}

interface Entry {
  name: string;
  flags: number;
  method: number;
  packed: number;
  size: number;
  local: number;
}

const SIG = {
  local: 0x04034b50,
  central: 0x02014b50,
  end: 0x06054b50,
  end64: 0x06064b50,
  locator64: 0x07064b50,
} as const;
const U32_MAX = 0xffffffff;
const DEFLATE = 8;
const STORED = 0;

/** Position of the end-of-central-directory record: the last 22 bytes plus a comment up to 64 KB. */
function endRecord(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === SIG.end) return i;
  }
  return -1;
}

function u64(view: DataView, at: number): number {
  return Number(view.getBigUint64(at, true));
}

/**
 * Where the central directory starts and how many entries it has, and how far every recorded
 * offset is off: bytes prepended to an archive (junk, a self-extractor) shift everything, and
 * readers such as JSZip correct for that the same way, so the guard must read those archives too.
 */
function directory(view: DataView): { start: number; count: number; shift: number } {
  const end = endRecord(view);
  if (end < 0) throw new ZipRefusal('notZip', 'no end of central directory');
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  let endOfDirectory = end;
  if (count === 0xffff || size === U32_MAX || offset === U32_MAX) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== SIG.locator64)
      throw new ZipRefusal('zipDamaged', 'ZIP64 locator missing');
    // The ZIP64 end record sits right before its locator; its recorded offset may be shifted.
    endOfDirectory = locator - 56;
    if (endOfDirectory < 0 || view.getUint32(endOfDirectory, true) !== SIG.end64)
      throw new ZipRefusal('zipDamaged', 'ZIP64 end record missing');
    count = u64(view, endOfDirectory + 32);
    size = u64(view, endOfDirectory + 40);
    offset = u64(view, endOfDirectory + 48);
  }
  const shift = endOfDirectory - (offset + size);
  if (shift < 0) throw new ZipRefusal('zipDamaged', 'central directory outside the file');
  return { start: offset + shift, count, shift };
}

/** Sizes and offset from the ZIP64 extra field, for the fields recorded as 0xFFFFFFFF. */
function zip64Fields(view: DataView, at: number, length: number, e: Entry): void {
  for (let p = at; p + 4 <= at + length; ) {
    const id = view.getUint16(p, true);
    const len = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      for (const key of ['size', 'packed', 'local'] as const) {
        if (e[key] !== U32_MAX) continue;
        if (q + 8 > p + 4 + len) throw new ZipRefusal('zipDamaged', 'short ZIP64 field');
        e[key] = u64(view, q);
        q += 8;
      }
      return;
    }
    p += 4 + len;
  }
  throw new ZipRefusal('zipDamaged', 'ZIP64 field missing');
}

/** The entries of the central directory, offsets corrected for prepended bytes. */
function entries(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dir = directory(view);
  if (dir.count > MAX_ENTRIES)
    throw new ZipRefusal('zipTooLarge', `${dir.count} entries (limit ${MAX_ENTRIES})`);
  const out: Entry[] = [];
  let at = dir.start;
  for (let n = 0; n < dir.count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== SIG.central)
      throw new ZipRefusal('zipDamaged', `central directory entry ${n} missing`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const e: Entry = {
      name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      packed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      local: view.getUint32(at + 42, true),
    };
    if (e.size === U32_MAX || e.packed === U32_MAX || e.local === U32_MAX)
      zip64Fields(view, at + 46 + nameLength, extraLength, e);
    e.local += dir.shift;
    out.push(e);
    at += 46 + nameLength + extraLength + view.getUint16(at + 32, true);
  }
  return out;
}

/** The compressed bytes of an entry, found through its local header. */
function packedData(bytes: Uint8Array, e: Entry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.local + 30 > bytes.length || view.getUint32(e.local, true) !== SIG.local)
    throw new ZipRefusal('zipDamaged', `local header of ${e.name} missing`);
  const start = e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
  if (start + e.packed > bytes.length) throw new ZipRefusal('zipDamaged', `${e.name} truncated`);
  return bytes.subarray(start, start + e.packed);
}

/**
 * Inflates one entry, stopping as soon as it has produced more than `limit` bytes: the entry's
 * declared size (a lie is caught after at most one chunk past it) or what is left of the budget.
 */
function inflateBounded(data: Uint8Array, limit: number, stats: InflateStats, name: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    const chunks: Buffer[] = [];
    let produced = 0;
    z.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      stats.inflated += chunk.length;
      if (produced > limit) {
        z.destroy();
        reject(new ZipRefusal('zipDamaged', `${name} inflates beyond its declared ${limit} bytes`));
      } else chunks.push(chunk);
    });
    z.on('end', () => resolve(Buffer.concat(chunks, produced)));
    z.on('error', (e) => reject(new ZipRefusal('zipDamaged', `${name}: ${e.message}`)));
    z.end(data);
  });
}

/**
 * Unpacks every part of an archive, counting the bytes inflated.
 * @param limit most bytes all parts may unpack to together
 * @param stats receives the count of bytes inflated (also when refused)
 * @returns part name → content
 * @throws ZipRefusal when the bytes are not an archive, would unpack to more than `limit`, are
 *   damaged (a part larger or smaller than declared, bad compressed data) or encrypted
 */
export async function unzipBounded(
  bytes: Uint8Array,
  limit = MAX_UNPACKED_BYTES,
  stats: InflateStats = { inflated: 0 },
): Promise<Map<string, Buffer>> {
  const list = entries(bytes);
  const declared = list.reduce((sum, e) => sum + e.size, 0);
  if (declared > limit) throw new ZipRefusal('zipTooLarge', `${declared} bytes declared`);
  const parts = new Map<string, Buffer>();
  for (const e of list) {
    if (e.name.endsWith('/')) continue;
    if (e.flags & 1) throw new ZipRefusal('zipEncrypted', e.name);
    const data = packedData(bytes, e);
    let content: Buffer;
    if (e.method === STORED) content = Buffer.from(data);
    else if (e.method === DEFLATE) content = await inflateBounded(data, e.size, stats, e.name);
    else throw new ZipRefusal('zipDamaged', `${e.name} uses compression method ${e.method}`);
    if (content.length !== e.size)
      throw new ZipRefusal('zipDamaged', `${e.name} is ${content.length} bytes, declared ${e.size}`);
    parts.set(e.name, content);
  }
  return parts;
}

/** A ZIP archive of the parts, stored uncompressed (the workbook reader then inflates nothing). */
export function storedZip(parts: ReadonlyMap<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG.local, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG.central, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG.end, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
