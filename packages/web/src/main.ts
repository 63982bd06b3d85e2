/**
 * @module Entry: the router and the 401 handler. Element Plus components are imported by the
 * templates that use them (vite.config.ts), zh-CN through App.vue's config provider.
 */
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { onUnauthenticated } from './api/client';
import { router, toLogin } from './router';
import { clearSession } from './shared/session';

onUnauthenticated(() => {
  clearSession();
  toLogin();
});

createApp(App).use(router).mount('#app');
