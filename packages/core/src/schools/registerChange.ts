/**
 * @module The checks of a change to a school's register entry (学校管理) that need no database: the
 * fields the bureau may correct (name, address, 城乡类型, location, 启用学年) and a change of status
 * (撤并 into another school, 停办, 恢复办学) with the date it took effect and why. What needs the
 * database — the merge target is an open school of the same county, no report of the latest year
 * is locked — the command checks after these.
 */
import { Refusal } from '../messages/refusal.js';
import { LOCALITY_NAMES, type Locality } from '../model.js';
import { SCHOOL_STATUS_NAMES, type SchoolStatus } from './stages.js';

/** What a request may change (absent = unchanged). */
export interface SchoolRegisterChange {
  name?: string;
  address?: string | null;
  locality?: Locality;
  latitude?: number | null;
  longitude?: number | null;
  status?: SchoolStatus;
  /** The school it was merged into (status merged). */
  mergedInto?: string | null;
  /** When the status change took effect (YYYY-MM-DD). */
  effectiveOn?: string;
  /** Why (required for a status change). */
  reason?: string;
  /** 启用学年: first school year the school reports for; null = every year. */
  firstYear?: number | null;
}

/** The register fields a change may touch. */
export interface SchoolRegisterFields {
  name: string;
  address: string | null;
  locality: Locality;
  latitude: number | null;
  longitude: number | null;
  status: SchoolStatus;
  mergedInto: string | null;
  firstYear: number | null;
}

/** A change checked: the fields afterwards, and the status change to record (null when none). */
export interface CheckedRegisterChange {
  after: SchoolRegisterFields;
  statusChange: { status: SchoolStatus; effectiveOn: string; reason: string } | null;
}

/** A real YYYY-MM-DD date (2026-13-45 is not). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const invalid = (key: ConstructorParameters<typeof Refusal>[1], params?: Record<string, string>) =>
  new Refusal('invalidRequest', key, params);

/** The corrections of the entry's own fields (not its status). */
function correctFields(after: SchoolRegisterFields, change: SchoolRegisterChange): void {
  if (change.name !== undefined) {
    if (change.name.trim() === '') throw invalid('schools.nameRequired');
    after.name = change.name.trim();
  }
  if (change.address !== undefined) after.address = change.address?.trim() || null;
  if (change.locality !== undefined) {
    if (!(change.locality in LOCALITY_NAMES)) throw invalid('schools.localityInvalid');
    after.locality = change.locality;
  }
  if (change.latitude !== undefined || change.longitude !== undefined) {
    after.latitude = change.latitude ?? null;
    after.longitude = change.longitude ?? null;
    if ((after.latitude === null) !== (after.longitude === null)) throw invalid('schools.coordinatesPaired');
  }
  if (change.firstYear !== undefined) {
    const y = change.firstYear;
    if (y !== null && !(Number.isInteger(y) && y >= 2000 && y <= 2100))
      throw invalid('schools.firstYearInvalid');
    after.firstYear = y;
  }
}

/**
 * Checks a change against the entry as it is and gives the entry afterwards.
 * @param id 学校标识码 of the school changed
 * @param before its register fields now
 * @param change what the request changes
 * @throws Refusal invalidRequest with what to fix
 */
export function checkRegisterChange(
  id: string,
  before: SchoolRegisterFields,
  change: SchoolRegisterChange,
): CheckedRegisterChange {
  const after = { ...before };
  correctFields(after, change);
  const statusChanges =
    change.status !== undefined &&
    (change.status !== before.status || (change.mergedInto ?? null) !== before.mergedInto);
  if (!statusChanges) return { after, statusChange: null };
  const status = change.status!;
  if (!change.reason?.trim()) {
    throw invalid('schools.statusReasonRequired', { statusName: SCHOOL_STATUS_NAMES[status] });
  }
  if (!change.effectiveOn || !isCalendarDate(change.effectiveOn)) throw invalid('schools.effectiveOnInvalid');
  after.status = status;
  after.mergedInto = status === 'merged' ? (change.mergedInto ?? null) : null;
  if (status === 'merged') {
    if (!after.mergedInto) throw invalid('schools.mergeTargetRequired');
    if (after.mergedInto === id) throw invalid('schools.mergeIntoItself');
  }
  return { after, statusChange: { status, effectiveOn: change.effectiveOn, reason: change.reason.trim() } };
}
