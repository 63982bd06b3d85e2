/** @module /api/auth: login, logout, who am I, change password. */
import { setCsrfToken } from './client';
import { api, data, type Json } from './http';

/** The signed-in user and the session's CSRF token (login, /api/auth/me). */
export type SessionInfo = Json<'/api/auth/me'>;
/**
 * The signed-in user. `menu`: keys of the menu entries the user may open, in order, decided by the
 * server from core's policy table; the web app keeps no copy of the rules (shared/menu.ts).
 */
export type SessionUser = SessionInfo['user'];

export async function login(username: string, password: string): Promise<SessionInfo> {
  const info = await data(api.POST('/api/auth/login', { body: { username, password } }));
  setCsrfToken(info.csrfToken);
  return info;
}

export async function me(): Promise<SessionInfo> {
  const info = await data(api.GET('/api/auth/me'));
  setCsrfToken(info.csrfToken);
  return info;
}

export async function logout(): Promise<void> {
  try {
    await data(api.POST('/api/auth/logout'));
  } finally {
    setCsrfToken('');
  }
}

export const changePassword = (oldPassword: string, newPassword: string) =>
  data(api.POST('/api/auth/password', { body: { oldPassword, newPassword } }));
