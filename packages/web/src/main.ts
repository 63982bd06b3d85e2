/** @module Entry: Element Plus (zh-CN via App.vue), the router, and the 401 handler. */
import 'element-plus/dist/index.css';
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { onUnauthenticated } from './api/client';
import { elementPlus } from './elementPlus';
import { router, toLogin } from './router';
import { clearSession } from './session';

onUnauthenticated(() => {
  clearSession();
  toLogin();
});

createApp(App).use(elementPlus).use(router).mount('#app');
