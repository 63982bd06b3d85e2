/**
 * @module What changed between the dataset an evaluation run read and the county's data now, in
 * words a clerk acts on ("学校报表有改动：甲小学（小学）等"). A run whose data changed is 已过期: its
 * verdict no longer describes the county, and it must be re-run before it may be published.
 */
import { type CountyDataset, type School, STAGE_NAMES } from '../model.js';
import { nationalStandards } from '../standards/overrides.js';
import { countyItemSpecs } from '../validation/county-items.js';

/** JSON with object keys sorted, so stored (jsonb, keys reordered) and fresh data compare equal. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** How many names a reason lists before "等 N 所". */
const NAMES_SHOWN = 3;

function listed(names: readonly string[], unit: string): string {
  const shown = names.slice(0, NAMES_SHOWN).join('、');
  return names.length > NAMES_SHOWN ? `${shown}等 ${names.length} ${unit}` : shown;
}

/** A school's changed parts: its stages whose report differs, or the school as a whole. */
function schoolChange(before: School, after: School): string | null {
  if (stableJson(before) === stableJson(after)) return null;
  const { stages: bs, ...bRest } = before;
  const { stages: as, ...aRest } = after;
  const stages = [...new Set([...bs.map((s) => s.stage), ...as.map((s) => s.stage)])].filter(
    (st) => stableJson(bs.find((s) => s.stage === st)) !== stableJson(as.find((s) => s.stage === st)),
  );
  if (stableJson(bRest) !== stableJson(aRest) || stages.length === 0) return after.name;
  return `${after.name}（${stages.map((st) => STAGE_NAMES[st]).join('、')}）`;
}

const ITEM_NAMES: ReadonlyMap<string, string> = new Map(
  countyItemSpecs(nationalStandards()).map((s) => [s.id, s.name]),
);

/**
 * The changes between a run's inputs and the county's data now, one sentence per kind.
 * @param ran the dataset the run read (evaluation_run.inputs)
 * @param now the county's dataset of the same year, read now
 * @returns the reasons the run is out of date; empty when nothing that the engine reads changed
 */
export function datasetChanges(ran: CountyDataset, now: CountyDataset): string[] {
  const reasons: string[] = [];
  const before = new Map(ran.schools.map((s) => [s.id, s]));
  const after = new Map(now.schools.map((s) => [s.id, s]));
  const changed: string[] = [];
  for (const s of now.schools) {
    const old = before.get(s.id);
    const c = old ? schoolChange(old, s) : null;
    if (c) changed.push(c);
  }
  if (changed.length > 0) reasons.push(`学校报表有改动：${listed(changed, '所学校')}`);
  const added = now.schools.filter((s) => !before.has(s.id)).map((s) => s.name);
  if (added.length > 0) reasons.push(`新增了学校数据：${listed(added, '所学校')}`);
  const removed = ran.schools.filter((s) => !after.has(s.id)).map((s) => s.name);
  if (removed.length > 0) reasons.push(`学校不再参与评估：${listed(removed, '所学校')}`);

  const items = [...new Set([...Object.keys(ran.countyInputs ?? {}), ...Object.keys(now.countyInputs ?? {})])]
    .filter((id) => stableJson(ran.countyInputs?.[id]) !== stableJson(now.countyInputs?.[id]))
    .map((id) => ITEM_NAMES.get(id) ?? id);
  if (items.length > 0) reasons.push(`县级指标有改动：${listed(items, '项')}`);

  if (reasons.length === 0 && stableJson(ran) !== stableJson(now)) {
    reasons.push('县域基本信息或学校名单顺序有改动');
  }
  return reasons;
}
