/** @module /api/users (system_admin). */
import { api, data, type Json, type JsonBody, type QueryOf } from './http';

export type UserItem = Json<'/api/users'>['items'][number];
export type NewUser = JsonBody<'/api/users', 'post'>;

export const listUsers = (query: QueryOf<'/api/users'>) => data(api.GET('/api/users', { params: { query } }));

export const createUser = (user: NewUser) => data(api.POST('/api/users', { body: user }));

export const updateUser = (id: number, change: JsonBody<'/api/users/{id}', 'patch'>) =>
  data(api.PATCH('/api/users/{id}', { params: { path: { id } }, body: change }));

/** 解锁: ends the pause after repeated wrong passwords (POST /api/users/:id/unlock). */
export const unlockUser = (id: number) =>
  data(api.POST('/api/users/{id}/unlock', { params: { path: { id } } }));
