import { describe, expect, it } from 'vitest';
import { changeKind, defaultPair, diffData, isLargeChange, relativeChange } from './diff';

const fields = [
  { key: 'students', label: '在校生数', unit: '人' },
  { key: 'classes', label: '班级数', unit: '个' },
  { key: 'books', label: '图书册数', unit: '册' },
];

describe('diffData', () => {
  it('lists only changed fields, in form order, with labels', () => {
    const rows = diffData(
      { students: 100, classes: 4, books: null },
      { students: 120, classes: 4, books: 3000 },
      fields,
    );
    expect(rows).toEqual([
      { field: 'students', label: '在校生数', unit: '人', before: 100, after: 120 },
      { field: 'books', label: '图书册数', unit: '册', before: null, after: 3000 },
    ]);
  });

  it('treats a missing key as 未填报 and compares unknown keys too', () => {
    expect(diffData({}, { students: null }, fields)).toEqual([]);
    expect(diffData({ other: 1 }, { other: 2 }, fields)).toEqual([
      { field: 'other', label: 'other', unit: '', before: 1, after: 2 },
    ]);
    expect(diffData(null, null, fields)).toEqual([]);
  });

  it('distinguishes 0 from 未填报', () => {
    expect(diffData({ classes: null }, { classes: 0 }, fields)).toHaveLength(1);
  });
});

describe('changes', () => {
  it('names the kind of change', () => {
    expect(changeKind(null, 3)).toBe('added');
    expect(changeKind(3, null)).toBe('removed');
    expect(changeKind(3, 4)).toBe('increased');
    expect(changeKind(4, 3)).toBe('decreased');
  });

  it('flags changes of more than half', () => {
    expect(relativeChange(100, 125)).toBe(0.25);
    expect(relativeChange(0, 5)).toBeNull();
    expect(isLargeChange(100, 151)).toBe(true);
    expect(isLargeChange(100, 149)).toBe(false);
    expect(isLargeChange(100, 40)).toBe(true);
    expect(isLargeChange(null, 40)).toBe(false);
  });

  it('compares the last two versions by default', () => {
    expect(defaultPair([3, 1, 2, 5])).toEqual({ from: 3, to: 5 });
    expect(defaultPair([1])).toBeNull();
    expect(defaultPair([2, 2])).toBeNull();
  });
});
