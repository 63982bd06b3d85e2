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

describe('trigger errors', () => {
  it('answers a drawn draw or a published zoning plan changed by a racing request with 409 in Chinese', () => {
    for (const code of ['JH004', 'JH011', 'JH012']) {
      const r = toErrorResponse(Object.assign(new Error('locked'), { code }));
      expect(r).toMatchObject({ status: 409, serverFault: false, body: { code: 'wrongState' } });
      expect(r.body.message).toMatch(/不能再修改/);
    }
  });
});
