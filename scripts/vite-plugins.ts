/**
 * Build-only Vite plugins of the lab (vite.config.ts):
 * - `contentSecurityPolicy`: a <meta http-equiv="Content-Security-Policy"> in the built index.html, so the
 *   policy holds on any static host (docs/embedding.md lists the headers to add where a host can).
 *   Not in `npm start`: Vite's dev server runs inline scripts (React Fast Refresh).
 * - `minifiedEmbedScript`: dist/pnp-lab-embed.js minified (public/ keeps the readable source).
 * - `absoluteSiteUrls`: with PNPLAB_SITE_URL=https://…/ at build time, the link-preview tags get the
 *   absolute addresses some sites need (og:url, og:image, twitter:image); without it they stay relative.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import type { Plugin } from 'vite';
import { embedArrangement, panelsShownAtFirst } from '../src/ui/layout/embedArrangement.ts';
import { LINK_KEY } from '../src/share/sandbox.ts';

/** The policy of the built app: nothing but its own files; no inline script or style, no eval, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'pnp-lab:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // right after the charset, before any script or style it governs
      handler: (html) => html.replace(/<meta charset="[^"]*" \/>/i, (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
    },
  };
}

export function minifiedEmbedScript(): Plugin {
  let outDir = 'dist';
  return {
    name: 'pnp-lab:minified-embed-script',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const file = join(outDir, 'pnp-lab-embed.js');
      const source = readFileSync('public/pnp-lab-embed.js', 'utf8');
      const { code } = transformSync(source, { minify: true, target: 'es2020', legalComments: 'none' });
      writeFileSync(file, `/* PnP Lab embed element; readable source and docs: public/pnp-lab-embed.js, docs/embedding.md */\n${code}`);
    },
  };
}

export function absoluteSiteUrls(siteUrl: string | undefined): Plugin {
  return {
    name: 'pnp-lab:absolute-site-urls',
    apply: 'build',
    transformIndexHtml(html) {
      if (!siteUrl) return html;
      const base = new URL(siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
      if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error(`PNPLAB_SITE_URL must be an http(s) address; got ${siteUrl}`);
      return html
        .replace(/(<meta (?:property|name)="(?:og:image|twitter:image)" content=")\.\/([^"]*)"/g, (_, head: string, path: string) => `${head}${new URL(path, base).href}"`)
        .replace('<meta property="og:type"', `<meta property="og:url" content="${base.href}" />\n    <meta property="og:type"`);
    },
  };
}

/**
 * `start-parts.js`: a small script that index.html runs first (async). It tells the browser to fetch
 * the chunks this page will show (ui/startParts.tsx decides the same way) while the main script is
 * still downloading, instead of after it has run: the first view then waits for no extra round trip.
 */
export function startPartsPreload(): Plugin {
  return {
    name: 'pnp-lab:start-parts-preload',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      // the chunk a module starts, else the (shared) chunk it is in
      const chunkOf = (suffix: string) => chunks.find((c) => c.facadeModuleId?.endsWith(suffix)) ?? chunks.find((c) => c.moduleIds.some((m) => m.endsWith(suffix)));
      const full = chunkOf('/src/ui/fullLabParts.ts');
      const hardware = chunkOf('/src/ui/hardwareParts.ts');
      const timeline = chunkOf('/src/ui/timeline/TimelinePanel.tsx');
      const lessonPanel = chunkOf('/src/ui/lessons/LessonPanel.tsx');
      const lessonStore = chunkOf('/src/store/lessonStore.ts');
      const lessonLink = chunkOf('/src/share/lessonLink.ts');
      const permalink = chunkOf('/src/share/permalink.ts');
      if (!full || !hardware || !timeline || !lessonPanel || !lessonStore || !lessonLink || !permalink) throw new Error('start-parts.js: a start part\'s chunk was not found');
      const index = chunks.find((c) => c.isEntry);
      const lesson = [...new Set([lessonPanel.fileName, lessonStore.fileName, ...lessonPanel.imports])].filter((f) => f !== index?.fileName && !index?.imports.includes(f));
      // each lesson is a chunk of its own (src/lessons/load.ts), `assets/<id>-<hash>.js`: a lesson link fetches its lesson's
      const lessonHashes = Object.fromEntries(chunks
        .filter((c) => c.isDynamicEntry && /\/src\/lessons\/[a-z0-9-]+\.ts$/.test(c.facadeModuleId ?? ''))
        .map((c) => {
          const id = c.facadeModuleId!.replace(/^.*\/src\/lessons\/|\.ts$/g, '');
          if (!c.fileName.startsWith(`assets/${id}-`) || !c.fileName.endsWith('.js')) throw new Error(`start-parts.js: lesson chunk ${c.fileName} is not named assets/${id}-<hash>.js`);
          return [id, c.fileName.slice(`assets/${id}-`.length, -'.js'.length)];
        }));
      if (Object.keys(lessonHashes).length === 0) throw new Error('start-parts.js: no lesson chunk was found');
      // what reads a `scenario` link and checks a `lesson` before the first render (ui/links/useLabLinks.ts readEmbedParams)
      const readers = (files: string[]) => files.filter((f) => f !== index?.fileName && !index?.imports.includes(f));
      const lessonReaders = readers([lessonLink.fileName, ...lessonLink.imports]);
      const linkReaders = readers([...new Set([permalink.fileName, ...permalink.imports, ...lessonReaders])]);
      const source = `/* Fetches the chunks this page will show while the main script downloads (written by the build: scripts/vite-plugins.ts). */
(() => {
  const q = new URLSearchParams(location.search);
  const embed = q.has('embed') && /^(|1|true|yes|on)$/i.test(q.get('embed').trim());
  const asked = (q.get('panels') || '').split(',').map((p) => p.trim().toLowerCase());
  const known = [...new Set(asked.filter((p) => ['hardware', 'tree', 'flow', 'timeline', 'lesson'].includes(p)))];
  const shown = known.length > 0 ? known : ['hardware', 'tree', 'flow', 'timeline'].concat(q.has('lesson') ? ['lesson'] : []);
  // the panels an embed shows at first, as src/ui/layout/embedArrangement.ts decides (the build copies these two functions from it)
  ${embedArrangement.toString()}
  ${panelsShownAtFirst.toString()}
  const parts = !embed ? ${JSON.stringify([full.fileName, hardware.fileName, timeline.fileName])} : [];
  if (embed && (shown.includes('hardware') || shown.includes('tree'))) parts.push(${JSON.stringify(hardware.fileName)});
  if (embed && panelsShownAtFirst(shown, matchMedia('(min-width: 1001px)').matches, !matchMedia('(min-width: 560px)').matches).includes('timeline')) parts.push(${JSON.stringify(timeline.fileName)});
  // a link or a lesson is read before the first render (a link in the fragment too: ui/links/useLabLinks.ts); a lesson link opens the lesson column: its panel, the lesson store and that lesson
  if (q.has('scenario') || ${LINK_KEY.toString()}.test(location.hash)) parts.push(...${JSON.stringify(linkReaders)});
  else if (q.has('lesson')) parts.push(...${JSON.stringify(lessonReaders)});
  const hashes = ${JSON.stringify(lessonHashes)};
  const id = (q.get('lesson') || '').trim();
  if (q.has('lesson')) parts.push(...${JSON.stringify(lesson)});
  if (Object.prototype.hasOwnProperty.call(hashes, id)) parts.push('assets/' + id + '-' + hashes[id] + '.js');
  for (const href of new Set(parts)) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
})();
`;
      const { code } = transformSync(source, { minify: true, target: 'es2020', legalComments: 'none' });
      this.emitFile({ type: 'asset', fileName: 'start-parts.js', source: `/* Fetches the chunks this page will show while the main script downloads (written by the build: scripts/vite-plugins.ts) */\n${code}` });
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(/(\s*)<script type="module"/, '$1<script src="./start-parts.js" async></script>$1<script type="module"'),
    },
  };
}
