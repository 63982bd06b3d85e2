/**
 * @module Entry: the router, the 401 handler and the words: the province's overrides of the web's
 * messages are fetched before mounting (shared/messages.ts), and vue-i18n (shared/i18n.ts) is
 * installed with the first signed-in page — the public pages do without it. Element Plus
 * components are imported by the templates that use them (vite.config.ts), zh-CN through App.vue's
 * config provider.
 */
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { onUnauthenticated } from './api/client';
import { fetchMessageOverrides } from './api/meta';
import { router, toLogin } from './router';
import { loadMessageOverrides } from './shared/messages';
import { clearSession } from './shared/session';

onUnauthenticated(() => {
  clearSession();
  toLogin();
});

const app = createApp(App);

// vue-i18n for the signed-in pages' components, loaded once before the first of them opens (a
// failed load aborts that navigation, as a page's own chunk would, and is tried again next time).
let i18nInstalled: Promise<void> | null = null;
router.beforeEach(async (to) => {
  if (to.meta.public) return;
  i18nInstalled ??= import('./shared/i18n').then(
    ({ i18n }) => void app.use(i18n),
    (e: unknown) => {
      i18nInstalled = null;
      throw e;
    },
  );
  await i18nInstalled;
});

// Installing the router starts the first navigation (and its session check) at once, in parallel
// with the overrides' request; the app mounts when the words are settled.
app.use(router);
void loadMessageOverrides(fetchMessageOverrides).then(() => app.mount('#app'));
