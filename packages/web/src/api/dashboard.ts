/** @module GET /api/dashboard */
import { api, data, type Json } from './http';

export type Dashboard = Json<'/api/dashboard'>;
/** A county verdict of one standard. */
export type Verdict = NonNullable<Dashboard['verdicts']['basic']>;
/** One difference coefficient against its threshold ('composite' = 综合差异系数). */
export type CoefficientSummary = Dashboard['coefficients'][number];
/** One year and standard of the trend. */
export type TrendPoint = Dashboard['trend'][number];
/** 优质均衡 school stages by result. */
export type SchoolCounts = Dashboard['schools'];
/** Reports of the year by status; `missing` = school stages with no report yet. */
export type ReportCounts = Dashboard['reports'];

export const fetchDashboard = (year: number) =>
  data(api.GET('/api/dashboard', { params: { query: { year } } }));
