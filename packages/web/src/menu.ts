/**
 * @module The left menu: every entry page, and which roles see it. The server may send the
 * user's menu (`user.menu`, keys of {@link MENU}); otherwise {@link ROLE_MENUS} decides. Pure
 * (menu.test.ts); icons are named here and mapped to components in AppLayout.vue.
 */
import type { MenuKey, SessionUser, UserRole } from './api/types';

export interface MenuEntry {
  key: MenuKey;
  title: string;
  path: string;
  /** Name of an @element-plus/icons-vue icon. */
  icon: string;
  /** Opens outside the admin layout (the public page). */
  external?: boolean;
}

export const MENU: readonly MenuEntry[] = [
  { key: 'dashboard', title: '首页', path: '/', icon: 'HomeFilled' },
  { key: 'schools', title: '学校列表', path: '/schools', icon: 'School' },
  { key: 'fill', title: '数据填报', path: '/fill', icon: 'EditPen' },
  { key: 'review', title: '审核', path: '/review', icon: 'Stamp' },
  { key: 'countyInputs', title: '县级指标', path: '/county-inputs', icon: 'Tickets' },
  { key: 'evaluations', title: '督导评估', path: '/evaluations', icon: 'DataAnalysis' },
  { key: 'plans', title: '一校一策', path: '/plans', icon: 'Guide' },
  { key: 'users', title: '用户管理', path: '/users', icon: 'User' },
  { key: 'audit', title: '审计日志', path: '/audit', icon: 'Document' },
  { key: 'public', title: '公示', path: '/public', icon: 'Promotion', external: true },
];

/**
 * Who sees what (mirrors core's policy table): the bureau and inspectors work on the county;
 * schools fill in their own report and read their own figures; the system admin manages accounts
 * and can look at everything but reviews nothing; the public page is for everyone.
 */
export const ROLE_MENUS: Record<UserRole, readonly MenuKey[]> = {
  system_admin: ['dashboard', 'schools', 'countyInputs', 'evaluations', 'plans', 'users', 'audit', 'public'],
  bureau: ['dashboard', 'schools', 'review', 'countyInputs', 'evaluations', 'plans', 'public'],
  inspector: ['dashboard', 'schools', 'countyInputs', 'evaluations', 'plans', 'public'],
  principal: ['fill', 'schools', 'plans', 'public'],
  school: ['fill', 'schools', 'plans', 'public'],
  viewer: ['public'],
};

const BY_KEY = new Map(MENU.map((m) => [m.key, m]));

/** The user's menu keys: the server's list when it sent one, else the role table. */
export function menuKeysFor(user: Pick<SessionUser, 'role' | 'menu'> | null): MenuKey[] {
  if (!user) return [];
  if (Array.isArray(user.menu)) {
    const keys = user.menu.filter((k): k is MenuKey => BY_KEY.has(k as MenuKey));
    // The public page is open to everyone: always offered, last.
    return keys.includes('public') ? keys : [...keys, 'public'];
  }
  return [...(ROLE_MENUS[user.role] ?? ['public'])];
}

/** The user's menu entries, in menu order of the server's list (or of {@link MENU}). */
export function menuFor(user: Pick<SessionUser, 'role' | 'menu'> | null): MenuEntry[] {
  return menuKeysFor(user).map((k) => BY_KEY.get(k)!);
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
