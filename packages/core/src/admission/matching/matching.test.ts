import { describe, expect, it } from 'vitest';
import { blockingPairs, compareMechanisms } from './audit.js';
import { boston } from './boston.js';
import { deferredAcceptance } from './deferredAcceptance.js';
import {
  assignmentToRecord,
  fromSpec,
  type MatchingSpec,
  NO_PRIORITY,
  validateMatchingInput,
} from './types.js';

/*
 * Hand-worked example. Three schools with one seat each.
 *   小明 (lottery 30): 实验小学 > 城关小学;   category 0 at 城关 (lives in its zone), 1 at 实验.
 *   小红 (lottery 10): 城关小学 > 东风小学;   category 1 at both.
 *   小刚 (lottery 20): 实验小学 only;          category 0 at 实验 (lives in its zone).
 *
 * Deferred acceptance (student-proposing):
 *   wave 1: 小明→实验 (held), 小红→城关 (held), 小刚→实验: 小刚 (0,20) beats 小明 (1,30); 小明 rejected.
 *   wave 2: 小明→城关: 小明 (0,30) beats 小红 (1,10); 小红 rejected.
 *   wave 3: 小红→东风 (held).                     → 小明 城关, 小红 东风, 小刚 实验; 5 proposals.
 *
 * Boston (按志愿顺序录取，先一志愿):
 *   round 1: 实验 gets 小明, 小刚 → admits 小刚 (category 0); 城关 gets 小红 → admits 小红 (final).
 *   round 2: 小明 applies to 城关 — already full. 小明 unplaced.
 *            → 小明 unplaced, 小红 城关, 小刚 实验; 4 applications.
 *   小明 prefers 城关 to nothing and out-ranks 小红 there (category 0 vs 1): justified envy.
 *   小明 was punished for ranking 实验 first: had he put 城关 first he would have got it.
 */
const spec: MatchingSpec = {
  schools: [
    { id: '实验小学', capacity: 1 },
    { id: '城关小学', capacity: 1 },
    { id: '东风小学', capacity: 1 },
  ],
  applicants: [
    { id: '小明', lottery: 30, choices: ['实验小学', '城关小学'], priorities: { 实验小学: 1, 城关小学: 0 } },
    { id: '小红', lottery: 10, choices: ['城关小学', '东风小学'], priorities: { 城关小学: 1, 东风小学: 1 } },
    { id: '小刚', lottery: 20, choices: ['实验小学'], priorities: { 实验小学: 0 } },
  ],
};

describe('hand-worked example', () => {
  const converted = fromSpec(spec);
  const { input } = converted;

  it('converts the friendly form to typed arrays', () => {
    expect(input.k).toBe(2);
    expect(Array.from(input.choices)).toEqual([0, 1, 1, 2, 0, -1]);
    expect(Array.from(input.category)).toEqual([1, 0, 1, 1, 0, 0]);
    expect(Array.from(input.lottery)).toEqual([30, 10, 20]);
    expect(Array.from(input.capacity)).toEqual([1, 1, 1]);
  });

  it('deferred acceptance gives the hand-computed outcome', () => {
    const r = deferredAcceptance(input);
    expect(assignmentToRecord(converted, r.assignment)).toEqual({
      小明: '城关小学',
      小红: '东风小学',
      小刚: '实验小学',
    });
    expect(r.proposals).toBe(5);
    expect(r.rounds).toBe(3);
    expect(blockingPairs(input, r.assignment).count).toBe(0);
  });

  it('Boston gives the hand-computed outcome, with one justified-envy pair', () => {
    const r = boston(input);
    expect(assignmentToRecord(converted, r.assignment)).toEqual({
      小明: null,
      小红: '城关小学',
      小刚: '实验小学',
    });
    expect(r.proposals).toBe(4);
    expect(r.rounds).toBe(2);
    const audit = blockingPairs(input, r.assignment);
    expect(audit.pairs).toEqual([{ applicant: 0, school: 1, kind: 'justified-envy' }]);
    expect(audit.envyApplicants).toBe(1);
  });

  it('compares both mechanisms side by side', () => {
    const [da, bo] = compareMechanisms(input).rows;
    expect(da).toMatchObject({
      mechanism: 'deferred-acceptance',
      strategyProof: true,
      placed: 3,
      firstChoice: 1, // only 小刚; 小明 and 小红 get their second choice but nobody is left out
      byRank: [1, 2],
      envyApplicants: 0,
      justifiedEnvyPairs: 0,
      emptySeatPairs: 0,
    });
    expect(bo).toMatchObject({
      mechanism: 'boston',
      strategyProof: false,
      placed: 2,
      firstChoice: 2,
      byRank: [2, 0],
      envyApplicants: 1,
      justifiedEnvyPairs: 1,
      emptySeatPairs: 0,
    });
    expect(bo.label).toContain('先一志愿');
  });
});

describe('priorities and edge cases', () => {
  it('breaks ties within a category by the lower lottery number, then by applicant order', () => {
    const mk = (lotA: number, lotB: number) =>
      fromSpec({
        schools: [{ id: 'S', capacity: 1 }],
        applicants: [
          { id: 'A', lottery: lotA, choices: ['S'], priorities: { S: 2 } },
          { id: 'B', lottery: lotB, choices: ['S'], priorities: { S: 2 } },
        ],
      });
    for (const [la, lb, winner] of [
      [5, 3, 1],
      [3, 5, 0],
      [4, 4, 0],
    ] as const) {
      const { input } = mk(la, lb);
      expect(deferredAcceptance(input).assignment[winner]).toBe(0);
      expect(boston(input).assignment[winner]).toBe(0);
    }
  });

  it('gives a school without listed priority the lowest category', () => {
    const { input } = fromSpec({
      schools: [{ id: 'S', capacity: 1 }],
      applicants: [
        { id: 'A', lottery: 0, choices: ['S'] },
        { id: 'B', lottery: 9, choices: ['S'], priorities: { S: 3 } },
      ],
    });
    expect(input.category[0]).toBe(NO_PRIORITY);
    expect(Array.from(deferredAcceptance(input).assignment)).toEqual([-1, 0]);
  });

  it('handles no applicants, no choices and zero capacity', () => {
    const empty = fromSpec({ schools: [{ id: 'S', capacity: 0 }], applicants: [] }).input;
    expect(deferredAcceptance(empty).assignment.length).toBe(0);
    const closed = fromSpec({
      schools: [{ id: 'S', capacity: 0 }],
      applicants: [
        { id: 'A', lottery: 1, choices: ['S'] },
        { id: 'B', lottery: 2, choices: [] },
      ],
    }).input;
    expect(Array.from(deferredAcceptance(closed).assignment)).toEqual([-1, -1]);
    expect(Array.from(boston(closed).assignment)).toEqual([-1, -1]);
  });

  it('refuses a school repeated in a list, naming applicant and school (not indexes) and both positions', () => {
    const dup = {
      ...spec,
      applicants: [{ id: '小明', lottery: 1, choices: ['城关小学', '实验小学', '城关小学'] }],
    };
    expect(() => fromSpec(dup)).toThrow(
      '申请人 小明 的第 1、3 志愿都是学校 城关小学：同一学校只能填报一次，重复的志愿不会被忽略',
    );
    const { input } = fromSpec(spec);
    const choices = Int32Array.from([0, 0, 1, 2, 0, -1]);
    expect(() =>
      validateMatchingInput({ ...input, choices }, { applicant: (i) => `A${i}`, school: (s) => `S${s}` }),
    ).toThrow('申请人 A0 的第 1、2 志愿都是学校 S0');
  });

  it('rejects malformed input in Chinese', () => {
    const { input } = fromSpec(spec);
    expect(() => validateMatchingInput({ ...input, choices: Int32Array.from([0, 0, 1, 2, 0, -1]) })).toThrow(
      /第 1 名申请人的第 1、2 志愿都是第 1 所学校：同一学校只能填报一次/,
    );
    expect(() => validateMatchingInput({ ...input, choices: Int32Array.from([-1, 1, 1, 2, 0, -1]) })).toThrow(
      /-1 只能在末尾/,
    );
    expect(() => validateMatchingInput({ ...input, choices: Int32Array.from([7, 1, 1, 2, 0, -1]) })).toThrow(
      /学校编号无效/,
    );
    expect(() => validateMatchingInput({ ...input, capacity: Int32Array.from([1, -1, 1]) })).toThrow(/为负/);
    expect(() => fromSpec({ schools: [], applicants: [{ id: 'A', lottery: 1, choices: ['X'] }] })).toThrow(
      /不存在的学校/,
    );
    expect(() =>
      fromSpec({ schools: [{ id: 'S', capacity: 1 }], applicants: [{ id: 'A', lottery: -1, choices: [] }] }),
    ).toThrow(/摇号号码无效/);
  });

  it('audit refuses an assignment that is not a matching', () => {
    const { input } = fromSpec(spec);
    expect(() => blockingPairs(input, Int32Array.from([2, 1, 0]))).toThrow(/未填报/);
    expect(() => blockingPairs(input, Int32Array.from([0, -1, 0]))).toThrow(/超出学位数/);
  });
});
