import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

/** Files worth compressing (text), and the size below which compression gains nothing. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map)$/;
const COMPRESS_FROM_BYTES = 1024;

/**
 * Writes `x.br` and `x.gz` next to every text file of the build, once, at the highest levels: the
 * server (@fastify/static preCompressed) sends them to browsers that accept them, so phones on a
 * slow link download a quarter of the bytes and the server compresses nothing per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'junheng-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' });
      for (const file of files) {
        if (!COMPRESSIBLE.test(file)) continue;
        const path = join(outDir, file);
        const bytes = readFileSync(path);
        if (bytes.length < COMPRESS_FROM_BYTES) continue;
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * Vendor chunks: Element Plus changes rarely, so it gets a chunk of its own. ECharts is left to
 * rollup: what charts.ts registers becomes one chunk loaded (dynamically) by pages with charts, and
 * what only the zoning map uses (geo, lines, scatter) stays with that page, so /public on a phone
 * does not download the map's code.
 */
function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (id.includes('/zrender/') || id.includes('/echarts/') || id.includes('/vue-echarts/')) return undefined;
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
  plugins: [vue(), precompress()],
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
