/**
 * @module How the report commands' results are answered: a report with the actions this user may
 * do now, a report nobody has started as an empty draft at version 0, a report's versions and the
 * fields changed between two of them, a batch's per-report results, an import's summary and the
 * county items with their labels. Glossary names come from core; the rest from the catalogue.
 */
import {
  type Actor,
  availableActions,
  can,
  countyItemSpecs,
  message,
  nationalStandards,
  REPORT_ACTION_NAMES,
  REPORT_POLICY_ACTIONS,
  REPORT_STATUS_NAMES,
  type ReportAction,
  type ReportKey,
  type ReportStatus,
  reportField,
  reportResource,
  STAGE_NAMES,
} from '@junheng/core';
import type { CountyInputValue, ReportVersion } from '@junheng/db';
import type {
  BatchAction,
  BatchOutcome,
  ImportOutcome,
  Report,
  ReportForm,
  VersionPair,
} from './commands/index.js';

/** What this user may do now to a report in this status: the workflow's actions their rules allow. */
function actionsOn(actor: Actor, status: ReportStatus, regionCode: string, schoolId: string): ReportAction[] {
  const resource = reportResource(regionCode, schoolId);
  return availableActions(status, actor.role).filter((a) => can(actor, REPORT_POLICY_ACTIONS[a], resource));
}

/** A report as the API answers it, with the actions this user may do now. */
export function presentReport(actor: Actor, r: Report) {
  return {
    schoolId: r.schoolId,
    year: r.year,
    stage: r.stage,
    status: r.status,
    statusName: REPORT_STATUS_NAMES[r.status],
    version: r.version,
    data: r.data,
    reviewComments: r.reviewComments,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
    reviewedAt: r.reviewedAt,
    actions: actionsOn(actor, r.status, r.regionCode, r.schoolId),
    proxy: r.proxy,
    reminders: r.reminders,
  };
}

/**
 * The form: the report, or one nobody has started as an empty draft at version 0 (saving it with
 * version 0 creates it).
 */
export function presentReportForm(actor: Actor, key: ReportKey, form: ReportForm) {
  if ('report' in form) return presentReport(actor, form.report);
  const school = form.notStarted;
  return {
    ...key,
    status: 'draft' as const,
    statusName: REPORT_STATUS_NAMES.draft,
    version: 0,
    data: {},
    reviewComments: null,
    updatedAt: null,
    submittedAt: null,
    reviewedAt: null,
    // The school fills it in; the bureau may fill it in for the school (its first save creates the
    // report, with the reason). A chase of a report never started goes through the batch (催报 of
    // the review list's 未填报 rows), which creates the report with the reminder.
    actions: actionsOn(actor, 'draft', school.regionCode, school.id).filter((a) => a !== 'remind'),
    proxy: null,
    reminders: [],
  };
}

/** A report's versions, oldest first. */
export function presentVersions(versions: ReportVersion[]) {
  return versions.map((v) => ({
    version: v.version,
    status: v.status,
    statusName: REPORT_STATUS_NAMES[v.status as keyof typeof REPORT_STATUS_NAMES] ?? v.status,
    actorName: v.actorName,
    at: v.at,
    reviewComments: v.reviewComments,
  }));
}

/** The fields whose value differs between two versions, with their labels and units. */
export function presentDiff({ before, after }: VersionPair) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => {
      const f = reportField(k);
      return {
        field: k,
        label: f?.label ?? k,
        unit: f?.unit ?? '',
        before: before[k] ?? null,
        after: after[k] ?? null,
      };
    });
}

/** Status names of the review list and the batch results (未填报 is no workflow state). */
const listStatusName = (s: string): string =>
  s === 'missing' ? message('reporting.statusMissing') : (REPORT_STATUS_NAMES[s as ReportStatus] ?? s);

/** A batch's answer: what was (or would be) done to each report, and the counts. */
export function presentBatch(action: BatchAction, dryRun: boolean, outcomes: BatchOutcome[]) {
  const results = outcomes.map((o) => {
    const at = { schoolId: o.schoolId, year: o.year, stage: o.stage, schoolName: o.schoolName };
    if (!o.ok) {
      const refused = { from: null, fromName: null, to: null, toName: null, version: null };
      return { ...at, ok: false, ...refused, code: o.code, message: o.message };
    }
    const { from, to, version } = o;
    return { ...at, ok: true, from, fromName: listStatusName(from), to, toName: listStatusName(to), version };
  });
  const changed = results.filter((r) => r.ok).length;
  return {
    action,
    actionName: REPORT_ACTION_NAMES[action],
    dryRun,
    changed,
    failed: results.length - changed,
    results,
  };
}

/** An import's summary, with the reports approved on import (or, in a dry run, to be approved). */
export function presentImport(o: ImportOutcome) {
  const { approved, ...rest } = o;
  return {
    ...rest,
    approved: approved.length,
    approvedReports: approved.map((r) => ({
      schoolId: r.schoolId,
      schoolName: r.schoolName,
      stage: r.stage,
      stageName: STAGE_NAMES[r.stage],
      from: r.from,
      fromName: r.from === 'missing' ? message('reporting.importNoReport') : REPORT_STATUS_NAMES[r.from],
      to: 'approved' as const,
      toName: REPORT_STATUS_NAMES.approved,
    })),
  };
}

/** The county items that are entered (not computed), with their labels and the stored values. */
export function presentCountyItems(stored: Record<string, CountyInputValue>) {
  return countyItemSpecs(nationalStandards())
    .filter((spec) => spec.input !== 'computed')
    .map(({ id, ...spec }) => ({
      itemId: id,
      ...spec,
      value: stored[id]?.value ?? null,
      note: stored[id]?.note ?? null,
      updatedAt: stored[id]?.updatedAt ?? null,
      updatedByName: stored[id]?.updatedByName ?? null,
    }));
}
