/**
 * @module Admission categories (招生类别): the priority tiers a county admits by, in its own order.
 *
 * The national rule is 就近入学 by zone; within a zone most counties rank children by how firmly they
 * belong to it: 户籍与房产一致 first, then 户籍 only, then 房产 only, then children of migrant
 * workers holding a 居住证 (随迁子女, who are guaranteed a public place when they meet the local
 * conditions), then everybody else. Counties differ in the order and the wording, so the list is
 * data: an ordered array of categories, edited per admission round until its lottery is committed.
 *
 * `siblingPriority` (同校兄弟姐妹优先) is an option the county may enable: within a category, children
 * with a brother or sister already at the school come before the others (a sub-tier, never above a
 * higher category).
 */

/** One category. */
export interface AdmissionCategory {
  /** Stable identifier stored with each applicant: a letter, then letters, digits, - or _ (≤ 32). */
  readonly id: string;
  /** Name shown to users, e.g. 户籍与房产一致. */
  readonly name: string;
  /** 随迁子女保障: an applicant of this category who meets the conditions is guaranteed a public place. */
  readonly migrantGuarantee: boolean;
}

/** A county's categories for one admission round. */
export interface AdmissionCategoryConfig {
  /** Highest priority first. */
  readonly categories: readonly AdmissionCategory[];
  /** 同校兄弟姐妹优先 within each category. */
  readonly siblingPriority: boolean;
}

/** The usual five categories, in the usual order. */
export const DEFAULT_ADMISSION_CATEGORIES: readonly AdmissionCategory[] = [
  { id: 'hukouProperty', name: '户籍与房产一致', migrantGuarantee: false },
  { id: 'hukou', name: '户籍', migrantGuarantee: false },
  { id: 'property', name: '房产', migrantGuarantee: false },
  { id: 'migrant', name: '居住证随迁子女', migrantGuarantee: true },
  { id: 'other', name: '其他', migrantGuarantee: false },
];

/** The default configuration: the five categories, sibling priority off. */
export function defaultCategoryConfig(): AdmissionCategoryConfig {
  return { categories: DEFAULT_ADMISSION_CATEGORIES.map((c) => ({ ...c })), siblingPriority: false };
}

const CATEGORY_ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** Most categories a county may configure (Excel list validations hold 255 characters). */
export const MAX_ADMISSION_CATEGORIES = 12;

/**
 * Why a configuration is not usable, in Chinese with the fix, or undefined when it is.
 * @param config the configuration as received (unknown shape)
 */
export function checkCategoryConfig(config: unknown): string | undefined {
  const c = config as Partial<AdmissionCategoryConfig> | null;
  if (!c || typeof c !== 'object' || !Array.isArray(c.categories)) {
    return '招生类别应为列表：[{id, name, migrantGuarantee}]，按优先顺序排列';
  }
  if (c.categories.length === 0) return '至少需要一个招生类别';
  if (c.categories.length > MAX_ADMISSION_CATEGORIES) {
    return `招生类别不能超过 ${MAX_ADMISSION_CATEGORIES} 个（收到 ${c.categories.length} 个）`;
  }
  if (typeof c.siblingPriority !== 'boolean') return '“同校兄弟姐妹优先”应为是或否';
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const [i, cat] of c.categories.entries()) {
    const where = `第 ${i + 1} 个招生类别`;
    if (!cat || typeof cat !== 'object') return `${where}应为 {id, name, migrantGuarantee}`;
    if (typeof cat.id !== 'string' || !CATEGORY_ID.test(cat.id)) {
      return `${where}的标识“${String(cat.id)}”无效：应以字母开头，由字母、数字、-、_ 组成，不超过 32 个字符`;
    }
    if (typeof cat.name !== 'string' || cat.name.trim() === '') return `${where}缺少名称`;
    if ([...cat.name.trim()].length > 20) return `${where}的名称“${cat.name}”超过 20 个字`;
    if (/[,，]/.test(cat.name)) return `${where}的名称“${cat.name}”不能含逗号（Excel 下拉列表用逗号分隔）`;
    if (typeof cat.migrantGuarantee !== 'boolean') return `${where}（${cat.name}）的“随迁子女保障”应为是或否`;
    if (ids.has(cat.id)) return `招生类别标识“${cat.id}”重复：每个类别的标识应不同`;
    if (names.has(cat.name.trim())) return `招生类别名称“${cat.name.trim()}”重复：每个类别的名称应不同`;
    ids.add(cat.id);
    names.add(cat.name.trim());
  }
  return undefined;
}

/**
 * The category of a name or id as typed in a file or a form (name first, then id), or undefined.
 */
export function findCategory(config: AdmissionCategoryConfig, text: string): AdmissionCategory | undefined {
  const t = text.normalize('NFKC').trim();
  return config.categories.find((c) => c.name === t) ?? config.categories.find((c) => c.id === t);
}
