import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands in the gateway's classpath (static/), which serves it; `npm run dev` proxies the
// API and the login to a gateway already running on 127.0.0.1:8080 (./mcu run).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../../../target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Libraries change less often than our screens; separate chunks stay cached across releases.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts';
          if (id.includes('node_modules/maplibre-gl')) return 'map';
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-')) return 'ui';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(['/api', '/oauth2', '/login', '/logout'].map((p) => [p, 'http://127.0.0.1:8080'])),
  },
});
