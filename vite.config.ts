/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { absoluteSiteUrls, contentSecurityPolicy, minifiedEmbedScript, startPartsPreload } from './scripts/vite-plugins.ts';

const SHARED = /\/src\/(engine|scenario)\/|\/src\/store\/lessonGate|\/src\/ui\/(common\/Menu|devices\/(DeviceIcon|useDevices|deviceInfo|vetoEvent|VetoNote))\./;
const LOADED_WITH_FILES_AND_LINKS = /\/src\/scenario\/(parse|jsonText|fileBytes)\.ts$/;
/** zod and the scenario schema with its checks: fetched when the lab is first reached for (worker/runScheduler.ts) */
const SCENARIO_CHECKS = /\/node_modules\/zod\/|\/src\/scenario\/(parseObject|schema|compare|issues|jsonCheck)\.ts$/;
/** what only the Compare view and the lessons use */
const NOT_AT_START = /\/src\/scenario\/(compareVariant|compareWords)\.ts$/;
/** a comparison's checks and text form, with the store's side of it: fetched when a comparison exists or is asked for */
const COMPARISON = /\/src\/(scenario\/comparison|store\/compareStore)\.ts$/;

export default defineConfig({
  // Relative asset URLs, so the built app works from any path (file server, sub-folder, ...).
  base: './',
  // A static app with no routes of its own: an unknown path is a 404 (as on a static host), not index.html.
  appType: 'mpa',
  plugins: [
    // React 19 with Fast Refresh (`npm start` / `npm run dev` keep the lab's state on edit).
    react(),
    tailwindcss(),
    // Offline after the first visit (docs/ui.md, "Offline"): a service worker that stores the app's
    // files. main.tsx registers it (not in embedded frames); the manifest makes the lab installable.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeManifestIcons: false,
      manifest: {
        name: 'PnP Lab — Windows Plug and Play & WIA teaching lab',
        short_name: 'PnP Lab',
        description: 'A visual teaching lab for Windows Plug and Play, KMDF/UMDF driver callbacks, PnP notifications and the WIA scanner transfer loop.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f8fafc',
        theme_color: '#1e3a8a',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png}'],
        // what a host page or a link preview loads, not the lab itself
        globIgnores: ['embed-example.html', 'pnp-lab-embed.js', 'preview/**', 'icons/apple-touch-icon.png'],
        // every query parameter is the lab's own (?lesson=, ?embed=1, …): they all open index.html
        ignoreURLParametersMatching: [/.*/],
        // no single-page fallback: another page (embed-example.html, robots.txt) is itself, online or not
        navigateFallback: null,
        cleanupOutdatedCaches: true,
        // a new version takes over at once (the next page load runs it)
        skipWaiting: true,
        clientsClaim: true,
      },
    }),
    contentSecurityPolicy(),
    startPartsPreload(),
    minifiedEmbedScript(),
    absoluteSiteUrls(process.env.PNPLAB_SITE_URL),
  ],
  resolve: {
    alias: [
      // d3-color serves colour tweens only, which neither React Flow's viewport nor the lab asks for:
      // a stand-in that fails loudly if one ever is (src/ui/flow/d3ColorLeftOut.ts, ≈ 4.4 KB gzip less)
      // d3-transition serves React Flow's animated viewport only: a stand-in with the part d3-zoom uses
      // (src/ui/flow/d3TransitionLite.ts, ≈ 4 KB gzip less with d3-timer and d3-ease)
      { find: /^d3-transition$/, replacement: fileURLToPath(new URL('./src/ui/flow/d3TransitionLite.ts', import.meta.url)) },
      { find: /^d3-color$/, replacement: fileURLToPath(new URL('./src/ui/flow/d3ColorLeftOut.ts', import.meta.url)) },
      // d3-drag's drag() moves and resizes nodes, which the flowchart never lets anyone do: a stand-in that keeps what
      // d3-zoom uses (dragDisable/dragEnable) and fails loudly if drag() is ever called (src/ui/flow/d3DragLeftOut.ts)
      { find: /^d3-drag$/, replacement: fileURLToPath(new URL('./src/ui/flow/d3DragLeftOut.ts', import.meta.url)) },
      // React 19 has useSyncExternalStore: the shim for React < 18 (what zustand/traditional, used by
      // @xyflow/react, imports) is left out
      { find: /^use-sync-external-store\/shim\/with-selector(\.js)?$/, replacement: 'use-sync-external-store/with-selector.js' },
    ],
  },
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    // Every browser the lab supports follows <link rel="modulepreload"> itself (start-parts.js uses it);
    // one that does not still loads each chunk when it is imported.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // @xyflow/react wraps its components in memo()/forwardRef() without a /*#__PURE__*/ mark, so the
      // ones the lab never uses (MiniMap, NodeResizer, NodeToolbar, …) would stay in the bundle.
      // Marking these React calls pure lets the bundler drop a component nobody imports (≈ 4 KB gzip).
      treeshake: { manualPureFunctions: ['memo', 'forwardRef', 'createContext'] },
      output: {
        codeSplitting: {
          groups: [
            // a comparison's checks and text form (scenario/comparison.ts, store/compareStore.ts): a chunk of their own,
            // fetched with a `compare=` parameter, the Compare dialog or view, the scenario checks, or a comparison a lesson sets
            // (before scenarioChecks, which would otherwise take comparison.ts in as a dependency of the schema)
            { name: 'comparison', priority: 1, test: (id: string) => COMPARISON.test(id) },
            { name: 'scenarioChecks', priority: 1, test: (id: string) => SCENARIO_CHECKS.test(id) },
            // the engine and what the start and the panels share: one chunk, not many small ones; not the
            // checks of scenario text and file bytes (parse.ts, jsonText.ts, fileBytes.ts), which only opening
            // a file or a link, or importing lesson progress, runs, nor the scenario checks (zod and the schema),
            // which the first run does without (the lab's own scenario) and a chunk of their own brings, nor a
            // comparison's (above); it goes first (priority 2), so what it takes in with its modules stays here
            { name: 'shared', priority: 2, test: (id: string) => SHARED.test(id) && !LOADED_WITH_FILES_AND_LINKS.test(id) && !SCENARIO_CHECKS.test(id) && !NOT_AT_START.test(id) && !COMPARISON.test(id) },
          ],
        },
      },
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
    // d3-zoom goes through the aliases above (its d3-transition is the stand-in, as in the app)
    server: { deps: { inline: ['d3-zoom'] } },
  },
});
