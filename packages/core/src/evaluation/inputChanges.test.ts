import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../demo/generate.js';
import type { CountyDataset } from '../model.js';
import { datasetChanges } from './inputChanges.js';

const copy = (d: CountyDataset): CountyDataset => JSON.parse(JSON.stringify(d));

describe('datasetChanges', () => {
  const ran = generateDemoCounty({ schools: 12 });

  it('finds nothing when only key order differs (jsonb reorders keys)', () => {
    const reordered = JSON.parse(
      JSON.stringify(ran, (_k, v) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    );
    expect(datasetChanges(ran, reordered)).toEqual([]);
  });

  it('names the schools and stages whose reports changed, and the county items', () => {
    const now = copy(ran);
    const s = now.schools[0];
    s.stages[0].books = (s.stages[0].books ?? 0) + 100;
    const item = Object.keys(now.countyInputs ?? {})[0];
    now.countyInputs![item] = { value: null };
    const reasons = datasetChanges(ran, now);
    expect(reasons[0]).toBe(
      `学校报表有改动：${s.name}（${s.stages[0].stage === 'primary' ? '小学' : '初中'}）`,
    );
    expect(reasons[1]).toMatch(/^县级指标有改动：\S+/);
    expect(reasons[1]).not.toContain(item);
  });

  it('lists at most three schools, then the count; added and removed schools too', () => {
    const now = copy(ran);
    for (const s of now.schools.slice(0, 5)) s.name = `${s.name}（更名）`;
    const removed = now.schools.pop()!;
    const reasons = datasetChanges(ran, now);
    expect(reasons[0]).toMatch(/^学校报表有改动：.+等 5 所学校$/);
    expect(reasons).toContain(`学校不再参与评估：${removed.name}`);
    expect(datasetChanges(now, ran)).toContain(`新增了学校数据：${removed.name}`);
  });
});
