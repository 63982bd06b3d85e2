import { describe, expect, it } from 'vitest';
import {
  activeMenuKey,
  canOpen,
  homePath,
  MENU,
  menuFor,
  menuGroups,
  menuKeysFor,
  menuTitle,
  ROLE_MENUS,
} from './menu';

describe('menu by role', () => {
  it('gives the bureau the county work and not user management', () => {
    const keys = menuKeysFor({ role: 'bureau' });
    expect(keys).toContain('review');
    expect(keys).toContain('evaluations');
    expect(keys).not.toContain('users');
    expect(keys).not.toContain('fill');
  });

  it('gives school users their report and their plan only', () => {
    for (const role of ['school', 'principal'] as const) {
      const keys = menuKeysFor({ role });
      expect(keys).toContain('fill');
      expect(keys).toContain('plans');
      expect(keys).not.toContain('review');
      expect(keys).not.toContain('evaluations');
      expect(keys).not.toContain('audit');
    }
  });

  it('gives the system admin users and audit but no review (separation of duties)', () => {
    const keys = menuKeysFor({ role: 'system_admin' });
    expect(keys).toContain('users');
    expect(keys).toContain('audit');
    expect(keys).not.toContain('review');
    expect(keys).not.toContain('fill');
  });

  it('prefers the server’s menu and ignores keys it does not know', () => {
    const user = { role: 'bureau' as const, menu: ['audit', 'dashboard', 'rotation'] };
    expect(menuFor(user).map((m) => m.key)).toEqual(['audit', 'dashboard', 'public']);
    expect(canOpen(user, 'review')).toBe(false);
    expect(canOpen(user, 'audit')).toBe(true);
  });

  it('has an entry for every key of the role table', () => {
    const keys = new Set(MENU.map((m) => m.key));
    for (const list of Object.values(ROLE_MENUS)) for (const k of list) expect(keys.has(k)).toBe(true);
  });

  it('sends each user home to the first page of the admin layout', () => {
    expect(homePath({ role: 'bureau' })).toBe('/');
    expect(homePath({ role: 'school' })).toBe('/fill');
    expect(homePath({ role: 'viewer' })).toBe('/public');
    expect(homePath(null)).toBe('/public');
    expect(homePath({ role: 'school', menu: ['schools', 'fill', 'plans'] })).toBe('/fill');
  });

  it('renames 学校列表 for a school’s own users', () => {
    const schools = MENU.find((m) => m.key === 'schools')!;
    expect(menuTitle(schools, 'principal')).toBe('本校情况');
    expect(menuTitle(schools, 'bureau')).toBe('学校列表');
  });

  it('highlights the entry of a nested path', () => {
    const entries = menuFor({ role: 'bureau' });
    expect(activeMenuKey('/', entries)).toBe('dashboard');
    expect(activeMenuKey('/schools/2130012345', entries)).toBe('schools');
    expect(activeMenuKey('/evaluations/12', entries)).toBe('evaluations');
    expect(activeMenuKey('/reports/2130012345/2025/primary', entries)).toBe('review');
    expect(activeMenuKey('/reports/2130012345/2025/primary', menuFor({ role: 'school' }))).toBe('fill');
  });
});

describe('menu groups', () => {
  it('lists the 招生 pages under one sub-menu where the first of them stands', () => {
    const groups = menuGroups(menuFor({ role: 'bureau' }));
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
