#!/usr/bin/env node
// Lighthouse on the built app: builds it, serves dist/ the way a static host does (gzip, one
// content type per file), and runs Lighthouse on the mobile preset (its default) and on the desktop
// preset; prints the scores and the metrics behind the performance score. Not part of `npm test`
// (a run takes a minute and its timings depend on the machine's load).
//   npm run lighthouse                 the lab's start page
//   npm run lighthouse -- --check      exits 1 if a score misses its target
//   LIGHTHOUSE_PATHS="/ /?lesson=a-device-starts /?embed=1" npm run lighthouse    other pages (space-separated)
//   LIGHTHOUSE_RUNS=3 npm run lighthouse                                          the median of 3 runs
// CHROME_PATH picks the browser (default: the lookup in scripts/chromium.mjs). Reports: reports/lighthouse/*.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEBIAN_CHROMIUM, findChromium } from './chromium.mjs';

const DIST = 'dist';
const OUT = 'reports/lighthouse';
const TARGETS = { mobile: { performance: 0.9, accessibility: 1 }, desktop: { performance: 0.98, accessibility: 1 } };
const CHECK = process.argv.includes('--check');
const PATHS = (process.env.LIGHTHOUSE_PATHS ?? '/').split(/\s+/).filter(Boolean);
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));
const CHROME = process.env.CHROME_PATH ?? findChromium()?.path ?? DEBIAN_CHROMIUM;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSED = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest', '.txt']);

function build() {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** dist/ as a static host serves it: gzip for text, long caching for hashed assets, 404 for the rest. */
function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const ext = extname(file);
    let body = readFileSync(file);
    const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' };
    if (COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** One Lighthouse run (the CLI, in a child process: this process keeps serving the pages meanwhile). */
async function lighthouse(url, preset, file) {
  const args = [url, '--quiet', '--output=json', `--output-path=${file}`, '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
    '--only-categories=performance,accessibility,best-practices,seo'];
  if (preset === 'desktop') args.push('--preset=desktop');
  const child = spawn(join('node_modules', '.bin', 'lighthouse'), args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: CHROME } });
  const status = await new Promise((resolve) => child.on('exit', resolve));
  if (status !== 0) throw new Error(`lighthouse exited ${status} on ${url} (${preset})`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (audit) => (audit?.numericValue === undefined ? 'n/a' : audit.id === 'cumulative-layout-shift' ? audit.numericValue.toFixed(3) : `${Math.round(audit.numericValue)} ms`);

build();
mkdirSync(OUT, { recursive: true });
const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const misses = [];
try {
  for (const path of PATHS) {
    for (const preset of ['mobile', 'desktop']) {
      const reports = [];
      for (let run = 0; run < RUNS; run++) {
        const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'start'}-${preset}${RUNS > 1 ? `-${run + 1}` : ''}.json`;
        reports.push(await lighthouse(`${origin}${path}`, preset, join(OUT, name)));
      }
      // the run with the median performance score, so its metrics go with its score
      const perf = reports.map((r) => r.categories.performance.score);
      const report = reports[perf.indexOf(median(perf))];
      const score = (c) => report.categories[c].score;
      console.log(`\n${path} (${preset}${RUNS > 1 ? `, median of ${RUNS}` : ''}):`);
      for (const c of ['performance', 'accessibility', 'best-practices', 'seo']) {
        const target = TARGETS[preset][c];
        const low = target !== undefined && score(c) < target;
        if (low && path === '/') misses.push(`${path} ${preset} ${c} ${score(c)} < ${target}`);
        console.log(`  ${c.padEnd(15)} ${score(c).toFixed(2)}${target === undefined ? '' : ` (target >= ${target}${low ? ', MISSED' : ''})`}`);
      }
      const a = report.audits;
      console.log(`  FCP ${ms(a['first-contentful-paint'])}, LCP ${ms(a['largest-contentful-paint'])}, TBT ${ms(a['total-blocking-time'])}, CLS ${ms(a['cumulative-layout-shift'])}, Speed Index ${ms(a['speed-index'])}`);
      const failed = Object.values(a).filter((x) => x.score !== null && x.score < 1 && ['binary', 'numeric'].includes(x.scoreDisplayMode) && report.categories.accessibility.auditRefs.some((r) => r.id === x.id));
      for (const f of failed) console.log(`  accessibility: ${f.id}: ${f.title}`);
    }
  }
} finally {
  server.close();
}
if (CHECK && misses.length) {
  console.error(`\nlighthouse --check: ${misses.join('; ')}`);
  process.exitCode = 1;
}
