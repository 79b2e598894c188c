import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/vite/precompress.ts';
import { routePreloads } from './scripts/vite/route-preloads.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

// The browser UI: a single-page application in src/web, built into dist/web, which the
// Fastify server serves (with index.html as fallback for client-side routes).
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  plugins: [
    react(),
    // Pages whose code the server announces with the HTML (ADR 0018): the atlas pages with their map.
    routePreloads({
      '/atlas': ['pages/atlas/AtlasPage.tsx', 'atlas/AtlasMap.tsx'],
      '/atlas/index': ['pages/atlas/CompositeIndexPage.tsx', 'atlas/AtlasMap.tsx'],
      '/angebote': ['pages/services/ServiceMapPage.tsx'],
    }),
    precompress(),
  ],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Keep the CSP (script-src 'self') intact: no inline scripts or data: URLs for modules.
    assetsInlineLimit: 0,
    // MapLibre (about 1 MB minified) is one chunk loaded only by the atlas map; the
    // initial bundle stays small (see docs/performance.md), so the default 500 kB warning is noise.
    chunkSizeWarningLimit: 1100,
    // The pre-compression (brotli and gzip of every asset) is most of the build by design.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `npx vite` for UI work: API requests go to a running `npm run dev` (port 3000).
    proxy: { '/api': 'http://localhost:3000' },
  },
});
