/**
 * @module What users read as the 依据 of a standard's value: the title of the document the value
 * belongs to, never the research tags of shared/spec/standards.md §h ("S-fudaoke", "impl",
 * "85% unconfirmed"). The tags, and how sure each value is, stay with the tables and in
 * docs/standards.md (`junheng standards`), for whoever maintains the tables.
 *
 * Every output meant for people (Excel/Word reports, web pages, API answers shown on pages, CLI
 * tables) goes through sourceTitle or citeResultSources; a test scans them for SOURCE_TAG_PATTERN.
 */
import type { EvaluationResult, ItemResult, VetoResult } from '../evaluation/results.js';

/**
 * A research tag inside a source text: `S-xxx` keys of §h (with or without brackets), `impl`
 * (third-party implementations) and `unconfirmed`. Global: use with match/replace, or copy it
 * (`new RegExp(SOURCE_TAG_PATTERN.source)`) for a single test.
 */
export const SOURCE_TAG_PATTERN = /\[?\b(?:S-[a-z0-9]+(?:-[a-z0-9]+)*|impl|unconfirmed)\b\]?/g;

/**
 * Tags that name an official document a county may cite by its own title. Every other tag — a
 * secondary summary, a news item, a provincial text corroborating a national value, a third-party
 * implementation, or unconfirmed — stands for the document of the standard the value belongs to:
 * the value is that document's requirement, the tag only says where the project saw it.
 */
export const CITABLE_SOURCES: Readonly<Record<string, string>> = {
  'S-2012notice': '《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）',
  'S-diffcoef': '《义务教育均衡发展差异系数计算方法及数据来源》',
};

function bareTag(tag: string): string {
  return tag.replace(/^\[|\]$/g, '');
}

/**
 * The user-facing title for a source text of the standard tables.
 * @param source the `source` of a table entry, e.g. "impl; S-fudaoke" or "S-fudaoke（每12班）；面积
 *   impl unconfirmed"; a province's override may put a document number there instead
 * @param document the title of the standard the entry belongs to, e.g. QUALITY_2017.document
 * @returns the document titles the tags stand for (each once, "；" between), or the source itself
 *   when it holds no tag (a title a province wrote), or the document when the source is empty
 */
export function sourceTitle(source: string, document: string): string {
  const tags = (source ?? '').match(SOURCE_TAG_PATTERN) ?? [];
  if (tags.length === 0) return source?.trim() ? source.trim() : document;
  const titles = [...new Set(tags.map((t) => CITABLE_SOURCES[bareTag(t)] ?? document))];
  return titles.join('；');
}

/** Whether a text shown to users still holds a research tag (for tests and checks). */
export function hasSourceTag(text: string): boolean {
  return new RegExp(SOURCE_TAG_PATTERN.source).test(text);
}

function citeItem<T extends ItemResult | VetoResult>(item: T, document: string): T {
  return { ...item, source: sourceTitle(item.source, document) };
}

/**
 * An evaluation result as users see it: every item's and veto's `source` replaced by the title of
 * its document. The stored result keeps the tags (it is the engine's exact output, audited).
 * @param result core's EvaluationResult
 * @returns a copy with user-facing sources
 */
export function citeResultSources(result: EvaluationResult): EvaluationResult {
  const out: EvaluationResult = { ...result };
  if (result.quality) {
    const doc = result.quality.standard?.document ?? result.rules?.quality?.document ?? '';
    out.quality = {
      ...result.quality,
      aspects: result.quality.aspects.map((a) => ({ ...a, items: a.items.map((i) => citeItem(i, doc)) })),
      vetoes: result.quality.vetoes.map((v) => citeItem(v, doc)),
    };
  }
  if (result.basic) {
    const doc = result.basic.standard?.document ?? result.rules?.basic?.document ?? '';
    out.basic = { ...result.basic, items: result.basic.items.map((i) => citeItem(i, doc)) };
  }
  return out;
}
