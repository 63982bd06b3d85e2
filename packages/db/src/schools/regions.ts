/**
 * @module The national list of province, city and county codes (GB/T 2260, shipped in
 * reference/regions-gbt2260.json), so an administrator can open an account for any real county without
 * typing its name, and the region rows it needs are created from the official names.
 * 乡镇/学区 (9-digit) codes are not in the list: they come with a county's own data.
 */
import { readFileSync } from 'node:fs';
import type { Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';

export const REGIONS_FILE = new URL('../../reference/regions-gbt2260.json', import.meta.url);

let catalogue: Map<string, string> | undefined;

/** Code → name of every province, city and county in the shipped list (read once). */
export function regionCatalogue(): Map<string, string> {
  catalogue ??= new Map(
    (JSON.parse(readFileSync(REGIONS_FILE, 'utf8')) as { regions: [string, string][] }).regions,
  );
  return catalogue;
}

type Level = 'province' | 'city' | 'county';

function levelOf(code: string): Level {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * Makes sure a 6-digit region code has its row (and its province and city rows), creating them
 * from the national list when they are missing.
 * @returns true when the region exists afterwards; false when it is neither in the database nor in
 *   the national list (e.g. a code that does not exist, or a township code of a county not yet loaded)
 */
export async function ensureRegion(tx: Queryable, code: string): Promise<boolean> {
  const q = sqlOf(tx);
  const known = await q.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst();
  if (known) return true;
  const list = regionCatalogue();
  if (!/^[1-9]\d{5}$/.test(code) || !list.has(code)) return false;
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const chain: { code: string; level: Level; parent: string | null }[] = [];
  if (list.has(province)) chain.push({ code: province, level: 'province', parent: null });
  if (levelOf(code) !== 'province' && city !== code && list.has(city)) {
    chain.push({ code: city, level: 'city', parent: list.has(province) ? province : null });
  }
  if (levelOf(code) === 'county') {
    const parent = list.has(city) ? city : list.has(province) ? province : null;
    chain.push({ code, level: 'county', parent });
  }
  for (const r of chain) {
    await q
      .insertInto('region')
      .values({ code: r.code, name: list.get(r.code)!, level: r.level, parent_code: r.parent })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  return true;
}
