import { describe, expect, it } from 'vitest';
import { activeMenuKey, canOpen, homePath, MENU, menuFor, menuGroups, menuKeysFor, menuTitle } from './menu';

/** Menus as the server sends them (server accounts/menu.ts, from core's policy table). */
const BUREAU = [
  'dashboard',
  'schools',
  'review',
  'countyInputs',
  'evaluations',
  'plans',
  'zoning',
  'applicants',
  'lottery',
  'classes',
  'quota',
];
const SCHOOL = ['schools', 'fill', 'plans', 'applicants', 'lottery', 'classes'];

describe('menu from the server', () => {
  it('prefers the server’s menu and ignores keys it does not know', () => {
    const user = { role: 'bureau' as const, menu: ['audit', 'dashboard', 'rotation'] };
    expect(menuFor(user).map((m) => m.key)).toEqual(['audit', 'dashboard', 'public']);
    expect(canOpen(user, 'review')).toBe(false);
    expect(canOpen(user, 'audit')).toBe(true);
  });

  it('offers only the public page with an empty menu, and nothing before login', () => {
    expect(menuKeysFor({ menu: [] })).toEqual(['public']);
    expect(menuKeysFor(null)).toEqual([]);
  });

  it('sends each user home to the first page of the admin layout', () => {
    expect(homePath({ role: 'bureau', menu: BUREAU })).toBe('/');
    expect(homePath({ role: 'school', menu: SCHOOL })).toBe('/fill');
    expect(homePath({ role: 'viewer', menu: [] })).toBe('/public');
    expect(homePath(null)).toBe('/public');
    expect(homePath({ role: 'school', menu: ['schools', 'fill', 'plans'] })).toBe('/fill');
  });

  it('renames 学校列表 for a school’s own users', () => {
    const schools = MENU.find((m) => m.key === 'schools')!;
    expect(menuTitle(schools, 'principal')).toBe('本校情况');
    expect(menuTitle(schools, 'bureau')).toBe('学校列表');
  });

  it('highlights the entry of a nested path', () => {
    const entries = menuFor({ menu: BUREAU });
    expect(activeMenuKey('/', entries)).toBe('dashboard');
    expect(activeMenuKey('/schools/2130012345', entries)).toBe('schools');
    expect(activeMenuKey('/evaluations/12', entries)).toBe('evaluations');
    expect(activeMenuKey('/reports/2130012345/2025/primary', entries)).toBe('review');
    expect(activeMenuKey('/reports/2130012345/2025/primary', menuFor({ menu: SCHOOL }))).toBe('fill');
  });
});

describe('menu groups', () => {
  it('lists the 招生 pages under one sub-menu where the first of them stands', () => {
    const groups = menuGroups(menuFor({ menu: BUREAU }));
    const titles = groups.map((g) => g.title ?? g.entries[0].key);
    expect(titles).toEqual([
      'dashboard',
      'schools',
      'review',
      'countyInputs',
      'evaluations',
      'plans',
      '招生',
      'public',
    ]);
    expect(groups[6].entries.map((e) => e.key)).toEqual([
      'zoning',
      'applicants',
      'lottery',
      'classes',
      'quota',
    ]);
  });
});
