/** @module /api/auth: login, logout, who am I, change password. */
import { get, post, setCsrfToken } from './client';
import type { SessionInfo } from './types';

export async function login(username: string, password: string): Promise<SessionInfo> {
  const info = await post<SessionInfo>('/api/auth/login', { username, password });
  setCsrfToken(info.csrfToken);
  return info;
}

export async function me(): Promise<SessionInfo> {
  const info = await get<SessionInfo>('/api/auth/me');
  setCsrfToken(info.csrfToken);
  return info;
}

export async function logout(): Promise<void> {
  try {
    await post('/api/auth/logout');
  } finally {
    setCsrfToken('');
  }
}

export const changePassword = (oldPassword: string, newPassword: string) =>
  post<unknown>('/api/auth/password', { oldPassword, newPassword });
