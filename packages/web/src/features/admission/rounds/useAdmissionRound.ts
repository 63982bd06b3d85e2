/**
 * @module 招生申请's page state, shared by its tabs and dialogs: the rounds, the one chosen (kept in
 * the address bar as `round`), its detail and results, the open tab, who is looking, the applicant
 * list (useApplicantList.ts), reloads after a change, and a category's or school's name by its id.
 */
import { computed, onMounted, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import {
  getRound,
  listRounds,
  type RoundDetail,
  type RoundResults,
  type RoundSummary,
  roundResults,
} from '../../../api/admission';
import { messageOf } from '../../../api/client';
import { session } from '../../../shared/session';
import { ElMessage } from '../../../shared/ui';
import { useApplicantList } from './useApplicantList';

export function useAdmissionRound() {
  const route = useRoute();
  const router = useRouter();
  const rounds = ref<RoundSummary[]>([]);
  const roundId = ref<number | null>(null);
  const round = ref<RoundDetail | null>(null);
  const results = ref<RoundResults | null>(null);
  const loading = ref(false);
  const tab = ref('applicants');
  const isBureau = computed(() => session.user?.role === 'bureau');
  const isSchool = computed(() => !!session.user?.schoolId);
  const canEdit = computed(() => !!round.value?.canEdit && round.value.status === 'open');
  const list = useApplicantList(round);

  async function loadRounds(select?: number) {
    rounds.value = await listRounds();
    const wanted = select ?? (Number(route.query.round) || null);
    const pick = rounds.value.find((r) => r.id === wanted) ?? rounds.value[0] ?? null;
    roundId.value = pick?.id ?? null;
  }

  async function loadRound() {
    if (roundId.value === null) {
      round.value = null;
      results.value = null;
      return;
    }
    loading.value = true;
    try {
      round.value = await getRound(roundId.value);
      results.value = round.value.status === 'admitted' ? await roundResults(roundId.value) : null;
      if (round.value.status === 'admitted' && !isBureau.value) tab.value = 'results';
      await list.load();
    } catch (e) {
      ElMessage.error(messageOf(e));
    } finally {
      loading.value = false;
    }
  }

  watch(roundId, (id, before) => {
    if (id !== null && Number(route.query.round) !== id)
      router.replace({ query: { ...route.query, round: String(id) } });
    if (id !== null) list.state.round = String(id);
    // Another round's list starts on its first page; the first one opens on the address's page.
    if (before !== null) list.state.page = 1;
    void loadRound();
  });

  onMounted(async () => {
    try {
      await loadRounds();
      if (roundId.value === null) loading.value = false;
    } catch (e) {
      ElMessage.error(messageOf(e));
    }
  });

  /** The round and its list again, after a change to the applicants. */
  async function refreshRound() {
    if (!round.value) return;
    round.value = await getRound(round.value.id);
    await list.load();
  }

  const categoryIndex = (id: string) => round.value?.categories.findIndex((c) => c.id === id) ?? -1;
  const categoryName = (id: string) => round.value?.categories.find((c) => c.id === id)?.name ?? id;
  const schoolName = (id: string) => round.value?.schools.find((s) => s.schoolId === id)?.schoolName ?? id;

  return reactive({
    rounds,
    roundId,
    round,
    results,
    loading,
    tab,
    isBureau,
    isSchool,
    canEdit,
    list,
    loadRounds,
    refreshRound,
    categoryIndex,
    categoryName,
    schoolName,
  });
}

export type AdmissionRound = ReturnType<typeof useAdmissionRound>;
