import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app, built by the root `npm run build` into dist/web and served by the API at /app
 * (apps/api/src/web-app). JSX is compiled by Vite's own transformer (tsconfig: react-jsx).
 */
export default defineConfig({
  root,
  base: '/app/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    reportCompressedSize: false,
    // The budget that matters is the 250 kB gzipped for the initial script (checked by the browser tests).
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // React libraries mark their modules "use client" (for server components); a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
