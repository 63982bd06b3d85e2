/**
 * @module 公示's page state: the counties, the county and year chosen (kept in the address bar), the
 * published result of that year, the standard its coefficient charts show, and the county's 电脑派位
 * list — each fetched once per choice (the first load and the watchers see the same change).
 */
import { computed, onMounted, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { messageOf } from '../../api/client';
import type { PublicDraw } from '../../api/lottery';
import type { PublicCounty, PublicResult } from '../../api/public';
import { fetchPublicCounties, fetchPublicResult } from '../../api/public';
import { fetchPublicDraws } from '../../api/publicAdmission';
import { qs } from '../../shared/listQuery';

export function usePublicPage() {
  const route = useRoute();
  const router = useRouter();
  const counties = ref<PublicCounty[]>([]);
  const code = ref(qs(route.query.county));
  const year = ref<number | null>(Number(qs(route.query.year)) || null);
  const result = ref<PublicResult | null>(null);
  const loading = ref(false);
  const error = ref('');
  const standard = ref<'quality' | 'basic'>('quality');
  const draws = usePublicDraws(() => code.value);

  const county = computed(() => counties.value.find((c) => c.code === code.value) ?? null);
  const years = computed(() => [...(county.value?.years ?? [])].sort((a, b) => b - a));

  async function loadCounties() {
    try {
      counties.value = await fetchPublicCounties();
      if (!county.value && counties.value.length > 0) code.value = counties.value[0].code;
      if (year.value === null || !years.value.includes(year.value)) year.value = years.value[0] ?? null;
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  /**
   * The county and year last loaded: the first load picks them, and the watchers below see that
   * same change — without this the page fetched everything twice, 75 kB more for a phone.
   */
  let resultLoaded = '';

  async function loadResult() {
    if (!code.value || year.value === null) {
      result.value = null;
      return;
    }
    const key = `${code.value}/${year.value}`;
    if (key === resultLoaded) return;
    resultLoaded = key;
    loading.value = true;
    error.value = '';
    try {
      result.value = await fetchPublicResult(code.value, year.value);
      const hasQ = result.value.coefficients.some((c) => c.standard === 'quality');
      standard.value = hasQ ? 'quality' : 'basic';
    } catch (e) {
      error.value = messageOf(e);
      result.value = null;
      resultLoaded = '';
    } finally {
      loading.value = false;
    }
    void router.replace({ query: { county: code.value, year: String(year.value) } });
  }

  onMounted(async () => {
    await loadCounties();
    await Promise.all([loadResult(), draws.load()]);
  });
  watch(code, (now, before) => {
    if (before !== undefined && now !== before) void draws.load();
  });
  watch(code, () => {
    if (year.value === null || !years.value.includes(year.value)) year.value = years.value[0] ?? null;
  });
  watch([code, year], (now, before) => {
    if (before[0] !== undefined && (now[0] !== before[0] || now[1] !== before[1])) void loadResult();
  });

  return reactive({ counties, code, year, years, result, loading, error, standard, draws });
}

/** Draws listed before “显示全部”. */
export const DRAWS_SHOWN = 5;

/** The county's 电脑派位 (its public list), fetched once per county. */
function usePublicDraws(code: () => string) {
  const list = ref<PublicDraw[]>([]);
  const error = ref('');
  const all = ref(false);
  const shown = computed(() => (all.value ? list.value : list.value.slice(0, DRAWS_SHOWN)));
  let loaded = '';

  async function load() {
    const c = code();
    if (c && c === loaded) return;
    error.value = '';
    all.value = false;
    if (!c) {
      list.value = [];
      return;
    }
    loaded = c;
    try {
      list.value = await fetchPublicDraws(c);
    } catch (e) {
      list.value = [];
      error.value = messageOf(e);
      loaded = '';
    }
  }

  return reactive({ list, error, all, shown, load });
}

export type PublicPageState = ReturnType<typeof usePublicPage>;
export type PublicDraws = PublicPageState['draws'];
