import { describe, expect, it } from 'vitest';
import { demoNames } from './names.js';

describe('demoNames', () => {
  it('gives 2–3 character Chinese names, the same for the same seed', () => {
    const a = demoNames(200, 7);
    expect(a).toHaveLength(200);
    for (const n of a) expect(n).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    expect(demoNames(200, 7)).toEqual(a);
    expect(demoNames(200, 8)).not.toEqual(a);
  });
});
