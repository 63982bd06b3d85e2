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

/**
 * Characters of an ID number a mask keeps: the last two. The usual notice mask (region and the last
 * four) is invertible here: the row also stores the birth month and gender, the region is the
 * county's, and the check character is a function of the rest, which leaves 2–4 candidates per
 * child. Keeping two leaves a few hundred (the day of birth and two sequence digits unknown).
 */
export const ID_MASK_KEPT = 2;

/** 130660201903151234 → ****************34 (the last {@link ID_MASK_KEPT} characters only). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return '*'.repeat(s.length - ID_MASK_KEPT) + s.slice(-ID_MASK_KEPT);
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}
