/**
 * @module The left menu: every entry page, its title, path and icon. Which entries a user sees is
 * decided by the server from core's policy table (`user.menu`, server accounts/menu.ts) — the web
 * keeps no copy of the rules. Pure (menu.test.ts); icons are mapped to components in AppLayout.vue.
 */

import type { UserRole } from '@junheng/core';
import type { SessionUser } from '../api/auth';

/** Menu keys (also the `name` of each route's entry page). */
export type MenuKey =
  | 'dashboard'
  | 'schools'
  | 'fill'
  | 'review'
  | 'countyInputs'
  | 'evaluations'
  | 'plans'
  | 'zoning'
  | 'applicants'
  | 'lottery'
  | 'classes'
  | 'quota'
  | 'users'
  | 'audit'
  | 'public';

export interface MenuEntry {
  key: MenuKey;
  title: string;
  path: string;
  /** Name of an @element-plus/icons-vue icon. */
  icon: string;
  /** Opens outside the admin layout (the public page). */
  external?: boolean;
  /** Sub-menu the entry is listed under (招生). */
  group?: string;
}

/** 招生 (issue 5): the entries listed together under one sub-menu. */
export const ADMISSION_GROUP = '招生';

export const MENU: readonly MenuEntry[] = [
  { key: 'dashboard', title: '首页', path: '/', icon: 'HomeFilled' },
  { key: 'schools', title: '学校列表', path: '/schools', icon: 'School' },
  { key: 'fill', title: '数据填报', path: '/fill', icon: 'EditPen' },
  { key: 'review', title: '审核', path: '/review', icon: 'Stamp' },
  { key: 'countyInputs', title: '县级指标', path: '/county-inputs', icon: 'Tickets' },
  { key: 'evaluations', title: '督导评估', path: '/evaluations', icon: 'DataAnalysis' },
  { key: 'plans', title: '一校一策', path: '/plans', icon: 'Guide' },
  { key: 'zoning', title: '划片', path: '/admission/zoning', icon: 'MapLocation', group: ADMISSION_GROUP },
  {
    key: 'applicants',
    title: '招生申请',
    path: '/admission/applicants',
    icon: 'Postcard',
    group: ADMISSION_GROUP,
  },
  { key: 'lottery', title: '电脑派位', path: '/admission/lottery', icon: 'Finished', group: ADMISSION_GROUP },
  { key: 'classes', title: '均衡分班', path: '/admission/classes', icon: 'Grid', group: ADMISSION_GROUP },
  { key: 'quota', title: '指标到校', path: '/admission/quota', icon: 'PieChart', group: ADMISSION_GROUP },
  { key: 'users', title: '用户管理', path: '/users', icon: 'User' },
  { key: 'audit', title: '审计日志', path: '/audit', icon: 'Document' },
  { key: 'public', title: '公示', path: '/public', icon: 'Promotion', external: true },
];

const BY_KEY = new Map(MENU.map((m) => [m.key, m]));

/** The user's menu keys: the server's list (unknown keys ignored), and the public page last. */
export function menuKeysFor(user: Pick<SessionUser, 'menu'> | null): MenuKey[] {
  if (!user) return [];
  const keys = (user.menu ?? []).filter((k): k is MenuKey => BY_KEY.has(k as MenuKey));
  // The public page is open to everyone: always offered, last.
  return keys.includes('public') ? keys : [...keys, 'public'];
}

/** The user's menu entries, in the order of the server's list. */
export function menuFor(user: Pick<SessionUser, 'menu'> | null): MenuEntry[] {
  return menuKeysFor(user).map((k) => BY_KEY.get(k)!);
}

/** Entries as the left menu lists them: ungrouped ones alone, a group's entries together at its first. */
export function menuGroups(entries: readonly MenuEntry[]): { title?: string; entries: MenuEntry[] }[] {
  const out: { title?: string; entries: MenuEntry[] }[] = [];
  for (const e of entries) {
    const group = e.group ? out.find((g) => g.title === e.group) : undefined;
    if (group) group.entries.push(e);
    else out.push(e.group ? { title: e.group, entries: [e] } : { entries: [e] });
  }
  return out;
}

/** May the user open pages of this menu entry? */
export function canOpen(user: Pick<SessionUser, 'role' | 'menu'> | null, key: MenuKey): boolean {
  return menuKeysFor(user).includes(key);
}

/** Where a user lands after login: 首页, else 数据填报, else the first admin page, else 公示. */
export function homePath(user: Pick<SessionUser, 'role' | 'menu'> | null): string {
  const entries = menuFor(user);
  const pick = entries.find((m) => m.key === 'dashboard') ?? entries.find((m) => m.key === 'fill');
  const first = pick ?? entries.find((m) => !m.external);
  return first ? first.path : '/public';
}

/** Titles that read better for a school's own users. */
export function menuTitle(entry: MenuEntry, role: UserRole | undefined): string {
  if (entry.key === 'schools' && (role === 'school' || role === 'principal')) return '本校情况';
  return entry.title;
}

/** The menu entry a path belongs to (longest prefix), for highlighting. */
export function activeMenuKey(path: string, entries: readonly MenuEntry[]): MenuKey | null {
  let best: MenuEntry | null = null;
  for (const e of entries) {
    const hit = e.path === '/' ? path === '/' : path === e.path || path.startsWith(`${e.path}/`);
    if (hit && (!best || e.path.length > best.path.length)) best = e;
  }
  if (!best && path.startsWith('/reports/')) return entries.some((e) => e.key === 'fill') ? 'fill' : 'review';
  return best?.key ?? null;
}
