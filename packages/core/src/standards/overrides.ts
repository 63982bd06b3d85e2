/**
 * @module Provincial overrides: a data file changes single values of the national tables.
 * Paths address the tables by key ("quality2017.indicators.equipmentPerStudent.min.primary").
 * An unknown path or a value of another type is rejected, so a typo never passes silently.
 */
import { BASIC_2012 } from './basic2012.js';
import { QUALITY_2017 } from './quality2017.js';
import type { AppliedOverride, StandardSet } from './types.js';

export interface OverrideFile {
  /** Name of the provincial rules, e.g. 《河北省县域义务教育优质均衡发展督导评估具体办法》. */
  name?: string;
  /** Document number or link the values come from. */
  source?: string;
  /** Path → new value. */
  set: Record<string, unknown>;
}

export class OverrideError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'OverrideError';
  }
}

/** The national tables, freshly copied so callers may not mutate the originals. */
export function nationalStandards(): StandardSet {
  return deepCopy({ basic: BASIC_2012, quality: QUALITY_2017, overrides: [] });
}

/** The tables are plain JSON data, so a JSON round trip is a faithful deep copy. */
function deepCopy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v;
}

/**
 * Apply an override file to the national tables.
 * @param file parsed override file
 * @returns the standards with every change recorded in `overrides`
 * @throws OverrideError naming the path when a path is unknown or a value has the wrong type
 */
export function applyOverrides(file: OverrideFile): StandardSet {
  const set = nationalStandards();
  const roots: Record<string, unknown> = { [set.basic.id]: set.basic, [set.quality.id]: set.quality };
  if (!file || typeof file !== 'object' || !file.set || typeof file.set !== 'object') {
    throw new OverrideError('覆盖文件应包含 set 对象：{"set": {"quality2017.cvMax.primary": 0.45}}', '');
  }
  for (const [path, value] of Object.entries(file.set)) {
    const parts = path.split('.');
    let node = roots as Record<string, unknown>;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]];
      if (next === null || typeof next !== 'object' || !Object.hasOwn(node, parts[i])) {
        throw new OverrideError(`覆盖项 “${path}” 不存在：找不到 “${parts.slice(0, i + 1).join('.')}”`, path);
      }
      node = next as Record<string, unknown>;
    }
    const key = parts[parts.length - 1];
    if (!Object.hasOwn(node, key)) {
      throw new OverrideError(`覆盖项 “${path}” 不存在：请对照 docs/standards.md 中的路径`, path);
    }
    const from = node[key];
    if (typeOf(from) !== typeOf(value)) {
      throw new OverrideError(
        `覆盖项 “${path}” 的值 ${JSON.stringify(value)} 类型不对：应为 ${typeOf(from)}（原值 ${JSON.stringify(from)}）`,
        path,
      );
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new OverrideError(`覆盖项 “${path}” 的值不是有限数值`, path);
    }
    node[key] = deepCopy(value);
    set.overrides.push({ path, from, to: value } satisfies AppliedOverride);
  }
  set.overrideName = file.name;
  set.overrideSource = file.source;
  return set;
}
