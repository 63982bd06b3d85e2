/**
 * @module 划片's page state, shared by its cards and dialogs: the plan year and 学段, the county's
 * zoning data, the assignment being worked on (where it came from, the saved plan it belongs to,
 * unsaved or not), its evaluation and comparison with the current zones (core, in the browser),
 * the area picked for hand adjustment, and the changes that keep all of it consistent.
 */
import {
  compareZonings,
  evaluateZoning,
  STAGE_NAMES,
  type Stage,
  type ZoningComparison,
  type ZoningEvaluation,
} from '@junheng/core';
import { computed, type Ref, reactive, ref, shallowRef, watch } from 'vue';
import { messageOf } from '../../../api/client';
import { downloadFile } from '../../../api/download';
import {
  fetchZoning,
  type PlanSource,
  type SolverInfo,
  type ZoningData,
  type ZoningPlanSummary,
} from '../../../api/zoning';
import { ElMessageBox } from '../../../shared/messageBox';
import { t } from '../../../shared/messages';
import { session } from '../../../shared/session';
import { ElMessage } from '../../../shared/ui';
import { schoolColors, stageProblem } from './zoningView';

/** The glossary's 学段 names (core), under the name the zoning components import. */
export { STAGE_NAMES };
export const SOURCE_NAMES: Record<PlanSource, string> = {
  solver: '求解',
  hand: '手动调整',
  current: '现行划片',
};
export const STATUS_NAMES = { draft: '草稿', published: '已公示', withdrawn: '已被取代' } as const;

export function useZoningPlan() {
  const planYear = ref(session.year + 1);
  const yearChoices = computed(() => [session.year, session.year + 1, session.year + 2]);
  const stage = ref<Stage>('primary');
  const data = shallowRef<ZoningData | null>(null);
  const loading = ref(false);
  const loadError = ref('');

  const w = useWorkingPlan();
  const { working, source, solverInfo, plan, dirty, solved } = w;
  const canEdit = computed(() => data.value?.canEdit === true);
  const ev = useZoningEvaluation(data, stage, working);
  const adjust = useAreaAdjust(working, source, dirty, canEdit);
  const plans = computed(() => (data.value?.plans ?? []).filter((p) => p.stage === stage.value));
  const published = computed(() => plans.value.find((p) => p.status === 'published') ?? null);

  function startFromCurrent() {
    working.value = { ...(ev.sp.value?.current ?? {}) };
    source.value = 'current';
    solverInfo.value = null;
    solved.value = null;
    plan.value = null;
    dirty.value = false;
    adjust.selectedArea.value = null;
  }

  async function load() {
    loading.value = true;
    loadError.value = '';
    try {
      data.value = await fetchZoning(planYear.value);
      startFromCurrent();
    } catch (e) {
      loadError.value = messageOf(e);
      data.value = null;
    } finally {
      loading.value = false;
    }
  }
  void load();
  const confirmDiscard = () => confirmDiscardIf(dirty.value);
  /** Switching year or stage drops the working plan: ask first when it has unsaved changes. */
  let reverting = false;
  watch([planYear, stage], async ([y], [oldYear, oldStage]) => {
    if (reverting) {
      reverting = false;
      return;
    }
    if (!(await confirmDiscard())) {
      reverting = true;
      planYear.value = oldYear;
      stage.value = oldStage;
      return;
    }
    if (y !== oldYear) await load();
    else startFromCurrent();
  });

  /** The saved plans again (after a save or publish). */
  async function refreshPlans() {
    const fresh = await fetchZoning(planYear.value);
    if (data.value) data.value = { ...data.value, plans: fresh.plans };
  }

  const nameOf = (id: string | null) => (id === null ? '未划片' : (ev.schoolName.value.get(id) ?? id));

  return reactive({
    ...w,
    ...ev,
    ...adjust,
    planYear,
    yearChoices,
    stage,
    data,
    loading,
    loadError,
    canEdit,
    plans,
    published,
    startFromCurrent,
    load,
    confirmDiscard,
    refreshPlans,
    download: (kind: DownloadKind) => downloadZoning(kind, planYear.value, plan.value?.id ?? null),
    nameOf,
  });
}

/** The assignment being worked on, where it came from, and the saved plan it belongs to. */
function useWorkingPlan() {
  /** Area id → school id. */
  const working = ref<Record<string, string>>({});
  const source = ref<PlanSource>('current');
  const solverInfo = ref<SolverInfo | null>(null);
  /** The saved plan the working assignment belongs to (null: not saved). */
  const plan = ref<{
    id: number;
    version: number;
    title: string;
    status: ZoningPlanSummary['status'];
  } | null>(null);
  const dirty = ref(false);
  /** The assignment the last solve returned, to list what was adjusted by hand afterwards. */
  const solved = ref<Record<string, string> | null>(null);
  /** What the last solve or opened plan wants the user to know. */
  const solveNotes = ref<string[]>([]);

  const handChanges = computed(() => {
    const base = solved.value;
    if (!base) return 0;
    return Object.keys(working.value).filter((k) => base[k] !== working.value[k]).length;
  });
  const sourceLabel = computed(() => {
    const base = plan.value
      ? `${plan.value.title}（${STATUS_NAMES[plan.value.status]}）`
      : SOURCE_NAMES[source.value];
    return dirty.value ? `${base} · 未保存` : base;
  });
  return { working, source, solverInfo, plan, dirty, solved, solveNotes, handChanges, sourceLabel };
}

/** Unsaved changes are dropped only when the user says so. */
async function confirmDiscardIf(dirty: boolean): Promise<boolean> {
  if (!dirty) return true;
  try {
    await ElMessageBox.confirm(t('web.zoning.discardConfirm'), t('web.zoning.discardTitle'), {
      confirmButtonText: '放弃修改',
      cancelButtonText: '取消',
      type: 'warning',
    });
    return true;
  } catch {
    return false;
  }
}

type DownloadKind = 'xlsx' | 'geojson' | 'areas';

/** The areas table of the year, or the saved plan as Excel or GeoJSON. */
async function downloadZoning(kind: DownloadKind, year: number, planId: number | null) {
  try {
    if (kind === 'areas') {
      await downloadFile('/api/zoning/areas/template.xlsx', { year }, '小区村.xlsx');
    } else if (planId !== null) {
      await downloadFile(`/api/zoning/plans/${planId}/export.${kind}`, undefined, `划片方案.${kind}`);
    }
  } catch (e) {
    ElMessage.error(messageOf(e));
  }
}

/** The working assignment's figures (core evaluateZoning) and its comparison with the current zones. */
function useZoningEvaluation(
  data: Ref<ZoningData | null>,
  stage: Ref<Stage>,
  working: Ref<Record<string, string>>,
) {
  const sp = computed(() => (data.value ? stageProblem(data.value, stage.value) : null));
  const colors = computed(() => schoolColors(sp.value?.problem.schools ?? []));
  const schoolName = computed(() => new Map((sp.value?.problem.schools ?? []).map((s) => [s.id, s.name])));
  const areaRow = computed(() => new Map((data.value?.areas ?? []).map((a) => [a.id, a])));
  const hasCurrent = computed(() => Object.keys(sp.value?.current ?? {}).length > 0);

  const evalResult = computed<{ ev: ZoningEvaluation | null; error: string }>(() => {
    if (!sp.value || sp.value.problem.schools.length === 0) return { ev: null, error: '' };
    try {
      return { ev: evaluateZoning(sp.value.problem, working.value), error: '' };
    } catch (e) {
      return { ev: null, error: messageOf(e) };
    }
  });
  const evaluation = computed(() => evalResult.value.ev);
  const evalError = computed(() => evalResult.value.error);
  const currentEvaluation = computed<ZoningEvaluation | null>(() => {
    if (!sp.value || !hasCurrent.value || sp.value.problem.schools.length === 0) return null;
    try {
      return evaluateZoning(sp.value.problem, sp.value.current);
    } catch {
      return null;
    }
  });
  const comparison = computed<ZoningComparison | null>(() =>
    evaluation.value && currentEvaluation.value
      ? compareZonings(currentEvaluation.value, evaluation.value)
      : null,
  );
  const totals = computed(() => evaluation.value?.totals ?? null);
  return { sp, colors, schoolName, areaRow, hasCurrent, evaluation, evalError, comparison, totals };
}

/** Hand adjustment: the area picked (map, comparison or table) and the school it moves to. */
function useAreaAdjust(
  working: Ref<Record<string, string>>,
  source: Ref<PlanSource>,
  dirty: Ref<boolean>,
  canEdit: Ref<boolean>,
) {
  const selectedArea = ref<string | null>(null);
  const pickSchool = ref('');
  const adjustOpen = ref(false);

  /** An area picked on the map or in a list: the adjustment dialog (for those who may edit). */
  function openAdjust(areaId: string) {
    selectedArea.value = areaId;
    pickSchool.value = working.value[areaId] ?? '';
    adjustOpen.value = canEdit.value;
  }

  function assign(areaId: string, schoolId: string) {
    if (!schoolId || working.value[areaId] === schoolId) return;
    working.value = { ...working.value, [areaId]: schoolId };
    if (source.value !== 'hand') source.value = 'hand';
    dirty.value = true;
  }

  return { selectedArea, pickSchool, adjustOpen, openAdjust, assign };
}

export type ZoningPlan = ReturnType<typeof useZoningPlan>;
