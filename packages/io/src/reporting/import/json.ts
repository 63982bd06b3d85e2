/**
 * @module JSON and YAML input: parsing with a Chinese message that points at the line, and the
 * JSON dataset import, which is validateDataset plus — with allowIncomplete — dropping the
 * schools, stages and county items that have issues.
 */
import {
  type CountyDataset,
  STAGE_NAMES,
  type Stage,
  type StandardSet,
  type ValidationIssue,
  validateDataset,
} from '@junheng/core';
import YAML from 'yaml';
import { decodeText } from './csv.js';
import type { ImportError, ImportResult } from './errors.js';

/**
 * Parse JSON (.json) or YAML (.yaml/.yml) bytes.
 * @returns the value, or an ImportError naming the line of the syntax error
 */
export function parseStructured(
  bytes: Uint8Array,
  file: string,
): { ok: true; value: unknown } | { ok: false; error: ImportError } {
  const { text } = decodeText(bytes);
  const yaml = /\.ya?ml$/i.test(file);
  try {
    return { ok: true, value: yaml ? YAML.parse(text) : JSON.parse(text) };
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    const where = line ? `第 ${line} 行附近` : '';
    return {
      ok: false,
      error: {
        file,
        message: yaml
          ? `YAML 格式错误（${message.split('\n')[0]}）：请检查缩进和冒号`
          : `JSON 格式错误${where ? `（${where}）` : ''}：${message}；请检查括号、逗号和引号是否成对`,
      },
    };
  }
}

/** Validation issues as import errors of a file (path and value kept when there are any). */
export function issuesToErrors(file: string, issues: readonly ValidationIssue[]): ImportError[] {
  return issues.map((i) => {
    const e: ImportError = { file, message: i.message };
    if (i.path) e.path = i.path;
    if (i.value !== undefined) e.value = i.value;
    return e;
  });
}

/** Which parts of a dataset the issues fall in. */
interface BadParts {
  schools: Set<number>;
  stages: Map<number, Set<number>>;
  items: Set<string>;
  /** An issue outside schools and county items (county, year, the top level): nothing can be kept. */
  fatal: boolean;
}

const SCHOOL_PATH = /^schools\[(\d+)\](?:\.stages\[(\d+)\])?/;
const ITEM_PATH = /^countyInputs\.([^.]+)/;

function locate(issues: readonly ValidationIssue[]): BadParts {
  const bad: BadParts = { schools: new Set(), stages: new Map(), items: new Set(), fatal: false };
  for (const issue of issues) {
    const school = SCHOOL_PATH.exec(issue.path);
    const item = ITEM_PATH.exec(issue.path);
    if (school && school[2] === undefined) {
      bad.schools.add(Number(school[1]));
    } else if (school) {
      const i = Number(school[1]);
      const set = bad.stages.get(i) ?? new Set<number>();
      set.add(Number(school[2]));
      bad.stages.set(i, set);
    } else if (item) {
      bad.items.add(item[1]);
    } else {
      bad.fatal = true;
    }
  }
  return bad;
}

type Loose = Record<string, unknown>;

/** The dataset without the bad parts, and a Chinese line for each part left out. */
function dropBadParts(data: Loose, bad: BadParts): { data: Loose; skipped: string[] } {
  const skipped: string[] = [];
  const schools: unknown[] = [];
  (data.schools as unknown[]).forEach((raw, i) => {
    const school = raw as Loose;
    const label = `schools[${i}]${typeof school?.name === 'string' ? `（${school.name}）` : ''}`;
    if (bad.schools.has(i)) {
      skipped.push(`${label} 有错误，整校已跳过`);
      return;
    }
    const badStages = bad.stages.get(i);
    if (!badStages) {
      schools.push(school);
      return;
    }
    const stages = (school.stages as Loose[]).filter((_, j) => !badStages.has(j));
    const kept = stages.map((s) => STAGE_NAMES[s.stage as Stage] ?? String(s.stage)).join('、');
    for (const j of badStages) {
      skipped.push(
        `${label}.stages[${j}] 有错误，已跳过；${stages.length > 0 ? `该校仅保留${kept}学段数据` : '该校没有其他可用的学段，整校未纳入'}`,
      );
    }
    if (stages.length > 0) schools.push({ ...school, stages });
  });
  const out: Loose = { ...data, schools };
  if (bad.items.size > 0 && data.countyInputs && typeof data.countyInputs === 'object') {
    const inputs = { ...(data.countyInputs as Loose) };
    for (const id of bad.items) {
      delete inputs[id];
      skipped.push(`县级指标 ${id} 有错误，按未填报处理`);
    }
    out.countyInputs = inputs;
  }
  return { data: out, skipped };
}

/**
 * Import a JSON (or YAML) dataset file.
 * @param bytes file content
 * @param file file name for messages
 * @param opts allowIncomplete: keep what is valid; standards: tables for the county items
 */
export function importStructuredDataset(
  bytes: Uint8Array,
  file: string,
  opts: { allowIncomplete?: boolean; standards?: StandardSet; override?: Partial<CountyDataset> },
): ImportResult {
  const result: ImportResult = { errors: [], skipped: [], warnings: [] };
  const parsed = parseStructured(bytes, file);
  if (!parsed.ok) {
    result.errors.push(parsed.error);
    return result;
  }
  let data = parsed.value;
  if (opts.override && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    data = { ...(data as Loose), ...opts.override };
  }
  const first = validateDataset(data, { standards: opts.standards });
  if (first.dataset) return { ...result, dataset: first.dataset };

  result.errors.push(...issuesToErrors(file, first.issues));
  if (!opts.allowIncomplete) return result;
  const bad = locate(first.issues);
  if (bad.fatal) return result;
  const dropped = dropBadParts(data as Loose, bad);
  // Dropping a part cannot create a new issue, but a second pass proves it cheaply.
  const second = validateDataset(dropped.data, { standards: opts.standards });
  if (second.dataset) {
    result.dataset = second.dataset;
    result.skipped.push(...dropped.skipped);
  }
  return result;
}
