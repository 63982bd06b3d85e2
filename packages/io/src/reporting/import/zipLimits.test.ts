import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadWorkbook } from './xlsx.js';
import { MAX_UNPACKED_BYTES, storedZip, unzipBounded, ZipRefusal } from './zipLimits.js';

/** A ZIP archive written byte by byte (PKWARE APPNOTE 4.3), sizes declared as given. */
function zipOf(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.declared ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.declared ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A real workbook's bytes (exceljs), for archives built around it. */
async function realWorkbook(rows = 3): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学校');
  ws.addRow(['学校名称', '学生数']);
  for (let i = 1; i <= rows; i++) ws.addRow([`第${i}小学`, i]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('zip bomb guard: the bytes actually inflated are bounded', () => {
  it('refuses an archive declaring more than the limit, before inflating anything', async () => {
    const big = zipOf([{ name: 'x.xml', data: Buffer.alloc(1, 0), declared: 150 * 1024 * 1024 }]);
    const stats = { inflated: 0 };
    await expect(loadWorkbook(big, { stats })).rejects.toThrow('Excel 文件解压后超过 100 MB 上限');
    expect(stats.inflated).toBe(0);
    const zip64 = zipOf([{ name: 'x.xml', data: Buffer.alloc(10, 0), declared: 0xffffffff }]);
    await expect(loadWorkbook(zip64)).rejects.toThrow(/Excel 文件/);
  });

  it('stops an entry that lies about its size at the size it declared', async () => {
    // Declares 1000 bytes, inflates to 50 MB.
    const liar = zipOf([
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024, 'a'), declared: 1000 },
    ]);
    expect(liar.length).toBeLessThan(100_000);
    const stats = { inflated: 0 };
    await expect(unzipBounded(liar, MAX_UNPACKED_BYTES, stats)).rejects.toBeInstanceOf(ZipRefusal);
    // At most one inflate chunk (64 KB) past the declared size.
    expect(stats.inflated).toBeLessThanOrEqual(1000 + 64 * 1024);
    await expect(loadWorkbook(liar)).rejects.toThrow('Excel 文件已损坏或被改动过，无法解压');
  });

  it('finds the archive behind junk bytes and still bounds it', async () => {
    // 12 junk bytes before a bomb: its recorded offsets are all off by 12.
    const bomb = zipOf([
      { name: 'xl/workbook.xml', data: Buffer.alloc(60 * 1024 * 1024, 'a') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024, 'b') },
    ]);
    const prefixed = Buffer.concat([Buffer.from('junk-junk-12'), bomb]);
    const stats = { inflated: 0 };
    await expect(loadWorkbook(prefixed, { stats })).rejects.toThrow('Excel 文件解压后超过 100 MB 上限');
    expect(stats.inflated).toBe(0);
    // A lying entry behind junk is stopped too.
    const liar = Buffer.concat([
      Buffer.from('junk-junk-12'),
      zipOf([{ name: 'xl/workbook.xml', data: Buffer.alloc(50 * 1024 * 1024, 'a'), declared: 1000 }]),
    ]);
    const liarStats = { inflated: 0 };
    await expect(loadWorkbook(liar, { stats: liarStats })).rejects.toThrow('已损坏');
    expect(liarStats.inflated).toBeLessThanOrEqual(1000 + 64 * 1024);
  });

  it('reads a real workbook, also behind junk bytes, counting what it inflated', async () => {
    const bytes = await realWorkbook();
    const stats = { inflated: 0 };
    const wb = await loadWorkbook(bytes, { stats });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['学校']);
    expect(stats.inflated).toBeGreaterThan(0);
    const prefixed = await loadWorkbook(Buffer.concat([Buffer.alloc(12, 7), bytes]));
    expect(prefixed.worksheets[0]!.rows).toHaveLength(4);
  });

  it('hands the reader the parts it counted, stored uncompressed', async () => {
    const parts = await unzipBounded(await realWorkbook());
    expect(parts.has('xl/workbook.xml')).toBe(true);
    const again = await unzipBounded(storedZip(parts));
    expect([...again.keys()]).toEqual([...parts.keys()]);
    for (const [name, data] of parts) expect(again.get(name)!.equals(data)).toBe(true);
  });
});
