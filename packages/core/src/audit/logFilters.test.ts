import { describe, expect, it } from 'vitest';
import { auditBreakReason } from './chainBreak.js';
import { auditLogFilters } from './logFilters.js';

describe('auditLogFilters', () => {
  it('trims texts, drops empty ones and turns Beijing days into instants', () => {
    expect(
      auditLogFilters({ entity: ' county ', actor: ' ', action: ' report.submit ', actorId: 3 }),
    ).toEqual({
      entity: 'county',
      action: 'report.submit',
      actorId: 3,
    });
    expect(auditLogFilters({ from: '2026-11-23', to: '2026-11-23' })).toEqual({
      from: new Date('2026-11-22T16:00:00.000Z'),
      before: new Date('2026-11-23T16:00:00.000Z'),
    });
  });
  it('refuses bad filters with what to fix', () => {
    const refusal = (q: Parameters<typeof auditLogFilters>[0]) => {
      try {
        auditLogFilters(q);
      } catch (err) {
        return err;
      }
      throw new Error('accepted');
    };
    expect(refusal({ from: '2026-02-30' })).toMatchObject({
      code: 'invalidRequest',
      message: '开始日期“2026-02-30”无效：应为 年-月-日，如 2026-03-01',
    });
    expect(refusal({ to: '2026/11/01' })).toMatchObject({
      message: '结束日期“2026/11/01”无效：应为 年-月-日，如 2026-03-01',
    });
    expect(refusal({ from: '2026-11-24', to: '2026-11-23' })).toMatchObject({
      code: 'invalidRequest',
      message: '开始日期晚于结束日期：请调换两个日期',
    });
    expect(refusal({ entity: ' ' })).toMatchObject({ key: 'audit.entityInvalid' });
    expect(refusal({ actorId: 1.5 })).toMatchObject({ code: 'invalidRequest', message: '用户编号应为整数' });
  });
});

describe('auditBreakReason', () => {
  const hash = (c: string) => c.repeat(64);
  it('words each kind of break', () => {
    const base = { id: 7, storedPrevHash: hash('a'), storedHash: hash('b'), recomputedHash: hash('c') };
    expect(auditBreakReason({ ...base, kind: 'link', prevId: null })).toBe(
      `第一条记录的 prev_hash 应为 64 个 0，实为 ${hash('a')}：此前的记录被删除`,
    );
    expect(auditBreakReason({ ...base, kind: 'link', prevId: 6 })).toContain('上一条记录（id 6）');
    expect(auditBreakReason({ ...base, kind: 'hash', prevId: 6 })).toBe(
      '记录内容与其哈希不符（存储 bbbbbbbbbbbb…，重算 cccccccccccc…）：记录在写入后被改动',
    );
  });
});
