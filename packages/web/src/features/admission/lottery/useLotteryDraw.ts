/**
 * @module 派位详情's page state, shared by its cards: the draw of the address (/admission/lottery/:id),
 * loaded again when the address names another, whether it is drawn, and its public page.
 */
import { computed, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { messageOf } from '../../../api/client';
import { type Draw, fetchDraw } from '../../../api/lottery';

export function useLotteryDraw() {
  const route = useRoute();
  const id = computed(() => Number(route.params.id));
  const draw = ref<Draw | null>(null);
  const loading = ref(false);
  const error = ref('');

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      draw.value = await fetchDraw(id.value);
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loading.value = false;
    }
  }
  watch(id, load, { immediate: true });

  const drawn = computed(() => draw.value?.status === 'drawn');
  const publicPath = computed(() => `/public/lottery/${id.value}`);

  return reactive({ id, draw, loading, error, load, drawn, publicPath });
}

export type LotteryDraw = ReturnType<typeof useLotteryDraw>;
