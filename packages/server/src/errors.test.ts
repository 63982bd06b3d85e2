import { describe, expect, it } from 'vitest';
import { toErrorResponse } from './errors.js';

describe('database conflicts', () => {
  it('answers a deadlock or serialisation failure with a Chinese 409 to retry, not a 500', () => {
    for (const code of ['40P01', '40001']) {
      const r = toErrorResponse(Object.assign(new Error('deadlock detected'), { code }));
      expect(r).toMatchObject({ status: 409, serverFault: false, body: { code: 'conflict' } });
      expect(r.body.message).toContain('请刷新后重试');
    }
    expect(toErrorResponse(Object.assign(new Error('x'), { code: '23505' })).status).toBe(500);
  });
});
