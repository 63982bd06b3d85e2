/**
 * @module 均衡分班's page state, shared by its cards: the school worked on (a school user's own, or
 * the one the bureau picks), its placements of the year, the placement open with its head-teacher
 * table, the class count and seed of the next run, the head teachers being typed, the import's
 * error rows, and the loads that keep them current.
 */

import type { Issue } from '@junheng/core';
import { computed, onMounted, reactive, ref, watch } from 'vue';
import {
  getPlacement,
  type HeadTeacherTable,
  headTeachers,
  listPlacements,
  type PlacementSummary,
  type PlacementView,
} from '../../../api/classes';
import { messageOf } from '../../../api/client';
import { fetchSchool, type SchoolListItem } from '../../../api/schools';
import { session } from '../../../shared/session';
import { ElMessage } from '../../../shared/ui';

export function useClassPlacement() {
  const isSchoolUser = computed(() => !!session.user?.schoolId);
  const schoolId = ref<string | null>(session.user?.schoolId ?? null);
  const schoolName = ref<string>(session.user?.schoolName ?? '');
  const schoolStages = ref<('primary' | 'junior')[]>([]);
  /** The 学段 a new placement takes when the school has one only ('' while it has two). */
  const stage = ref<'' | 'primary' | 'junior'>('');

  const list = ref<PlacementSummary[]>([]);
  const current = ref<PlacementView | null>(null);
  const teachersTable = ref<HeadTeacherTable | null>(null);
  const loading = ref(false);
  const error = ref('');
  /** The rows of a refused 新生名单 import. */
  const issues = ref<Issue[]>([]);
  /** The next run's class count and seed (the open placement's to start with). */
  const runCount = ref(4);
  const runSeed = ref('');
  /** The head teachers being typed for the draw, one a line. */
  const teacherText = ref('');

  async function loadList() {
    loading.value = true;
    error.value = '';
    try {
      list.value = await listPlacements(session.year, schoolId.value ?? undefined);
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loading.value = false;
    }
  }

  async function open(id: number) {
    loading.value = true;
    try {
      current.value = await getPlacement(id);
      runCount.value = current.value.classCount;
      runSeed.value = current.value.seed;
      teachersTable.value = await headTeachers(id);
      issues.value = [];
    } catch (e) {
      ElMessage.error(messageOf(e));
    } finally {
      loading.value = false;
    }
  }

  /** A placement just made: open it and list it. */
  async function afterCreate(p: PlacementView) {
    current.value = p;
    runCount.value = p.classCount;
    runSeed.value = p.seed;
    teachersTable.value = null;
    await loadList();
  }

  function onPick(s: Pick<SchoolListItem, 'name' | 'stages'>) {
    schoolName.value = s.name;
    schoolStages.value = s.stages.filter((x): x is 'primary' | 'junior' => x === 'primary' || x === 'junior');
    stage.value = schoolStages.value.length === 1 ? schoolStages.value[0]! : '';
    current.value = null;
    void loadList();
  }

  async function loadOwnSchool() {
    if (!isSchoolUser.value || !schoolId.value) return;
    try {
      const s = await fetchSchool(schoolId.value, session.year);
      onPick(s);
    } catch {
      void loadList();
    }
  }

  watch(schoolId, (v) => {
    if (v || isSchoolUser.value) return;
    schoolName.value = '';
    schoolStages.value = [];
    current.value = null;
    void loadList();
  });

  watch(
    () => session.year,
    () => {
      current.value = null;
      void loadList();
    },
  );

  onMounted(() => {
    if (isSchoolUser.value) void loadOwnSchool();
    else void loadList();
  });

  return reactive({
    isSchoolUser,
    schoolId,
    schoolName,
    schoolStages,
    stage,
    list,
    current,
    teachersTable,
    loading,
    error,
    issues,
    runCount,
    runSeed,
    teacherText,
    loadList,
    open,
    afterCreate,
    onPick,
  });
}

export type ClassPlacement = ReturnType<typeof useClassPlacement>;
