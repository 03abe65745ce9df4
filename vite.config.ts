import { defineConfig } from 'vite';

// The renderer: one bundle, three faces by route. Relative base so the same
// build is served from app://frontdesk/ and from browser mode's HTTP server.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    reportCompressedSize: false,
    // Nothing inlined as data: URLs, so the strict CSP (font-src 'self') holds.
    assetsInlineLimit: 0,
  },
});
