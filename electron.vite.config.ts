import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'electron-vite';

// One build for all three faces: the Electron main (index), the plain-Node server (headless),
// the sandboxed preload and the dashboard that both the kiosk window and remote browsers load.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          headless: resolve(__dirname, 'src/core/headless.ts'),
          // The object-label worker thread runs its own bundle (src/core/labels/label-worker.ts).
          'label-worker': resolve(__dirname, 'src/core/labels/label-worker-main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [preact()],
    build: {
      // electron-vite leaves bundles unminified; the dashboard also loads on phones over Wi-Fi.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
