import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../demo/generate.js';
import { evaluate } from '../evaluation/evaluate.js';
import { BASIC_2012 } from './basic2012.js';
import { citeResultSources, hasSourceTag, SOURCE_TAG_PATTERN, sourceTitle } from './citation.js';
import { QUALITY_2017 } from './quality2017.js';

const Q = QUALITY_2017.document;

/** Every source text of the national tables, wherever it sits. */
function sourcesIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) sourcesIn(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'source' && typeof x === 'string') out.push(x);
      else sourcesIn(x, out);
    }
  }
  return out;
}

describe('sourceTitle', () => {
  it('turns the research tags into the title of the standard’s document', () => {
    expect(sourceTitle('impl; S-fudaoke', Q)).toBe(
      '《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）',
    );
    expect(sourceTitle('S-fudaoke（至少 6 项）；85% unconfirmed', Q)).toBe(Q);
    expect(sourceTitle('按学生数比例分摊 unconfirmed；加权 1:1.1:1.32 见 [impl]', Q)).toBe(Q);
    expect(sourceTitle('unconfirmed（通行值）', BASIC_2012.document)).toBe(BASIC_2012.document);
  });
  it('names a citable official document by its own title', () => {
    expect(sourceTitle('S-diffcoef; S-777doc', BASIC_2012.document)).toBe(
      '《义务教育均衡发展差异系数计算方法及数据来源》；《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）',
    );
  });
  it('keeps a title a province wrote, and falls back to the document when empty', () => {
    expect(sourceTitle('冀教督〔2018〕1号', Q)).toBe('冀教督〔2018〕1号');
    expect(sourceTitle('', Q)).toBe(Q);
  });
  it('leaves no tag in the title of any source of the national tables', () => {
    const all = [
      ...sourcesIn(QUALITY_2017).map((s) => sourceTitle(s, QUALITY_2017.document)),
      ...sourcesIn(BASIC_2012).map((s) => sourceTitle(s, BASIC_2012.document)),
    ];
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter(hasSourceTag)).toEqual([]);
  });
  it('the pattern finds every kind of tag', () => {
    for (const t of ['S-fudaoke', '[S-hebei]', 'S-fudaoke-rot', 'impl', '[impl]', '85% unconfirmed'])
      expect(hasSourceTag(t)).toBe(true);
    for (const t of ['教督〔2017〕6号', 'implementation', '达标']) expect(hasSourceTag(t)).toBe(false);
    expect('impl; S-fudaoke'.match(SOURCE_TAG_PATTERN)).toEqual(['impl', 'S-fudaoke']);
  });
});

describe('citeResultSources', () => {
  it('a result shown to users holds no tag, the stored one keeps them', () => {
    const result = evaluate(generateDemoCounty({ schools: 12 }), { standard: 'both' });
    expect(hasSourceTag(JSON.stringify(result))).toBe(true);
    const shown = citeResultSources(result);
    expect(JSON.stringify(shown).match(SOURCE_TAG_PATTERN)).toBeNull();
    expect(shown.quality!.aspects[1].items[0].source).toBe(Q);
  });
});
