/**
 * @module 划片 (zoning) plan downloads: a plan with its county's name (and, for the GeoJSON, the
 * county map), once the actor may export it. The routes write the file and audit the export.
 */
import { requireAllowed } from '@junheng/core';
import { type CountyZoningMap, findZoningCounty, readZoningMap } from '@junheng/db';
import type { CommandContext } from '../../../platform/commands.js';
import { planView, type ZoningPlanView } from '../present.js';
import { requireZoningCounty, requireZoningPlan } from './access.js';

export interface ZoningPlanExport {
  plan: ZoningPlanView;
  countyName: string;
  /** The county map, when asked for (`withMap`) and imported. */
  map: CountyZoningMap | null;
}

/**
 * A plan for a download, with the export right checked and the county's name.
 * @throws Refusal notFound / notAllowed
 */
export async function zoningPlanExport(
  ctx: CommandContext,
  props: { id: number; withMap?: boolean },
): Promise<ZoningPlanExport> {
  const plan = planView(await requireZoningPlan(ctx.db, ctx.actor, props.id, 'view'));
  requireAllowed(
    ctx.actor,
    'export',
    { kind: 'admissionPlan', regionCode: plan.countyCode, published: plan.status === 'published' },
    { key: 'zoning.exportPlanNotFound' },
  );
  const countyName = (await findZoningCounty(ctx.db, plan.countyCode))?.name ?? plan.countyCode;
  let map: CountyZoningMap | null = null;
  if (props.withMap) {
    await requireZoningCounty(ctx.db, ctx.actor, plan.countyCode, 'view');
    map = await readZoningMap(ctx.db, plan.countyCode);
  }
  return { plan, countyName, map };
}
