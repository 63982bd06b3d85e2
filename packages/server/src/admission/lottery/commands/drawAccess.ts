/**
 * @module Who may do what with a draw. Every draw is public from its creation: publishing the list
 * and the commitment BEFORE the seed is drawn is what makes the result checkable, so the policy
 * resource is always `published: true`. Viewing needs no right; creating and drawing need `edit`
 * on the draw (the county's bureau; a school for its own head-teacher draw). Someone who may see a
 * draw but not draw it gets notAllowed (403), not notFound.
 */
import { type Actor, type MessageKey, Refusal, type Resource } from '@junheng/core';
import { countyCodeOfSchool, isDrawId, type Queryable, readDraw, type StoredDraw } from '@junheng/db';
import { resolveCounty } from '../../../schools/county.js';

/** The policy resource of a draw: always published (see the module comment). */
export function drawResource(
  countyCode: string,
  schoolId: string | null,
  schoolRegion: string | null,
): Resource {
  return {
    kind: 'lotteryDraw',
    regionCode: schoolRegion ?? countyCode,
    schoolId: schoolId ?? null,
    published: true,
  };
}

/** The resource of a stored draw. */
export const resourceOfDraw = (d: StoredDraw): Resource =>
  drawResource(d.countyCode, d.schoolId, d.schoolRegion);

/** The refusal of an unknown (or invisible) draw, for requireAllowed. */
export const drawNotFound = (id: unknown): { key: MessageKey; params: { id: string } } => ({
  key: 'lottery.drawNotFound',
  params: { id: String(id) },
});

/**
 * A draw by id (FOR UPDATE inside a write).
 * @throws Refusal notFound
 */
export async function requireDraw(db: Queryable, id: number, lock = false): Promise<StoredDraw> {
  const row = isDrawId(id) ? await readDraw(db, id, { lock }) : undefined;
  if (!row) throw new Refusal('notFound', 'lottery.drawNotFound', { id: String(id) });
  return row;
}

/** The county a request is about: the one asked for, the school's, or the user's own. */
export async function countyOfRequest(db: Queryable, actor: Actor, requested?: string): Promise<string> {
  if (requested) return requested;
  if (actor.schoolId) {
    const own = await countyCodeOfSchool(db, actor.schoolId);
    if (own) return own;
  }
  return (await resolveCounty(db, actor, 'lotteryDraw')).code;
}
