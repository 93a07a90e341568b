import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { unusedStyles } from './build/unusedStyles.ts';

// The build lands in the gateway's classpath (static/), which serves it: the session cookie and the
// login belong to the gateway's origin, so the application is always used through the gateway.
/**
 * The early script (src/start/early.ts) is an entry of its own, not part of the page's one script: it must run as
 * soon as its few kilobytes arrive, not after the whole application has loaded. Its hashed name goes into the page here.
 */
function earlyScript(): Plugin {
  return {
    name: 'mcu-early-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const early = Object.values(context.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early');
        if (!early) throw new Error('the early script (src/start/early.ts) is missing from the build');
        return [{ tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${early.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * Every script, style and page is written compressed too (.br, .gz): the gateway serves those as they are
 * instead of compressing 1.5 MB on each first visit, on the same two cores the browser and the services use.
 */
function precompressed(): Plugin {
  return {
    name: 'mcu-precompressed',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const source = output.type === 'chunk' ? output.code : output.source;
        if (source.length < 1024) continue;
        const path = join(options.dir!, fileName);
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), unusedStyles(), earlyScript(), precompressed()],
  build: {
    outDir: '../../../target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { index: 'index.html', early: 'src/start/early.ts' },
      output: {
        // React changes less often than our screens; its chunk stays cached across releases. Ant Design is
        // left to the bundler, so components only the lazily loaded screens use come with those screens.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts';
          if (id.includes('node_modules/maplibre-gl')) return 'map';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          // The early script's few kilobytes (start/ and the API client it needs) must not wait on the application's chunk.
          if (/\/src\/(start|api)\/|\/src\/queue\/query\.ts|node_modules\/openapi-fetch/.test(id)) return 'start';
          return undefined;
        },
      },
    },
  },
});
