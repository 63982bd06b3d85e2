import { describe, expect, it } from 'vitest';
import { Refusal } from '../../messages/refusal.js';
import { checkConduct, checkNewDraw, type NewDraw } from './drawInput.js';

const ENTRIES = [
  { ticket: '2026-000101', secret: 'a3f5c8e1d2b4967088f1e2d3c4b5a697' },
  { ticket: '2026-000102', secret: '9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3' },
];
const draw = (over: Partial<NewDraw> = {}): NewDraw => ({
  countyCode: '330122',
  year: 2026,
  purpose: 'admission',
  title: ' 2026年招生派位 ',
  entries: ENTRIES,
  ...over,
});
const AT = {
  seed: '2026 0710 3141 5926 5358',
  operatorName: '李操作',
  witnesses: [{ name: '王家长', role: '' }],
  place: '会议室',
};

/** The refusal `fn` throws (it must throw one). */
function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Refusal);
    return err as Refusal;
  }
  throw new Error('expected a refusal');
}

describe('checkNewDraw', () => {
  it('trims the title and gives an admission draw no school, classes or round', () => {
    expect(checkNewDraw(draw())).toEqual({
      countyCode: '330122',
      schoolId: null,
      year: 2026,
      purpose: 'admission',
      title: '2026年招生派位',
      slots: null,
      roundId: null,
      entries: ENTRIES,
    });
  });

  it('refuses each bad field as invalidRequest, naming it in Chinese', () => {
    const cases: [Partial<NewDraw>, string, string][] = [
      [{ countyCode: '330100' }, 'lottery.countyCodeInvalid', '县级行政区划代码应为 6 位数字（收到 330100）'],
      [{ countyCode: '' }, 'lottery.countyCodeInvalid', '（收到 空）'],
      [{ year: 1999 }, 'lottery.yearInvalid', '学年必须是 2000～2100 之间的年份（收到 1999）'],
      [{ purpose: 'x' as 'admission' }, 'lottery.purposeInvalid', '收到 x'],
      [{ title: '  ' }, 'lottery.textRequired', '请填写派位名称'],
      [{ title: '派'.repeat(101) }, 'lottery.textTooLong', '派位名称不能超过 100 个字（现有 101 个）'],
      [{ schoolId: '12' }, 'lottery.schoolIdInvalid', '学校标识码应为 10 位数字（收到 12）'],
      [{ roundId: -1 }, 'lottery.roundIdInvalid', '招生轮次编号应为正整数（收到 -1）'],
      [{ entries: [] }, 'lottery.entriesEmpty', '派位名单为空'],
      [{ entries: [{ ticket: 'a' } as never] }, 'lottery.entryShape', '名单第 1 个条目'],
      [{ purpose: 'headTeacher' }, 'lottery.slotsRequired', '班级名称'],
      [{ slots: ['1班'] }, 'lottery.slotsOnlyHeadTeacher', '招生派位的名次就是派位号'],
      [{ purpose: 'headTeacher', slots: ['1班', '1班'] }, 'lottery.slotDuplicate', '班级名称“1班”重复'],
      [{ purpose: 'headTeacher', slots: ['1班', ''] }, 'lottery.textRequired', '请填写第 2 个班级名称'],
      [
        { purpose: 'headTeacher', slots: ['1班', '2班', '3班'] },
        'lottery.slotsMoreThanEntries',
        '班级数（3）多于参加派位的人数（2）',
      ],
      [
        { purpose: 'headTeacher', schoolId: '1234567890', slots: ['1班'], roundId: 3 },
        'lottery.roundOnlyCountyAdmission',
        '不能关联招生轮次',
      ],
    ];
    for (const [over, key, words] of cases) {
      const r = refusal(() => checkNewDraw(draw(over)));
      expect([r.code, r.key], key).toEqual(['invalidRequest', key]);
      expect(r.message, key).toContain(words);
    }
  });
});

describe('checkConduct', () => {
  it('reads the seed, trims the texts and names a witness without a role 见证人', () => {
    expect(checkConduct(AT)).toEqual({
      seed: '20260710314159265358',
      operatorName: '李操作',
      witnesses: [{ name: '王家长', role: '见证人' }],
      place: '会议室',
      notary: null,
    });
  });

  it('refuses a short seed in core’s words, and a draw without witnesses', () => {
    const short = refusal(() => checkConduct({ ...AT, seed: '123456' }));
    expect([short.code, short.key]).toEqual(['invalidRequest', 'lottery.entryRefused']);
    expect(short.message).toContain('随机种子只有 6 位，至少需要 20 位数字');
    expect(refusal(() => checkConduct({ ...AT, seed: 1 as never })).key).toBe('lottery.seedMissing');
    expect(refusal(() => checkConduct({ ...AT, witnesses: [] })).message).toContain('至少填写一位见证人');
    expect(refusal(() => checkConduct({ ...AT, witnesses: [{ name: '', role: 'x' }] })).message).toBe(
      '请填写第 1 位见证人的姓名',
    );
    expect(refusal(() => checkConduct({ ...AT, place: 3 as never })).message).toBe('派位地点应为文字');
  });
});
