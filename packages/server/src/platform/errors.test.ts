import { Refusal } from '@junheng/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, toErrorResponse, useMessageOverrides } from './errors.js';

describe("a command's Refusal", () => {
  afterEach(() => useMessageOverrides({}));

  it('answers with its code, the status of that code and the catalogue text', () => {
    const r = toErrorResponse(new Refusal('notAllowed', 'accounts.actingUserGone'));
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ code: 'notAllowed', message: '账号不存在或已停用，请重新登录' });
    expect(toErrorResponse(new Refusal('usernameTaken', 'accounts.actingUserGone')).status).toBe(409);
  });

  it("uses a province's wording once overrides are in force", () => {
    useMessageOverrides({ 'common.policyDenied': '不允许：{reason}' });
    const r = toErrorResponse(new Refusal('notAllowed', 'common.policyDenied', { reason: '只读' }));
    expect(r.body.message).toBe('不允许：只读');
  });
});

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

describe("refusals' details, as the contract describes them", () => {
  it('gives every problem of a list a code and a fix, keeping where it is', () => {
    const r = toErrorResponse(
      new Refusal(
        'invalidRequest',
        'common.policyDenied',
        { reason: '有 2 处错误' },
        {
          details: [
            { row: 3, column: '身份证号', value: '1306', message: '校验位不正确' },
            { message: '缺少姓名', fix: '请填写姓名', row: null },
          ],
        },
      ),
    );
    expect(r.body.details).toEqual([
      {
        code: 'invalidValue',
        row: 3,
        column: '身份证号',
        value: '1306',
        message: '校验位不正确',
        fix: '请按说明改正后重试',
      },
      { code: 'invalidValue', message: '缺少姓名', fix: '请填写姓名' },
    ]);
  });

  it("passes the outstanding reports and a conflict's state as they are, and leaves out any other object", () => {
    const outstanding = [{ schoolId: 'S1', schoolName: '一小', stage: 'primary', status: 'missing' }];
    expect(
      toErrorResponse(
        new Refusal(
          'reportsOutstanding',
          'common.policyDenied',
          { reason: '未审核' },
          { details: outstanding },
        ),
      ).body.details,
    ).toEqual(outstanding);
    expect(
      toErrorResponse(new ApiError(409, 'conflict', '冲突', { currentVersion: 4 })).body.details,
    ).toEqual({
      currentVersion: 4,
    });
    expect(
      toErrorResponse(new ApiError(400, 'invalidRequest', '错', { anything: 1 })).body,
    ).not.toHaveProperty('details');
  });
});
