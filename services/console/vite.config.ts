import { defineConfig } from 'vite';

// The page is built into dist/web, which the console's server serves. `npm run dev:web -w services/console`
// serves it with hot reload, asking a running console (npm start) for /api.
export default defineConfig({
  root: 'src/web',
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 200 },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
