import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** Vendor chunks: Element Plus and ECharts are large and change rarely, so they get chunks of their own. */
function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (id.includes('/zrender/')) return 'echarts';
  if (id.includes('/echarts/') || id.includes('/vue-echarts/')) return 'echarts';
  if (id.includes('/element-plus/') || id.includes('/@element-plus/')) return 'element-plus';
  if (id.includes('/@floating-ui/') || id.includes('/@popperjs/') || id.includes('/async-validator/')) {
    return 'element-plus';
  }
  if (id.includes('/dayjs/') || id.includes('/lodash') || id.includes('/@vueuse/')) return 'element-plus';
  if (id.includes('/@vue/') || id.includes('/vue/') || id.includes('/vue-router/')) return 'vue';
  return 'vendor';
}

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: {
      // Types and pure constants (Chinese names, field rules) come straight from core's source.
      '@junheng/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.JUNHENG_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: process.env.JUNHENG_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 650,
    rollupOptions: { output: { manualChunks } },
  },
});
