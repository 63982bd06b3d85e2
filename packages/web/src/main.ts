/**
 * @module Entry: the router, the 401 handler and the words (vue-i18n over core's catalogue, with the
 * province's overrides fetched before mounting: shared/i18n.ts). Element Plus components are
 * imported by the templates that use them (vite.config.ts), zh-CN through App.vue's config provider.
 */
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { onUnauthenticated } from './api/client';
import { fetchMessageOverrides } from './api/meta';
import { router, toLogin } from './router';
import { i18n, loadMessageOverrides } from './shared/i18n';
import { clearSession } from './shared/session';

onUnauthenticated(() => {
  clearSession();
  toLogin();
});

// Installing the router starts the first navigation (and its session check) at once, in parallel
// with the overrides' request; the app mounts when the words are settled.
const app = createApp(App).use(i18n).use(router);
void loadMessageOverrides(fetchMessageOverrides).then(() => app.mount('#app'));
