/**
 * @module What the evaluation commands share: the policy resource of a run, the answer for a run
 * that does not exist or may not be seen, and the county's dataset (a county the database does not
 * have is notFound).
 */
import { type CountyDataset, Refusal, type Resource } from '@junheng/core';
import { DatasetError, loadDataset, type Queryable } from '@junheng/db';

/** A run belongs to its county; published = published_at set. */
export function runResource(countyCode: string, published: boolean): Resource {
  return { kind: 'evaluationRun', regionCode: countyCode, published };
}

/** The one answer for a run that does not exist and one the actor may not see. */
export function runNotFound(id: unknown): Refusal {
  return new Refusal('notFound', 'evaluation.runNotFound', { id: String(id) });
}

/**
 * Loads the county's dataset of a year (db loadDataset: one snapshot, or the caller's transaction).
 * @throws Refusal notFound when the database has no such county
 */
export async function loadCounty(
  db: Parameters<typeof loadDataset>[0] | Queryable,
  countyCode: string,
  year: number,
): Promise<CountyDataset> {
  try {
    return await loadDataset(db, countyCode, year);
  } catch (err) {
    if (err instanceof DatasetError && err.code === 'countyNotFound') {
      throw new Refusal('notFound', 'evaluation.countyNotFound', { code: countyCode });
    }
    throw err;
  }
}
