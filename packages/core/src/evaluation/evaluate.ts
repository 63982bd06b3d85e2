/**
 * @module Evaluate a county dataset against 基本均衡 and/or 优质均衡.
 */
import type { CountyDataset } from '../model.js';
import type { UnitCosts } from '../planning/unitCosts.js';
import { nationalStandards } from '../standards/overrides.js';
import type { StandardSet } from '../standards/types.js';
import { evaluateBasic } from './basic.js';
import { EvaluationContext } from './context.js';
import type { Detail } from './present.js';
import { evaluateQuality } from './quality.js';
import type { EvaluationResult, StandardRules } from './results.js';
import { combineStatus } from './status.js';

export type StandardChoice = 'basic' | 'quality' | 'both';

export interface EvaluateOptions {
  /** Tables to use; the national ones when omitted. */
  standards?: StandardSet;
  /** Which standard(s); both when omitted. */
  standard?: StandardChoice;
  /** 'full' (default) lists every counted school per coefficient and every school's compliance. */
  detail?: Detail;
  /** Unit costs for choosing minimum plans. */
  unitCosts?: UnitCosts;
}

/**
 * Evaluate one county for one school year.
 * @param ds validated dataset (see validateDataset)
 * @returns the result with every figure and the reasons for each verdict
 */
export function evaluate(ds: CountyDataset, opts: EvaluateOptions = {}): EvaluationResult {
  const standards = opts.standards ?? nationalStandards();
  const choice = opts.standard ?? 'both';
  const ctx = new EvaluationContext(ds, standards, opts.detail ?? 'full', opts.unitCosts);
  const basic = choice !== 'quality' ? evaluateBasic(ctx) : undefined;
  const quality = choice !== 'basic' ? evaluateQuality(ctx) : undefined;
  const done = [basic, quality].filter((r) => r !== undefined);
  const issues = ctx.issues;
  const reasons = [
    ...(basic?.reasons.map((r) => `基本均衡：${r}`) ?? []),
    ...(quality?.reasons.map((r) => `优质均衡：${r}`) ?? []),
  ];
  return {
    schemaVersion: 1,
    county: ds.county,
    year: ds.year,
    rules: {
      basic: standardRules(standards.basic),
      quality: standardRules(standards.quality),
      overrideName: standards.overrideName,
      overrideSource: standards.overrideSource,
      overrides: standards.overrides,
    },
    basic,
    quality,
    excluded: ctx.excluded,
    issues,
    status: combineStatus(done.map((r) => r.status)),
    reasons,
  };
}

/** A standard table as the result's `rules` names it, with its own apportionment method. */
function standardRules(std: {
  id: string;
  name: string;
  document: string;
  apportion: { method: StandardRules['apportionMethod'] };
}): StandardRules {
  return { id: std.id, name: std.name, document: std.document, apportionMethod: std.apportion.method };
}
