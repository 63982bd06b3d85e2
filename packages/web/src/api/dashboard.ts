/** @module GET /api/dashboard */
import { get } from './client';
import type { Dashboard } from './types';

export const fetchDashboard = (year: number) => get<Dashboard>('/api/dashboard', { year });
