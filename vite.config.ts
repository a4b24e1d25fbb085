/// <reference types="vitest/config" />
import { defineConfig, type PluginOption } from 'vite';
import prefresh from '@prefresh/vite';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({
  // Relative asset URLs, so the built app works from any path (file server, sub-folder, ...).
  base: './',
  // The code is written against React's API and types; it runs on preact/compat, which is 58 KB gzip
  // smaller than react-dom: that is what lets an embedded lab stay within its 200 KB budget
  // (npm run budgets; docs/ui.md). Prefresh gives `npm start` hot updates that keep the lab's state
  // (React Fast Refresh does not re-render preact). To run on React itself: @vitejs/plugin-react
  // in place of prefresh, and drop the JSX import source and the aliases.
  plugins: [prefresh() as PluginOption, tailwindcss()], // prefresh's types name an older Vite
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    rolldownOptions: {
      // @xyflow/react starts with "use client", which means nothing in a client-only bundle
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
