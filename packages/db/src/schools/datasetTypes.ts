/**
 * @module What the dataset repository answers with: the summary of what a save wrote, the errors a
 * save or a read refuses with (a message for the user and the schools concerned), and telling the
 * database from a transaction handle.
 */
import type { Stage } from '@junheng/core';
import type { Database, Queryable } from '../platform/database.js';

export interface SaveSummary {
  /** Schools of the dataset (inserted or updated). */
  schools: number;
  /** Of those, schools new to the database. */
  schoolsCreated: number;
  /** Stage reports inserted (version 1). */
  reportsCreated: number;
  /** Stage reports that existed: each got a new version (status back to draft), history kept. */
  reportsUpdated: number;
  /** County items written. */
  countyItems: number;
  /** County items of the county and year the dataset's countyInputs no longer has, deleted. */
  countyItemsRemoved: number;
  /**
   * Reports of this county and year that the dataset does not contain (a school or a 学段 left out
   * of the file). They are kept (report history cannot be deleted) and loadDataset still returns
   * them: show them to the user.
   */
  otherReports: { schoolId: string; stage: Stage }[];
}

export type DatasetErrorCode =
  | 'schoolOutsideCounty'
  | 'schoolInOtherCounty'
  | 'schoolNotOpen'
  | 'reportLocked'
  | 'reportNotEditable'
  | 'unknownActor'
  | 'countyNotFound';

/** A dataset the database cannot take (or a county it does not have), with a message for the user. */
export class DatasetError extends Error {
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
    /** The schools concerned, when the problem is with schools. */
    readonly schoolIds: readonly string[] = [],
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

export function isDatabase(db: Database | Queryable): db is Database {
  return typeof (db as Partial<Database>).transaction === 'function';
}
