/**
 * @module How a child's personal data appears in lists, published class lists and lottery tickets:
 * enough for a parent or clerk to recognise an entry, not enough to identify a stranger's child.
 * Masks are computed when a row is written, so a list never needs to decrypt anything.
 */

/** 张小明 → 张*明, 李四 → 李*, 欧阳小明 → 欧**明; a one-character name stays as it is. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** 130660201903151234 → 130660********1234 (region and the last four, as on Chinese notices). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}
