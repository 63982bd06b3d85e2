/**
 * @module Looking up the message catalogue: typed keys, the default zh-CN text, and a translator
 * with a province's overrides. An override file is JSON `{ "<key>": "<text>" }`; it may change the
 * words but must keep the template's placeholders (a dropped `{title}` would hide which record is
 * meant), and it may only name keys that exist — both checked when the file is read.
 */
import { formatMessage, type MessageParams, placeholdersOf } from './format.js';
import { zhCN } from './zh-CN/index.js';

export type Catalogue = typeof zhCN;
type Leaves<T, P extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Every key of the catalogue, e.g. `rounds.conflict`. */
export type MessageKey = Leaves<Catalogue, ''>;

/** The catalogue flattened: key → zh-CN template. */
export const MESSAGE_TEMPLATES: ReadonlyMap<string, string> = flatten(zhCN);

function flatten(tree: object, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else flatten(v as object, `${prefix}${k}.`, out);
  }
  return out;
}

/**
 * The templates in force: the catalogue, with a province's overrides once a program has called
 * {@link useMessageOverrides} at start (the server and the CLI read JUNHENG_MESSAGES). One
 * program-wide setting, so a Refusal's `.message`, the server's answers and the CLI's lines agree.
 */
let inForce: ReadonlyMap<string, string> = MESSAGE_TEMPLATES;

/** Uses a province's wording (checked with {@link checkOverrides}) from now on; `{}` restores. */
export function useMessageOverrides(overrides: Readonly<Record<string, string>>): void {
  inForce = createTranslator(overrides).templates;
}

/** The text of a message in the wording in force. An unknown key formats as itself. */
export function message(key: MessageKey, params?: MessageParams): string {
  const template = inForce.get(key);
  return template === undefined ? key : formatMessage(template, params);
}

/** A problem with an override file, in Chinese, naming the key. */
export interface OverrideProblem {
  key: string;
  message: string;
}

/** Checks overrides against the catalogue: known keys, text values, the same placeholders. */
export function checkOverrides(overrides: unknown): OverrideProblem[] {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return [{ key: '', message: '措辞文件应为 JSON 对象：{ "键": "文字" }' }];
  }
  const problems: OverrideProblem[] = [];
  for (const [key, text] of Object.entries(overrides)) {
    const base = MESSAGE_TEMPLATES.get(key);
    if (base === undefined) {
      problems.push({ key, message: `没有这个提示语的键“${key}”：请对照提示语目录（docs/messages.md）改正` });
    } else if (typeof text !== 'string' || text.trim() === '') {
      problems.push({ key, message: `“${key}”的文字应为非空字符串` });
    } else {
      const want = placeholdersOf(base).sort().join(', ');
      const got = placeholdersOf(text).sort().join(', ');
      if (want !== got) {
        problems.push({
          key,
          message: `“${key}”的占位符应为 {${want || '无'}}，改写后为 {${got || '无'}}：请保留原有占位符`,
        });
      }
    }
  }
  return problems;
}

/** Formats messages with a province's overrides on top of the zh-CN catalogue. */
export interface Translator {
  (key: MessageKey | string, params?: MessageParams): string;
  /** The templates in force (catalogue + overrides), e.g. for the web's vue-i18n. */
  readonly templates: ReadonlyMap<string, string>;
}

/**
 * A translator with overrides (already checked with {@link checkOverrides}; unknown keys are
 * ignored). An unknown key formats as itself, so a typo shows instead of an empty message.
 */
export function createTranslator(overrides: Readonly<Record<string, string>> = {}): Translator {
  const templates = new Map(MESSAGE_TEMPLATES);
  for (const [k, v] of Object.entries(overrides)) if (templates.has(k)) templates.set(k, v);
  const t = (key: string, params?: MessageParams) => {
    const template = templates.get(key);
    return template === undefined ? key : formatMessage(template, params);
  };
  return Object.assign(t, { templates });
}

/** The catalogue as a tree for vue-i18n, with overrides applied. */
export function catalogueTree(
  templates: ReadonlyMap<string, string> = MESSAGE_TEMPLATES,
): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [key, text] of templates) {
    const parts = key.split('.');
    let node = tree;
    for (const p of parts.slice(0, -1)) {
      node[p] ??= {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = text;
  }
  return tree;
}
