import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  // The renderer folder wherever vite is started from (Vite substitutes it when it bundles this config).
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Loaded from the local disk by an offline desktop app: one larger chunk costs nothing.
    chunkSizeWarningLimit: 2500,
    // No inline <script> or data: module preloads, so the CSP's script-src 'self' holds.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
