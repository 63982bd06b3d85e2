/**
 * @module One list page's state: filters, page, size and sort kept in the address bar (so a list
 * can be bookmarked and the back button returns to it), the rows of the current page and their
 * total, loading and the error; search (back to page 1), a debounced search while typing, and the
 * table's sort. Every list page (学校, 审核, 用户, 审计) uses it with the shared pager (ListPager.vue).
 */

import { reactive, ref, type UnwrapRef } from 'vue';
import { onBeforeRouteLeave, useRoute, useRouter } from 'vue-router';
import { messageOf } from '../api/client';
import { qInt, qs, type SortState, sortFromTable, tableSort, toQuery } from './listQuery';

/** What a list page fetches with: its filters, the page and the sort. */
export type ListQuery<F> = F & { page: number; pageSize: number } & SortState;

export interface ListPageOptions<F extends Record<string, string>, Item> {
  /** The filters and their values when the address bar names none. */
  filters: F;
  /** One page of rows and how many there are in all. */
  fetch: (q: ListQuery<F>) => Promise<{ items: Item[]; total: number }>;
  /** Keep the filters, page and sort in the address bar (default true). */
  inUrl?: boolean;
}

/** Rows per page when the address bar names none, and the largest it may name. */
const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;
/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 350;

export function useListPage<F extends Record<string, string>, Item>(opts: ListPageOptions<F, Item>) {
  const route = useRoute();
  const router = useRouter();
  const inUrl = opts.inUrl ?? true;
  const fromUrl = (key: string, dflt: string) => {
    const v = inUrl ? route.query[key] : undefined;
    return v === undefined ? dflt : qs(v);
  };
  const order = fromUrl('order', '');
  const state = reactive({
    ...(Object.fromEntries(Object.entries(opts.filters).map(([k, v]) => [k, fromUrl(k, v)])) as F),
    page: inUrl ? qInt(route.query.page, 1) : 1,
    pageSize: inUrl ? qInt(route.query.pageSize, PAGE_SIZE, MAX_PAGE_SIZE) : PAGE_SIZE,
    sort: fromUrl('sort', '') || undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
  }) as UnwrapRef<ListQuery<F>>;
  const items = ref<Item[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref('');

  // A search still running when the user opens a row must not replace the address afterwards
  // (that would cancel the navigation and pull them back to the list).
  let leaving = false;
  onBeforeRouteLeave(() => {
    leaving = true;
  });

  async function load(): Promise<void> {
    loading.value = true;
    error.value = '';
    try {
      const page = await opts.fetch({ ...(state as ListQuery<F>) });
      items.value = page.items as UnwrapRef<Item[]>;
      total.value = page.total;
    } catch (e) {
      error.value = messageOf(e);
      items.value = [];
      total.value = 0;
    } finally {
      loading.value = false;
    }
    if (inUrl && !leaving) {
      void router.replace({
        query: toQuery({ ...(state as ListQuery<F>) }, { ...opts.filters, page: 1, pageSize: PAGE_SIZE }),
      });
    }
  }

  function search(): void {
    state.page = 1;
    void load();
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  /** A search once typing pauses. */
  function searchSoon(): void {
    clearTimeout(timer);
    timer = setTimeout(search, TYPING_PAUSE_MS);
  }

  /** el-table's sort-change: sort by that column, from page 1. */
  function onSort(e: { prop: string | null; order: string | null }): void {
    const s = sortFromTable(e);
    state.sort = s.sort;
    state.order = s.order;
    search();
  }

  return {
    state,
    items,
    total,
    loading,
    error,
    load,
    search,
    searchSoon,
    onSort,
    defaultSort: tableSort(state),
  };
}

export type ListPage = ReturnType<typeof useListPage<Record<string, string>, unknown>>;
