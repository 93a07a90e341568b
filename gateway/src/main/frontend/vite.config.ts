import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands in the gateway's classpath (static/), which serves it: the session cookie and the
// login belong to the gateway's origin, so the application is always used through the gateway.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../../../target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // React changes less often than our screens; its chunk stays cached across releases. Ant Design is
        // left to the bundler, so components only the lazily loaded screens use come with those screens.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts';
          if (id.includes('node_modules/maplibre-gl')) return 'map';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
});
