import { describe, expect, it } from 'vitest';
import { qInt, qs, sortFromTable, tableSort, toQuery } from './listQuery';

describe('list query', () => {
  it('maps el-table sorting to the API and back', () => {
    expect(sortFromTable({ prop: 'name', order: 'descending' })).toEqual({ sort: 'name', order: 'desc' });
    expect(sortFromTable({ prop: 'name', order: 'ascending' })).toEqual({ sort: 'name', order: 'asc' });
    expect(sortFromTable({ prop: 'name', order: null })).toEqual({});
    expect(tableSort({ sort: 'id', order: 'desc' })).toEqual({ prop: 'id', order: 'descending' });
    expect(tableSort({})).toBeUndefined();
  });

  it('reads query values defensively', () => {
    expect(qs(['a', 'b'])).toBe('a');
    expect(qs(undefined)).toBe('');
    expect(qInt('3', 1)).toBe(3);
    expect(qInt('0', 1)).toBe(1);
    expect(qInt('abc', 20)).toBe(20);
    expect(qInt('5000', 20, 200)).toBe(200);
  });

  it('writes only what differs from the defaults', () => {
    expect(
      toQuery({ page: 1, pageSize: 50, q: '', type: 'primary', sort: undefined }, { page: 1, pageSize: 20 }),
    ).toEqual({
      pageSize: '50',
      type: 'primary',
    });
  });
});
