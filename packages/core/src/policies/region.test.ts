import { describe, expect, it } from 'vitest';
import { parseRegionScope, regionContains, resourceRegionLevel } from './region.js';

describe('parseRegionScope', () => {
  it.each([
    ['13', 'province', '13'],
    ['130000', 'province', '13'],
    ['1306', 'city', '1306'],
    ['130600', 'city', '1306'],
    ['130660', 'county', '130660'],
    ['130602', 'county', '130602'],
    ['130660101', 'township', '130660101'],
  ] as const)('%s is a %s scope with prefix %s', (code, level, prefix) => {
    expect(parseRegionScope(code)).toEqual({ level, prefix });
  });

  it.each([
    '',
    '1',
    '130',
    '13066', // 5 digits: no level, would reach 130660 and 130661
    '1306601',
    '13066010',
    '1306601010',
    '00',
    '000000',
    '1300', // a province written as a city
    '130600101', // a township under a city code, not under a county
    '13066a',
    '１３０６６０', // full-width digits
    ' 130660',
  ])('rejects %j', (code) => {
    expect(parseRegionScope(code)).toBeNull();
  });

  it('rejects missing codes', () => {
    expect(parseRegionScope(undefined)).toBeNull();
    expect(parseRegionScope(null)).toBeNull();
  });
});

describe('resourceRegionLevel and regionContains', () => {
  it('accepts only county and township codes as places of resources', () => {
    expect(resourceRegionLevel('130660')).toBe('county');
    expect(resourceRegionLevel('130660101')).toBe('township');
    for (const code of ['130600', '130000', '13', '1306', '1306601', '13066'])
      expect(resourceRegionLevel(code)).toBeNull();
  });

  it('compares whole levels', () => {
    const county = parseRegionScope('130660')!;
    expect(regionContains(county, '130660')).toBe(true);
    expect(regionContains(county, '130660101')).toBe(true);
    expect(regionContains(county, '130661')).toBe(false);
    expect(regionContains(county, '1306601')).toBe(false);
    expect(regionContains(county, '1306601011')).toBe(false);
    const township = parseRegionScope('130660101')!;
    expect(regionContains(township, '130660')).toBe(false);
    expect(regionContains(township, '130660102')).toBe(false);
    const city = parseRegionScope('130600')!;
    expect(regionContains(city, '130660')).toBe(true);
    expect(regionContains(city, '130760')).toBe(false);
  });
});
