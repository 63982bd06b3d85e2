import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadWorkbook } from './xlsx.js';
import { checkZipExpansion, declaredZipSize } from './zipLimits.js';

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

describe('zip expansion guard', () => {
  it('adds up the sizes the archive declares', () => {
    const zip = zipOf([
      { name: 'a.xml', data: Buffer.alloc(1000, 'a') },
      { name: 'b.xml', data: Buffer.alloc(2345, 'b') },
    ]);
    expect(declaredZipSize(zip)).toEqual({ entries: 2, unpacked: 3345 });
    expect(() => checkZipExpansion(zip, 3345)).not.toThrow();
    expect(() => checkZipExpansion(zip, 3344)).toThrow(/解压后过大/);
  });

  it('refuses a small upload that would unpack to gigabytes, before unpacking it', async () => {
    const bomb = zipOf([
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(10, 0), declared: 0xffffffff },
    ]);
    await expect(loadWorkbook(bomb)).rejects.toThrow(/Excel 文件解压后过大（超过 4 GB/);
    const big = zipOf([{ name: 'x.xml', data: Buffer.alloc(1, 0), declared: 150 * 1024 * 1024 }]);
    await expect(loadWorkbook(big)).rejects.toThrow(/150 MB.*上限 100 MB/);
  });

  it('leaves what is not a ZIP archive to the workbook reader', async () => {
    expect(declaredZipSize(Buffer.from('姓名,学校\n'))).toBeNull();
    await expect(loadWorkbook(Buffer.from('not a workbook'))).rejects.toThrow(/无法读取 Excel 文件/);
  });
});
