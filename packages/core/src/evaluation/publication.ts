/**
 * @module Which reports keep a run from being published (公示): every report of the county's open
 * schools for the year that is not approved or locked, and every expected one that is missing (a
 * 学段 expectedReportStages expects without a report), and the refusal that lists them.
 */
import { message } from '../messages/catalogue.js';
import { Refusal } from '../messages/refusal.js';
import { type SchoolType, STAGE_NAMES, STAGES, type Stage } from '../model.js';
import { expectedReportStages } from '../schools/stages.js';
import type { OutstandingReport } from '../validation/refusals.js';
import { REPORT_STATUS_NAMES, type ReportStatus } from '../workflow/reportWorkflow.js';

/** A school of the county expected to report for the year, or with a report of it. */
export interface PublicationSchool {
  id: string;
  name: string;
  type: SchoolType;
}

/** One report of the year. */
export interface PublicationReport {
  schoolId: string;
  stage: Stage;
  status: ReportStatus;
}

/**
 * The reports not yet approved or locked, and the expected ones that are missing, in the schools'
 * order. A report that exists is an input of the run, so it counts whatever the school's type.
 * @param schools in the year's roster order
 */
export function outstandingReports(
  schools: readonly PublicationSchool[],
  reports: readonly PublicationReport[],
): OutstandingReport[] {
  const bySchool = new Map<string, Map<Stage, ReportStatus>>();
  for (const r of reports) {
    let m = bySchool.get(r.schoolId);
    if (!m) {
      m = new Map();
      bySchool.set(r.schoolId, m);
    }
    m.set(r.stage, r.status);
  }
  const out: OutstandingReport[] = [];
  for (const s of schools) {
    const have = bySchool.get(s.id) ?? new Map<Stage, ReportStatus>();
    const expected = new Set<Stage>([...expectedReportStages(s.type), ...have.keys()]);
    for (const stage of STAGES) {
      if (!expected.has(stage)) continue;
      const status = have.get(stage);
      if (status === 'approved' || status === 'locked') continue;
      out.push({ schoolId: s.id, schoolName: s.name, stage, status: status ?? 'missing' });
    }
  }
  return out;
}

/** The refusal of a publication while reports are outstanding (details = the list). */
export function outstandingRefusal(list: readonly OutstandingReport[]): Refusal {
  const counts = new Map<string, number>();
  for (const r of list) {
    const name =
      r.status === 'missing' ? message('evaluation.outstandingMissing') : REPORT_STATUS_NAMES[r.status];
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const parts = [...counts]
    .map(([status, count]) => message('evaluation.outstandingCount', { status, count }))
    .join('、');
  const first = list
    .slice(0, 3)
    .map((r) =>
      message('evaluation.outstandingReport', { school: r.schoolName, stage: STAGE_NAMES[r.stage] }),
    )
    .join('、');
  const more = list.length > 3 ? message('evaluation.outstandingMore') : '';
  return new Refusal(
    'reportsOutstanding',
    'evaluation.reportsOutstanding',
    { count: list.length, parts, first, more },
    { details: list },
  );
}
