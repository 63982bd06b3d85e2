/**
 * @module Running an evaluation: the county's dataset validated, evaluated with each standard asked
 * for, and stored as one run per standard with its inputs, their SHA-256, the rules and the engine
 * version, with an audit event per run, in one transaction.
 */
import {
  type Actor,
  type CountyDataset,
  evaluate,
  formatValidationIssue,
  type Issue,
  nationalStandards,
  type StandardChoice,
  type StandardKey,
  type Status,
  validateDataset,
} from '@junheng/core';
import { appendAudit } from '../audit/audit.js';
import { AccessError, requireAllowed } from '../platform/access.js';
import { type Database, jsonb, type Queryable } from '../platform/database.js';
import { sqlOf } from '../platform/queryBuilder.js';
import { actingUser, inTransaction } from '../platform/queryKit.js';
import type { RunEvaluationInput, RunSummary } from './evaluationTypes.js';
import {
  countyNotFound,
  datasetSha256,
  isYear,
  loadCounty,
  runResource,
  summariesByIds,
} from './runRecords.js';

const STANDARDS_OF: Record<StandardChoice, readonly StandardKey[]> = {
  basic: ['basic'],
  quality: ['quality'],
  both: ['basic', 'quality'],
};

/**
 * Validation issues as the refusal's list (core's Issue): the school by name and 标识码 where the
 * path points into one, the problem, and where to fix it (the school's report).
 */
function issueDetails(ds: CountyDataset, issues: ReturnType<typeof validateDataset>['issues']): Issue[] {
  return issues.map((issue) => {
    const index = /^schools\[(\d+)\]/.exec(issue.path)?.[1];
    const school = index === undefined ? undefined : ds.schools[Number(index)];
    return {
      code: 'invalidData',
      path: issue.path,
      message: school
        ? `${school.name}（${school.id}）：${formatValidationIssue(issue)}`
        : formatValidationIssue(issue),
      fix: school ? `请在${school.name}的报表中改正后重新运行评估` : '请改正县级数据后重新运行评估',
      ...(school ? { column: '学校标识码', value: school.id } : {}),
    };
  });
}

/**
 * Evaluates a county's data of one school year and stores the run(s): one evaluation_run row per
 * standard with the dataset read (inputs), its SHA-256, the standard tables used (rules), core's
 * result (detail 'full') and the engine version; one audit event 'evaluation.run' per row. One
 * transaction. Needs policy `evaluate` on the county (bureau or inspector of the county).
 * @param db the database (a transaction is opened), or a `tx` of the caller's transaction
 * @param actor the signed-in user
 * @param input county, year, 'basic' | 'quality' | 'both', optional standard tables, engine version
 * @returns the new runs, basic before quality
 * @throws AccessError notFound (county unknown or not visible), notAllowed, invalidData (bad
 *   arguments, no schools for the year, or data core's validator rejects: details = the issues)
 */
export function runEvaluation(
  db: Database | Queryable,
  actor: Actor,
  input: RunEvaluationInput,
): Promise<RunSummary[]> {
  const { countyCode, year, standard } = input;
  if (typeof countyCode !== 'string') {
    return Promise.reject(new AccessError('notFound', countyNotFound(String(countyCode))));
  }
  if (!isYear(year)) {
    return Promise.reject(new AccessError('invalidData', `学年应为 2000 到 2100 之间的年份，收到 ${year}`));
  }
  if (!Object.hasOwn(STANDARDS_OF, standard)) {
    return Promise.reject(
      new AccessError('invalidData', '评估标准应为 basic（基本均衡）、quality（优质均衡）或 both（两者）'),
    );
  }
  const engineVersion = typeof input.engineVersion === 'string' ? input.engineVersion.trim() : '';
  if (engineVersion === '') {
    return Promise.reject(new AccessError('invalidData', '缺少评估引擎版本号（engineVersion）'));
  }
  try {
    requireAllowed(actor, 'evaluate', runResource(countyCode, false), countyNotFound(countyCode));
  } catch (err) {
    return Promise.reject(err);
  }
  const standards = input.standards ?? nationalStandards();

  return inTransaction(db, async (tx) => {
    const by = await actingUser(tx, actor);
    const ds = await loadCounty(tx, countyCode, year);
    if (ds.schools.length === 0) {
      throw new AccessError(
        'invalidData',
        `${ds.county.name} ${year}—${year + 1}学年还没有任何学校的数据：请先导入或填报本学年的学校报表，再运行评估`,
      );
    }
    const validation = validateDataset(ds, { standards });
    if (validation.issues.length > 0) {
      throw new AccessError(
        'invalidData',
        `${ds.county.name} ${year}—${year + 1}学年的数据有 ${validation.issues.length} 处问题，无法评估：请按明细修改相应报表后重新运行`,
        issueDetails(ds, validation.issues),
      );
    }
    const sha = datasetSha256(ds);
    const created: { id: number; standard: StandardKey; verdict: Status }[] = [];
    for (const key of STANDARDS_OF[standard]) {
      const result = evaluate(ds, { standards, standard: key, detail: 'full' });
      const verdict = result[key]?.status ?? result.status;
      const row = await sqlOf(tx)
        .insertInto('evaluation_run')
        .values({
          county_code: countyCode,
          year,
          standard: key,
          inputs: jsonb(ds),
          inputs_sha256: sha,
          rules: jsonb(standards),
          result: jsonb(result),
          engine_version: engineVersion,
          created_by: by.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      created.push({ id: row.id, standard: key, verdict });
    }
    for (const run of created) {
      await appendAudit(tx, {
        actor: by.username,
        actorId: by.id,
        action: 'evaluation.run',
        entity: 'evaluation_run',
        entityId: String(run.id),
        after: {
          countyCode,
          year,
          standard: run.standard,
          inputsSha256: sha,
          verdict: run.verdict,
          engineVersion,
          overrides: standards.overrides.length,
        },
        ip: input.ip ?? null,
      });
    }
    return summariesByIds(
      tx,
      created.map((r) => r.id),
    );
  });
}
