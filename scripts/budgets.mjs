#!/usr/bin/env node
// Budgets: builds the app, prints the gzip size of its JavaScript and of what an embedded lab loads, then plays a 32-device scenario
// at full speed in headless Chromium and prints the longest main-thread task, the longest gap
// between frames, and the median frame interval while playing vs at rest. Prints; never asserts.
//   npm run budgets            (CHROMIUM_PATH picks the browser, else /usr/bin/chromium;
//                               BUDGET_RUNS=3 plays three times, BUDGET_SPEED=100 plays at 100 events/s)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist';
const TARGETS = { jsGzipKb: 300, embedJsGzipKb: 200, longTaskMs: 50, frameRatio: 1.1 };

function build() {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function jsSizes() {
  const dir = join(DIST, 'assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
}

/** 32 devices: 4 NICs in the PCI slots, 8 hubs (4 on the root hub, one more on each of those), 20 USB devices on hub ports. */
function scenario32() {
  const devices = [];
  const steps = [];
  const plug = (id, model, port) => {
    devices.push({ id, model });
    steps.push({ action: 'plug', device: id, port });
  };
  for (let i = 1; i <= 4; i++) plug(`nic${i}`, 'pci-nic', `pci-bus:${i}`);
  for (let i = 1; i <= 4; i++) plug(`hub${i}`, 'usb-hub', `usb-root-hub:${i}`);
  for (let i = 1; i <= 4; i++) plug(`hub${i + 4}`, 'usb-hub', `hub${i}:1`);
  const free = [];
  for (let i = 1; i <= 4; i++) for (let p = 2; p <= 4; p++) free.push(`hub${i}:${p}`);
  for (let i = 5; i <= 8; i++) for (let p = 1; p <= 4; p++) free.push(`hub${i}:${p}`);
  const models = ['usb-scanner', 'usb-disk', 'usb-webcam'];
  for (let n = 0; devices.length < 32; n++) plug(`dev${n + 1}`, models[n % models.length], free[n]);
  return { title: 'Budget: 32 devices', seed: 1, devices, steps };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0].split('#')[0]);
    const file = join(DIST, path === '/' ? 'index.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const fmt = (n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

/** Runs in the page before the app: records long tasks and every animation frame, tagged by phase. */
function instrument() {
  const w = window;
  w.__budget = { phase: 'load', longTasks: [], frames: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__budget.longTasks.push({ phase: w.__budget.phase, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const frame = (now) => {
    w.__budget.frames.push({ phase: w.__budget.phase, dt: now - last });
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

build();
const sizes = jsSizes();
const totalGzip = sizes.reduce((n, s) => n + s.gzip, 0);
console.log('\nJavaScript of the built app (gzip -9):');
for (const s of sizes) console.log(`  ${s.file}: ${(s.raw / 1024).toFixed(1)} KB raw, ${(s.gzip / 1024).toFixed(1)} KB gzip`);
console.log(`  total: ${(totalGzip / 1024).toFixed(1)} KB gzip (target <= ${TARGETS.jsGzipKb} KB)`);

const { chromium } = await import('@playwright/test');
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const server = await serve();
const { port } = server.address();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
/** The JavaScript an embedded lab really loads (its script tag's file, the chunks the frame fetches), gzip -9. */
async function embedJs(query) {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  const files = new Set();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js')) files.add(path);
  });
  await page.goto(`http://127.0.0.1:${port}/?${query}`);
  await page.locator('main').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.close();
  files.add('/pnp-lab-embed.js');
  return [...files].reduce((n, f) => n + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);
}

try {
  console.log('\nJavaScript an embedded lab loads (pnp-lab-embed.js + what the frame fetches, gzip -9):');
  for (const [what, query] of [['default panels', 'embed=1'], ['a lesson (flow, timeline, lesson)', 'embed=1&lesson=a-device-starts&panels=flow,timeline,lesson']]) {
    console.log(`  ${what}: ${((await embedJs(query)) / 1024).toFixed(1)} KB gzip (target <= ${TARGETS.embedJsGzipKb} KB)`);
  }

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(instrument);
  const s = scenario32();
  const hash = Buffer.from(JSON.stringify(s)).toString('base64url');
  await page.goto(`http://127.0.0.1:${port}/#scenario=${hash}`);
  await page.getByRole('heading', { level: 1, name: 'PnP Lab' }).waitFor();
  const length = Number(await page.getByRole('slider', { name: 'Cursor position in the trace' }).getAttribute('max'));

  await page.waitForTimeout(500);
  await page.evaluate(() => (window.__budget.phase = 'rest'));
  await page.waitForTimeout(2500);

  // BUDGET_SPEED=n plays at n events/s instead of the fastest speed offered.
  const fastest = process.env.BUDGET_SPEED ?? (await page.getByLabel('Speed').locator('option').last().getAttribute('value'));
  await page.getByLabel('Speed').selectOption(fastest);
  // BUDGET_RUNS=n plays the scenario n times and reports the worst figures.
  const runs = Math.max(1, Number(process.env.BUDGET_RUNS ?? 1));
  const results = [];
  for (let r = 0; r < runs; r++) {
    await page.getByRole('button', { name: 'Jump to start' }).click();
    await page.waitForTimeout(300);
    await page.evaluate((n) => { window.__budget.phase = `play${n}`; }, r);
    const started = Date.now();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Waits with a cheap check: a role query would compute accessible names on the main thread while it plays.
    await page.waitForFunction(() => document.querySelector('button[aria-label="Jump to end"]')?.disabled === true, null, { polling: 250, timeout: 180_000 });
    results.push({ phase: `play${r}`, seconds: (Date.now() - started) / 1000 });
    await page.evaluate(() => (window.__budget.phase = 'done'));
    await page.waitForTimeout(300);
  }
  const b = await page.evaluate(() => window.__budget);

  const frames = (phase) => b.frames.filter((f) => f.phase === phase).map((f) => f.dt);
  const longest = (phase) => Math.max(0, ...b.longTasks.filter((t) => t.phase === phase).map((t) => t.duration));
  const rest = median(frames('rest'));
  for (const { phase, seconds } of results) {
    const play = median(frames(phase));
    console.log(`\nPlayback of ${s.devices.length} devices, ${length} trace events, at ${fastest} events/s (took ${seconds.toFixed(1)} s${runs > 1 ? `, run ${phase.slice(4)}` : ''}):`);
    console.log(`  longest main-thread task while playing: ${fmt(longest(phase))} ms (target <= ${TARGETS.longTaskMs} ms; 0 = no task over 50 ms)`);
    console.log(`  longest frame gap while playing:        ${fmt(Math.max(...frames(phase)))} ms`);
    console.log(`  median frame interval: playing ${fmt(play)} ms, at rest ${fmt(rest)} ms, ratio ${(play / rest).toFixed(3)} (target <= ${TARGETS.frameRatio})`);
  }
  console.log(`  (loading the scenario and its first run: longest task ${fmt(longest('load'))} ms)`);
} finally {
  await browser.close();
  server.close();
}
