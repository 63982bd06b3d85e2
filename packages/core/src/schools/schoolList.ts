/**
 * @module The school list's filters as a request gives them: a type, a 城乡类型 and a status each
 * one of core's values.
 */
import { Refusal } from '../messages/refusal.js';
import { LOCALITY_NAMES, type Locality, SCHOOL_TYPE_NAMES, type SchoolType } from '../model.js';
import { SCHOOL_STATUSES, type SchoolStatus } from './stages.js';

/** The filters of the school list (absent = any). */
export interface SchoolListFilters {
  type?: SchoolType;
  locality?: Locality;
  status?: SchoolStatus;
}

type FilterKey = 'schools.unknownType' | 'schools.unknownLocality' | 'schools.unknownStatus';

function checkOneOf<T extends string>(value: T | undefined, allowed: readonly T[], key: FilterKey): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new Refusal('invalidRequest', key, { value: String(value), allowed: allowed.join('、') });
  }
}

/**
 * Checks the list's filters.
 * @throws Refusal invalidRequest naming the values that may be given
 */
export function checkSchoolListFilters(q: SchoolListFilters): void {
  checkOneOf(q.type, Object.keys(SCHOOL_TYPE_NAMES) as SchoolType[], 'schools.unknownType');
  checkOneOf(q.locality, Object.keys(LOCALITY_NAMES) as Locality[], 'schools.unknownLocality');
  checkOneOf(q.status, SCHOOL_STATUSES, 'schools.unknownStatus');
}
