/**
 * @module Who is signed in, the reference data of /api/meta and the selected 学年: one reactive
 * store shared by the layout and the pages.
 */
import { computed, reactive } from 'vue';
import type { SessionUser } from '../api/auth';
import * as authApi from '../api/auth';
import { ApiError } from '../api/client';
import type { Meta } from '../api/meta';
import { fetchMeta } from '../api/meta';
import { schoolYearOf, yearLabel } from './format';
import { t } from './messages';

const YEAR_KEY = 'junheng.year';

function storedYear(): number | null {
  try {
    const v = Number(localStorage.getItem(YEAR_KEY));
    return Number.isInteger(v) && v >= 2000 && v <= 2099 ? v : null;
  } catch {
    return null;
  }
}

export const session = reactive({
  user: null as SessionUser | null,
  meta: null as Meta | null,
  /** 学年 start year the pages show. */
  year: storedYear() ?? schoolYearOf(),
  /** The meta request failed: pages use core's tables instead. */
  metaError: '' as string,
  /** Whether the server was asked who is signed in (once per page load, or by signing in). */
  checked: false,
});

/** Years to choose from: the server's list, else this school year and the four before it. */
export const yearOptions = computed(() => {
  const fromMeta = session.meta?.years ?? [];
  const now = session.meta?.currentYear ?? schoolYearOf();
  const list =
    fromMeta.length > 0
      ? [...fromMeta]
      : [0, 1, 2, 3, 4].map((d) => ({ year: now - d, label: yearLabel(now - d) }));
  // A year opened from a link (an old report) is shown too.
  if (!list.some((y) => y.year === session.year))
    list.push({ year: session.year, label: yearLabel(session.year) });
  return list.sort((a, b) => b.year - a.year);
});

export function setYear(year: number): void {
  session.year = year;
  try {
    localStorage.setItem(YEAR_KEY, String(year));
  } catch {
    // private mode: keep it in memory only
  }
}

async function loadMeta(): Promise<void> {
  try {
    session.meta = await fetchMeta();
    session.metaError = '';
    const years = session.meta.years.map((y) => y.year);
    if (years.length > 0 && !years.includes(session.year)) setYear(session.meta.currentYear);
  } catch (e) {
    session.meta = null;
    session.metaError = e instanceof ApiError ? e.message : t('web.shared.metaFailed');
  }
}

/**
 * Reads the current session (GET /api/auth/me) and the meta data.
 * @returns whether someone is signed in
 */
export async function restoreSession(): Promise<boolean> {
  session.checked = true;
  try {
    const info = await authApi.me();
    session.user = info.user;
  } catch (e) {
    session.user = null;
    if (e instanceof ApiError && e.status === 401) return false;
    throw e;
  }
  await loadMeta();
  return true;
}

/** Signs in and loads the meta data. @throws ApiError (invalidLogin, lockedOut, rateLimited…) */
export async function signIn(username: string, password: string): Promise<SessionUser> {
  const info = await authApi.login(username, password);
  session.user = info.user;
  session.checked = true;
  await loadMeta();
  return info.user;
}

export async function signOut(): Promise<void> {
  try {
    await authApi.logout();
  } finally {
    clearSession();
  }
}

/** Forgets the user (after a 401 or a logout). */
export function clearSession(): void {
  session.user = null;
  session.meta = null;
}

/** The county the user works on, for titles. */
export const countyName = computed(
  () => session.meta?.county?.name ?? session.user?.regionName ?? session.user?.schoolName ?? '',
);
