/**
 * @module GET /api/meta: years, the report form's fields, county items and the names of codes;
 * GET /api/meta/messages: the province's wording of the message catalogue.
 */
import type { ReportStatus, Stage } from '@junheng/core';
import { api, data, type Json } from './http';

type MetaAnswer = Json<'/api/meta'>;

/** A code with its Chinese name. */
export interface Option<T extends string = string> {
  value: T;
  label: string;
}

/** One field of the annual report form, e.g. `{key:'students', label:'在校生数', unit:'人', …}`. */
export type ReportFieldDef = MetaAnswer['reportFields'][number];
/** One section of the annual report form, in the order shown. */
export type ReportSection = ReportFieldDef['section'];

/** The meta answer with its name tables as option lists for selects. */
export type Meta = Omit<MetaAnswer, 'schoolTypes' | 'localities' | 'stages' | 'statuses'> & {
  schoolTypes: Option[];
  localities: Option[];
  stages: Option<Stage>[];
  statuses: Option<ReportStatus>[];
};

/** `{code: name}` as options in the table's order. */
function options<T extends string>(names: Record<string, string>): Option<T>[] {
  return Object.entries(names).map(([value, label]) => ({ value: value as T, label }));
}

export async function fetchMeta(): Promise<Meta> {
  const m = await data(api.GET('/api/meta'));
  return {
    ...m,
    schoolTypes: options(m.schoolTypes),
    localities: options(m.localities),
    stages: options<Stage>(m.stages),
    statuses: options<ReportStatus>(m.statuses),
  };
}

/** GET /api/meta/messages: the province's rewording of the message catalogue (key → text). */
export async function fetchMessageOverrides(): Promise<Record<string, string>> {
  return (await data(api.GET('/api/meta/messages'))).overrides;
}
