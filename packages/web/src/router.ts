/**
 * @module Routes. Pages load on demand. Every admin page names its menu entry (`meta.menu`); the
 * guard sends a user who may not open it to their home page. /login and /public need no login.
 */

import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import type { MenuKey } from './shared/menu';
import { canOpen, homePath } from './shared/menu';
import { t } from './shared/messages';
import { restoreSession, session } from './shared/session';
import { ElMessage } from './shared/ui';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without login, outside the admin layout. */
    public?: boolean;
    /** The menu entry a page belongs to (its access follows the entry's). */
    menu?: MenuKey;
    /** Page title (browser tab and top bar). */
    title?: string;
  }
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./features/accounts/LoginPage.vue'),
      meta: { public: true, title: '登录' },
    },
    {
      path: '/public',
      name: 'public',
      component: () => import('./features/public/PublicPage.vue'),
      meta: { public: true, title: '均衡发展结果公示' },
    },
    {
      path: '/public/lottery/:id(\\d+)',
      name: 'publicLottery',
      component: () => import('./features/public/PublicLotteryPage.vue'),
      meta: { public: true, title: '电脑派位结果核验' },
    },
    {
      path: '/public/zoning',
      name: 'publicZoning',
      component: () => import('./features/public/PublicZoningPage.vue'),
      meta: { public: true, title: '划片查询（就近入学）' },
    },
    {
      path: '/',
      component: () => import('./shared/AppLayout.vue'),
      children: [
        {
          path: '',
          name: 'dashboard',
          component: () => import('./features/evaluation/DashboardPage.vue'),
          meta: { menu: 'dashboard', title: '首页' },
        },
        {
          path: 'schools',
          name: 'schools',
          component: () => import('./features/schools/SchoolsPage.vue'),
          meta: { menu: 'schools', title: '学校列表' },
        },
        {
          path: 'schools/:id',
          name: 'school',
          component: () => import('./features/schools/SchoolDetailPage.vue'),
          meta: { menu: 'schools', title: '学校详情' },
        },
        {
          path: 'fill',
          name: 'fill',
          component: () => import('./features/reporting/FillPage.vue'),
          meta: { menu: 'fill', title: '数据填报' },
        },
        {
          path: 'reports/:schoolId/:year(\\d{4})/:stage(primary|junior)',
          name: 'report',
          component: () => import('./features/reporting/ReportPage.vue'),
          meta: { title: '数据填报' },
        },
        {
          path: 'review',
          name: 'review',
          component: () => import('./features/reporting/ReviewPage.vue'),
          meta: { menu: 'review', title: '审核' },
        },
        {
          path: 'review/:schoolId/:year(\\d{4})/:stage(primary|junior)',
          name: 'reviewReport',
          component: () => import('./features/reporting/ReviewDetailPage.vue'),
          meta: { menu: 'review', title: '审核报表' },
        },
        {
          path: 'county-inputs',
          name: 'countyInputs',
          component: () => import('./features/reporting/CountyInputsPage.vue'),
          meta: { menu: 'countyInputs', title: '县级指标' },
        },
        {
          path: 'evaluations',
          name: 'evaluations',
          component: () => import('./features/evaluation/EvaluationsPage.vue'),
          meta: { menu: 'evaluations', title: '督导评估' },
        },
        {
          path: 'evaluations/:id(\\d+)',
          name: 'evaluation',
          component: () => import('./features/evaluation/EvaluationDetailPage.vue'),
          meta: { menu: 'evaluations', title: '评估结果' },
        },
        {
          path: 'plans',
          name: 'plans',
          component: () => import('./features/evaluation/PlansPage.vue'),
          meta: { menu: 'plans', title: '一校一策' },
        },
        {
          path: 'plans/:schoolId',
          name: 'plan',
          component: () => import('./features/evaluation/PlanDetailPage.vue'),
          meta: { menu: 'plans', title: '一校一策' },
        },
        {
          path: 'admission/zoning',
          name: 'zoning',
          component: () => import('./features/admission/zoning/ZoningPage.vue'),
          meta: { menu: 'zoning', title: '划片' },
        },
        {
          path: 'admission/applicants',
          name: 'applicants',
          component: () => import('./features/admission/rounds/ApplicantsPage.vue'),
          meta: { menu: 'applicants', title: '招生申请' },
        },
        {
          path: 'admission/lottery',
          name: 'lottery',
          component: () => import('./features/admission/lottery/LotteryPage.vue'),
          meta: { menu: 'lottery', title: '电脑派位' },
        },
        {
          path: 'admission/lottery/:id(\\d+)',
          name: 'lotteryDraw',
          component: () => import('./features/admission/lottery/LotteryDrawPage.vue'),
          meta: { menu: 'lottery', title: '派位详情' },
        },
        {
          path: 'admission/classes',
          name: 'classes',
          component: () => import('./features/admission/classes/ClassesPage.vue'),
          meta: { menu: 'classes', title: '均衡分班' },
        },
        {
          path: 'admission/quota',
          name: 'quota',
          component: () => import('./features/admission/quota/QuotaPage.vue'),
          meta: { menu: 'quota', title: '指标到校' },
        },
        {
          path: 'users',
          name: 'users',
          component: () => import('./features/accounts/UsersPage.vue'),
          meta: { menu: 'users', title: '用户管理' },
        },
        {
          path: 'audit',
          name: 'audit',
          component: () => import('./features/audit/AuditPage.vue'),
          meta: { menu: 'audit', title: '审计日志' },
        },
        {
          path: ':pathMatch(.*)*',
          name: 'notFound',
          component: () => import('./shared/NotFoundPage.vue'),
          meta: { title: '页面不存在' },
        },
      ],
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to: RouteLocationNormalized) => {
  // The public page needs no session: it does not even ask for one.
  if (to.name === 'public' || to.name === 'publicLottery' || to.name === 'publicZoning') return true;
  if (!session.checked) {
    try {
      await restoreSession();
    } catch {
      // server unreachable: a protected page will send the user to the login page
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return homePath(session.user);
    return true;
  }
  if (!session.user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  const key = to.meta.menu;
  if (key && !canOpen(session.user, key)) {
    const home = homePath(session.user);
    if (to.path !== '/') ElMessage.warning(t('web.shared.noPermission'));
    return home === to.path ? '/public' : home;
  }
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 均衡` : '均衡';
});

/** After the session ended elsewhere: back to the login page, then to where the user was. */
export function toLogin(): void {
  const current = router.currentRoute.value;
  if (current.meta.public) return;
  void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
}
