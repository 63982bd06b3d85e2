/** @module /api/users (system_admin). */
import { get, patch, post } from './client';
import { asPage } from './normalize';
import type { NewUser, Page, UserItem } from './types';

export async function listUsers(query: {
  page?: number;
  pageSize?: number;
  q?: string;
}): Promise<Page<UserItem>> {
  const data = await get<Page<UserItem> | UserItem[]>('/api/users', query);
  return asPage(data, query.page, query.pageSize);
}

export const createUser = (user: NewUser) => post<UserItem>('/api/users', user);

export const updateUser = (
  id: number,
  change: { displayName?: string; disabled?: boolean; password?: string },
) => patch<UserItem>(`/api/users/${id}`, change);

/** 解锁: ends the pause after repeated wrong passwords (POST /api/users/:id/unlock). */
export const unlockUser = (id: number) => post<UserItem>(`/api/users/${id}/unlock`);
