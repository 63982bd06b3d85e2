import { evaluateZoning, type ZoningProblem } from '@junheng/core';
import { describe, expect, it } from 'vitest';
import type { SchoolResult } from '../api/admission';
import { webSources } from '../testing/sources';
import {
  admissionTooltip,
  coefficientTooltip,
  escapeHtml,
  html,
  tooltipLines,
  trusted,
  zoningMapTooltip,
} from './chartTooltips';

/** Names an outside tester stored: markup that must reach the tooltip as text, never as elements. */
const HOSTILE = ['<img src=x onerror=alert(1)>', '<b>粗体</b>'] as const;

/** The tooltip's markup holds the hostile name as escaped text and none of its tags. */
function expectEscaped(markup: string, name: string): void {
  expect(markup).toContain(escapeHtml(name));
  expect(markup).not.toContain('<img');
  expect(markup).not.toContain('<b>粗体');
  if (name.startsWith('<img')) expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
  else expect(markup).toContain('&lt;b&gt;粗体&lt;/b&gt;');
}

describe('escapeHtml / html', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(3)).toBe('3');
  });
  it('keeps the template markup and escapes only what is interpolated', () => {
    expect(html`<b>${HOSTILE[0]}</b>（${2}）`.text).toBe('<b>&lt;img src=x onerror=alert(1)&gt;</b>（2）');
    expect(html`${trusted('<span class="m"></span>')}${HOSTILE[1]}`.text).toBe(
      '<span class="m"></span>&lt;b&gt;粗体&lt;/b&gt;',
    );
    expect(tooltipLines([html`<b>${'甲'}</b>`, HOSTILE[1]])).toBe('<b>甲</b><br/>&lt;b&gt;粗体&lt;/b&gt;');
  });
});

describe.each(HOSTILE)('chart tooltips with the hostile name %s', (name) => {
  it('督导评估 difference-coefficient bars', () => {
    const f = coefficientTooltip(
      { names: [name, '综合差异系数'], values: [0.3, null], threshold: 0.5 },
      'basic',
    );
    const first = f([{ dataIndex: 0 }]);
    expectEscaped(first, name);
    expect(first).toContain('差异系数：0.300');
    expect(first).not.toContain('标准');
    expect(f([{ dataIndex: 1 }])).toBe('综合差异系数<br/>差异系数：不适用<br/>标准：≤ 0.50');
    expect(
      coefficientTooltip({ names: [name], values: [0.2], threshold: 0.45 }, 'quality')([{ dataIndex: 0 }]),
    ).toContain('标准：≤ 0.45');
  });

  it('招生申请 admission-results chart: school, category and cut-off names', () => {
    const school: SchoolResult = {
      schoolId: 'S1',
      schoolName: name,
      group: '',
      capacity: 90,
      zoneApplicants: 100,
      admittedByCategory: { c1: 80 },
      zoneAdmitted: 80,
      refused: 10,
      assigned: 5,
      migrantGuaranteed: 0,
      seatsLeft: 5,
      cutOff: { categoryId: 'c1', siblings: null },
      lotteryUsed: true,
    };
    const marker = '<span style="background-color:#67c23a;"></span>';
    const f = admissionTooltip([school], () => `第1类别 ${name}`);
    const out = f([
      { axisValue: name, seriesName: name, value: 80, marker },
      { axisValue: name, seriesName: '统筹安排', value: { value: 5 }, marker },
      { axisValue: name, seriesName: '本片区未录取', value: 100, marker },
    ]);
    expectEscaped(out, name);
    // the school (bold), the category series, the cut-off: three places, each escaped
    expect(out.split(escapeHtml(name)).length - 1).toBe(3);
    expect(out).toContain(`<b>${escapeHtml(name)}</b>（计划 90）`);
    expect(out).toContain(`${marker}${escapeHtml(name)}：80`);
    expect(out).toContain(`${marker}统筹安排：5`);
    expect(out).not.toContain('本片区未录取：100');
    expect(out).toContain('本片区未录取：10');
    expect(out).toContain('，派位决定');
    expect(f([{ axisValue: '别的学校', seriesName: 'x', value: 1, marker }])).toBe('');
  });

  it('划片 map: an area, a school, and a point without figures', () => {
    const problem: ZoningProblem = {
      stage: 'primary',
      areas: [
        { id: 'A1', name, kind: 'estate', lon: 115, lat: 39, entrants: { primary: 30, junior: 0 } },
        {
          id: 'A2',
          name: '二村',
          kind: 'village',
          lon: 115.02,
          lat: 39,
          entrants: { primary: 10, junior: 0 },
        },
      ],
      schools: [{ id: 'S1', name, lon: 115.01, lat: 39, stages: ['primary'], classes: { primary: 1 } }],
    };
    const f = zoningMapTooltip(problem, evaluateZoning(problem, { A1: 'S1' }));
    const area = f({ data: { areaId: 'A1' }, name });
    expectEscaped(area, name);
    expect(area).toContain(`<b>${escapeHtml(name)}</b>（小区）`);
    expect(area).toContain(`划片学校：${escapeHtml(name)}`);
    expect(f({ data: { areaId: 'A2' } })).toContain('划片学校：未划片');
    const school = f({ data: { schoolId: 'S1' }, name });
    expectEscaped(school, name);
    expect(school).toContain('划入 30 人');
    expectEscaped(f({ data: { areaId: 'gone' }, name }), name);
    expectEscaped(f({ name }), name);
  });
});

/** The text of each `tooltip: { … }` object literal in a source. */
function tooltipBlocks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\btooltip: \{/g)) {
    let depth = 0;
    for (let i = m.index + m[0].length - 1; i < text.length; i++) {
      if (text[i] === '{') depth++;
      if (text[i] === '}' && --depth === 0) {
        out.push(text.slice(m.index, i + 1));
        break;
      }
    }
  }
  return out;
}

describe('every ECharts tooltip in the web app', () => {
  // ECharts escapes its own tooltips and string templates; a formatter function's HTML it does not.
  it('uses ECharts’ own markup, a string template, or a formatter built in chartTooltips.ts', () => {
    const found: string[] = [];
    const wrong: string[] = [];
    for (const { file, text } of webSources().filter((s) => !s.file.endsWith('chartTooltips.ts'))) {
      for (const block of tooltipBlocks(text)) {
        for (const f of block.matchAll(/\bformatter: *([^,\n]*)/g)) {
          found.push(`${file}: ${f[1]}`);
          if (!/^(['`"]|\w+Tooltip\()/.test(f[1] ?? '')) wrong.push(`${file}: ${f[1]}`);
        }
      }
      for (const f of text.matchAll(/\.formatter = *([^;\n]*)/g)) {
        found.push(`${file}: ${f[1]}`);
        if (!/^tooltip\.value$/.test(f[1] ?? '') || !text.includes('zoningMapTooltip('))
          wrong.push(`${file}: ${f[1]}`);
      }
    }
    expect(wrong).toEqual([]);
    // The three charts with a formatter function: 差异系数, 录取结果, 划片 map.
    expect(found.filter((f) => /Tooltip\(|tooltip\.value/.test(f)).length).toBe(3);
  });
});
