/**
 * @module The chosen round's applicant list on the shared list-page state (useListPage.ts): the
 * filters (划片学校, 类别, 状态, 申请编号或小区/村), page and size kept in the address bar beside the
 * round, and the filters as the list and the export send them.
 */
import { type Ref, reactive } from 'vue';
import {
  type ApplicantItem,
  type ApplicantQuery,
  listApplicants,
  type RoundDetail,
} from '../../../api/admission';
import { type ListQuery, useListPage } from '../../../shared/useListPage';

const FILTERS = { round: '', zoneSchoolId: '', category: '', status: '', q: '' };
type Filters = typeof FILTERS;

/** The filters as the API takes them: a cleared one is left out. */
export function applicantQuery(f: Omit<Filters, 'round'>): ApplicantQuery {
  return {
    zoneSchoolId: f.zoneSchoolId || undefined,
    category: f.category || undefined,
    status: (f.status || undefined) as ApplicantQuery['status'],
    q: f.q || undefined,
  };
}

export function useApplicantList(round: Ref<RoundDetail | null>) {
  return reactive(
    useListPage({
      // `round` is the page's choice (useAdmissionRound.ts sets it): a filter here only so that the
      // list's address keeps it.
      filters: FILTERS,
      fetch: async (q: ListQuery<Filters>): Promise<{ items: ApplicantItem[]; total: number }> => {
        if (!round.value) return { items: [], total: 0 };
        return listApplicants(round.value.id, { ...applicantQuery(q), page: q.page, pageSize: q.pageSize });
      },
    }),
  );
}

export type ApplicantList = ReturnType<typeof useApplicantList>;
