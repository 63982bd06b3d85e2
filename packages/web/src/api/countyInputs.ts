/** @module /api/county-inputs: the county-level items of a year. */
import { api, data, type Json, type JsonBody } from './http';

/**
 * One county item of the year. Percent items carry the fraction (0.965), the page shows 96.5 %;
 * `input` is how it is entered (core CountyItemInputKind).
 */
export type CountyInputItem = Json<'/api/county-inputs'>[number];
export type CountyItemKind = CountyInputItem['input'];
/** Whether the year's county items are read-only (an evaluation of the year is published), and why. */
export type CountyInputsStatus = Json<'/api/county-inputs/status'>;

export const fetchCountyInputs = (year: number) =>
  data(api.GET('/api/county-inputs', { params: { query: { year } } }));

export const fetchCountyInputsStatus = (year: number) =>
  data(api.GET('/api/county-inputs/status', { params: { query: { year } } }));

export const saveCountyInputs = (year: number, items: JsonBody<'/api/county-inputs', 'put'>['items']) =>
  data(api.PUT('/api/county-inputs', { params: { query: { year } }, body: { items } }));
