import { describe, expect, it } from 'vitest';
import { Refusal } from '../../messages/refusal.js';
import { allocateQuotaParams, checkQuotaParams, checkQuotaYear, type QuotaParams } from './quotaParams.js';

const form = (more: Partial<QuotaParams> = {}): QuotaParams => ({
  highSchoolName: ' 清源县第一中学 ',
  places: 100,
  share: 0.5,
  ruralTilt: 1,
  minimum: 1,
  schools: [
    { schoolId: 'X', graduates: 100 },
    { schoolId: 'Y', name: '乙校', graduates: 50 },
  ],
  ...more,
});

/** The refusal a call throws (its code, key and zh-CN text). */
function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('指标到校 parameters', () => {
  it('accepts a complete form', () => {
    expect(() => checkQuotaParams(form())).not.toThrow();
    expect(checkQuotaYear(2025)).toBe(2025);
  });

  it('refuses each field with the words the page shows', () => {
    const cases: [Partial<QuotaParams>, string][] = [
      [{ highSchoolName: '  ' }, '请填写高中名称（1～100 个字）'],
      [{ places: 1.5 }, '总名额应为 0～100000 的整数，收到 1.5'],
      [{ share: 0.4 }, '指标到校比例应在 50%～100% 之间（《县域义务教育优质均衡发展督导评估办法》'],
      [{ ruralTilt: 6 }, '农村学校倾斜系数应在 1～5 之间（1 表示不倾斜），收到 6'],
      [{ minimum: -1 }, '每校最低名额应为 0～1000 的整数，收到 -1'],
      [{ schools: [] }, '请至少列出一所初中'],
      [{ schools: [{ schoolId: '', name: '甲校', graduates: 1 }] }, '第 1 所学校（甲校）缺少学校代码'],
      [
        {
          schools: [
            { schoolId: 'X', graduates: 1 },
            { schoolId: 'X', graduates: 2 },
          ],
        },
        '学校代码 X 重复：每所学校只列一次',
      ],
      [
        { schools: [{ schoolId: 'X', graduates: -3 }] },
        '第 1 所学校（X）的毕业生数应为 0～100000 的整数，收到 -3',
      ],
    ];
    for (const [change, text] of cases) {
      const r = refusal(() => checkQuotaParams(form(change)));
      expect(r.code).toBe('invalidRequest');
      expect(r.message).toContain(text);
    }
    expect(refusal(() => checkQuotaYear(1999)).message).toBe('学年必须是 2000～2100 之间的年份（收到 1999）');
  });

  it('allocates over the register-resolved schools and names the rows as the register does', () => {
    const resolved = [
      { schoolId: 'X', name: '甲校', graduates: 100, rural: false },
      { schoolId: 'Y', name: '乙校', graduates: 50, rural: true },
    ];
    const a = allocateQuotaParams(form(), resolved);
    expect(a.places).toBe(50);
    expect(a.rows.map((r) => [r.name, r.final])).toEqual([
      ['甲校', 33],
      ['乙校', 17],
    ]);
    const r = refusal(() =>
      allocateQuotaParams(form({ places: 2, minimum: 1 }), [...resolved, { ...resolved[0]!, schoolId: 'Z' }]),
    );
    expect(r.code).toBe('invalidRequest');
    expect(r.message).toMatch(
      /^无法分配：.*保底名额合计 3 超过可分配名额 1.*：请增加总名额或降低每校最低名额$/,
    );
  });
});
