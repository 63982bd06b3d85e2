/**
 * @module A school's group for 随迁子女保障 (placements near home first): its township region when it
 * has one, else the township its name begins with (柳林镇中心小学 → 柳林镇), else 县城.
 */

/** The township a school belongs to, for grouping. */
export function schoolGroup(name: string, regionName: string | null): string {
  if (regionName) return regionName;
  const m = /^(.{1,8}?(?:镇|乡|街道))/.exec(name);
  return m ? m[1]! : '县城';
}
