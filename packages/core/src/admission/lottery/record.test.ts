import { describe, expect, it } from 'vitest';
import { drawLottery } from './draw.js';
import { drawRecord, protocolText } from './record.js';

describe('protocolText', () => {
  const entries = Array.from({ length: 30 }, (_, k) => ({
    ticket: `2026-${String(k + 1).padStart(6, '0')}`,
    secret: (k + 1).toString(16).padStart(32, 'c'),
  }));
  const result = drawLottery(entries, '31415926535897932384626');
  const record = drawRecord(result, {
    drawnAt: '2026-07-10T09:30:00+08:00',
    operator: '县教育局 王某',
    witnesses: ['家长代表 李某', '人大代表 赵某'],
    notary: '某县公证处 陈某',
  });

  it('prints circumstances, hashes, grouped seed and the first ranks', () => {
    const text = protocolText(record, result, 5);
    expect(record).toMatchObject({ entryCount: 30, seed: '31415926535897932384626' });
    expect(text).toContain('电脑派位公证记录');
    expect(text).toContain('见证人员：家长代表 李某、人大代表 赵某');
    expect(text).toContain('公证人员：某县公证处 陈某');
    expect(text).toContain(`名单承诺值（派位前公示的名单 SHA-256）：${result.commitment}`);
    expect(text).toContain('随机种子（现场公开摇号，23 位）：3141 5926 5358 9793 2384 626');
    expect(text).toContain(`结果哈希（派位结果 SHA-256）：${result.resultHash}`);
    expect(text).toContain('派位顺序（前 5 名，共 30 名）：');
    expect(text).toContain(`  1. ${result.order[0]}`);
    expect(text).toContain(`  5. ${result.order[4]}`);
    expect(text).not.toContain(`  6. ${result.order[5]}`);
    expect(protocolText(record, result)).toContain(`  30. ${result.order[29]}`);
    expect(protocolText({ ...record, notary: undefined, witnesses: [] }, result)).toContain(
      '公证人员：（无）',
    );
  });

  it('refuses a record of another draw', () => {
    expect(() => protocolText({ ...record, resultHash: '0'.repeat(64) }, result)).toThrow('不一致');
  });
});
