/**
 * @module A guard before an .xlsx (a ZIP archive) is unpacked: the sizes its central directory
 * declares are added up, and an upload that would unpack to more than the limit is refused before
 * any decompression. A 20 MB upload of highly compressible XML could otherwise unpack to gigabytes
 * and take the server down (a "zip bomb"). Declared sizes can lie; the unzipper (JSZip inside
 * exceljs) checks each entry's real size against its declared one, so a lie fails there.
 */

/** Largest total unpacked size accepted: the demo county's workbook unpacks to well under 1 MB. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Most entries accepted (a workbook has a few dozen parts). */
export const MAX_ENTRIES = 10_000;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/**
 * The total unpacked size and entry count an archive declares, or null when the bytes are not a
 * ZIP archive (the workbook reader then reports that in its own words).
 */
export function declaredZipSize(bytes: Uint8Array): { entries: number; unpacked: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 65535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  const start = view.getUint32(eocd + 16, true);
  let unpacked = 0;
  let at = start;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const size = view.getUint32(at + 24, true);
    // 0xFFFFFFFF means the real size is in a ZIP64 field: more than 4 GB, refused as such.
    unpacked += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { entries, unpacked };
}

/**
 * Refuses an archive that would unpack to more than {@link MAX_UNPACKED_BYTES}.
 * @throws Error with a Chinese message naming the size and what to do
 */
export function checkZipExpansion(bytes: Uint8Array, limit = MAX_UNPACKED_BYTES): void {
  const declared = declaredZipSize(bytes);
  if (!declared) return;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  if (declared.entries > MAX_ENTRIES || declared.unpacked > limit) {
    const size = Number.isFinite(declared.unpacked) ? `${mb(declared.unpacked)} MB` : '超过 4 GB';
    throw new Error(
      `Excel 文件解压后过大（${size}，${declared.entries} 个部件；上限 ${mb(limit)} MB）：请删除多余的工作表、图片和空行，或分成几个文件导入`,
    );
  }
}
