import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig, type Plugin } from 'vite';

/** core's source files, which the web imports directly (the alias below). */
const CORE_SOURCE = /[\\/]packages[\\/]core[\\/]src[\\/]/;

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
 * Vendor chunks. Element Plus is not given one: each page imports the components (and their
 * styles) it uses, so rollup puts what the public pages share in small chunks and the admin-only
 * components (table filters, upload, dialogs, steps…) load with the admin pages — a phone opening
 * /public does not download the clerk's tools. ECharts is left to rollup too: what charts.ts
 * registers becomes one chunk loaded (dynamically) by pages with charts, and what only the zoning
 * map uses (geo, lines, scatter) stays with that page.
 */
function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (id.includes('/zrender/') || id.includes('/echarts/') || id.includes('/vue-echarts/')) return undefined;
  if (id.includes('/element-plus/') || id.includes('/@element-plus/')) return undefined;
  if (id.includes('/@vue/') || id.includes('/vue/') || id.includes('/vue-router/')) return 'vue';
  return undefined;
}

/**
 * Element Plus on demand: every <el-…> tag and the v-loading directive in a template become an
 * import of that component and its stylesheet (the resolver Element Plus documents), instead of a
 * hand-kept registration list and the whole 360 kB stylesheet. No declaration file is written:
 * the build must not change tracked files; the types come from element-plus/global (env.d.ts).
 */
const elementPlusOnDemand = Components({
  resolvers: [ElementPlusResolver({ importStyle: 'css' })],
  dts: false,
  dirs: [],
});

export default defineConfig({
  base: '/',
  plugins: [vue(), elementPlusOnDemand, precompress()],
  // vue-i18n's build flags: the composition API only (no legacy API, no global <i18n-t>/v-t), no
  // devtools in production, and no message compiler: the catalogue's one syntax, `{name}`, is read
  // by core's formatMessage (shared/i18n.ts formatCompiler), as on the server and in the CLI —
  // 17 kB less for the public page's phone budget (e2e/transfer.test.ts).
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
  },
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
    rollupOptions: {
      output: { manualChunks },
      // Core is pure (no I/O, no globals, no import for its effect: docs/architecture.md), so a
      // module of it whose exports a page does not use is left out whole — also its top-level
      // tables (the message catalogue of the server and the CLI, the county items of the
      // standards), which rollup would otherwise keep in case building them had an effect.
      treeshake: { moduleSideEffects: (id) => !CORE_SOURCE.test(id) },
    },
  },
});
