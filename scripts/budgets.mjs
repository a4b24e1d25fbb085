#!/usr/bin/env node
// Budgets: builds the app, prints the gzip size of its JavaScript, of what the app loads at start and
// of what an embedded lab loads, then plays a 32-device scenario at full speed in headless Chromium
// and prints the longest main-thread task, the longest gap between frames, and the median frame
// interval while playing vs at rest. Then, side by side, it opens three scenario files as a person does
// (Open…): the 32 devices, a full USB bus of 127 devices with 10,000 random steps, and the same bus with
// about a million trace events; for each it prints the longest main-thread task while loading, the time
// to the first event shown and to the whole run, the main thread's heap after loading (after a GC), and
// how smoothly it plays from the middle at 500 events/s (frame ratio, longest task).
//   npm run budgets            prints every figure (CHROMIUM_PATH picks the browser, else /usr/bin/chromium;
//                              BUDGET_RUNS=3 plays three times, BUDGET_SPEED=100 plays at 100 events/s,
//                              BUDGET_MILLION=0 leaves out the million-event file, BUDGET_PLAY_SECONDS=8,
//                              BUDGET_WHY=1 prints what ran in each frame of a load that had a long task)
//   npm run budgets -- --save-before  also writes the load figures to bench/budgets-before.json; later runs
//                              print them beside their own (the before/after table)
//   npm run budgets -- --ref REF      measures the app as it was at git REF (built in a temporary worktree, with
//                              this tree's node_modules and scenario generator): with --save-before, the "before"
//                              figures of a change, measured by this script
// The longest task is given twice: its wall-clock time (the Long Tasks API) and the CPU time the main thread spent
// in it (a Chromium trace's thread time): on a shared, loaded machine the first grows with the load, the second
// much less, so it is the fairer figure to compare. Each file is opened twice, in a fresh page each time: the
// wall-clock figures come from a load with no trace running (a trace slows the page's main thread: 53–56 ms
// tasks traced where the same build had none over 50 untraced), the CPU time from the traced one. The page's own
// start is not counted as the file's load (until 2026-12-05 it was: bench/budgets-before.json has the old figures).
//   npm run budgets -- --check prints the sizes only and exits 1 if one is over its target (sizes do not
//                              depend on the machine's load; the playback figures do, so they are never checked)
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium } from './chromium.mjs';

const REF = process.argv.includes('--ref') ? process.argv[process.argv.indexOf('--ref') + 1] : undefined;
/** where the app is built: this tree's dist/, or a temporary worktree's for --ref */
const ROOT = REF ? `/tmp/pnp-lab-budgets-${REF.replace(/[^A-Za-z0-9]/g, '_')}` : '.';
const DIST = REF ? join(ROOT, 'dist') : 'dist';
const TARGETS = { startJsGzipKb: 230, embedJsGzipKb: 220, lessonEmbedJsGzipKb: 240, longTaskMs: 50, frameRatio: 1.1, millionEventsMb: 200 };
const CHECK = process.argv.includes('--check');
const SAVE_BEFORE = process.argv.includes('--save-before');
const BEFORE_FILE = 'bench/budgets-before.json';
/** sizes over their target (for --check) */
const misses = [];
function sized(label, bytes, targetKb) {
  const kb = bytes / 1024;
  const over = kb > targetKb;
  if (over) misses.push(`${label}: ${kb.toFixed(1)} KB > ${targetKb} KB`);
  return `${kb.toFixed(1)} KB gzip (target <= ${targetKb} KB${over ? ', OVER' : ''})`;
}
const gz = (path) => gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length;

function build() {
  if (REF) {
    if (!existsSync(ROOT)) {
      const add = spawnSync('git', ['worktree', 'add', '--detach', ROOT, REF], { stdio: 'inherit' });
      if (add.status !== 0) process.exit(add.status ?? 1);
      symlinkSync(join(process.cwd(), 'node_modules'), join(ROOT, 'node_modules'));
    }
    console.log(`measuring the app at ${REF} (${execSync(`git -C ${ROOT} log -1 --format='%h %s'`, { encoding: 'utf8' }).trim().slice(0, 100)})`);
  }
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: ROOT });
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

/**
 * Runs in the page before the app: records long tasks and every animation frame, tagged by phase ('load' from the
 * start, or `first`: the page's own start is not a file's load).
 */
function instrument(first = 'load') {
  const w = window;
  w.__budget = { phase: first, longTasks: [], frames: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__budget.longTasks.push({ phase: w.__budget.phase, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // what ran in a frame with a long task (Long Animation Frames: the scripts and who called them), for BUDGET_WHY=1
  w.__budget.frames50 = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.blockingDuration <= 0) continue;
        w.__budget.frames50.push({ phase: w.__budget.phase, duration: Math.round(e.duration), blocking: Math.round(e.blockingDuration), layout: Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0), scripts: e.scripts.map((x) => `${x.invoker} ${x.sourceFunctionName || ''} ${Math.round(x.duration)} ms (forced layout ${Math.round(x.forcedStyleAndLayoutDuration)})`) });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // a browser without Long Animation Frames
  }
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
console.log(`  total: ${(totalGzip / 1024).toFixed(1)} KB gzip (every chunk, also those most visits never load)`);

const { chromium } = await import('@playwright/test');
const executablePath = findChromium()?.path;
const server = await serve();
const { port } = server.address();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
/**
 * The JavaScript a page really loads until the network is idle (the chunks it fetches), gzip -9, in a
 * fresh browser context (nothing cached) with service workers blocked: the offline cache a first visit
 * fills in the background is counted apart.
 */
async function loadedJs(path, viewport) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await context.newPage();
  const files = new Set();
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.endsWith('.js')) files.add(p);
  });
  await page.goto(`http://127.0.0.1:${port}${path}`);
  await page.locator('main').first().waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();
  return [...files].reduce((n, f) => n + gz(f), 0);
}

/** What the service worker stores for offline use on a first visit (its precache list), in bytes as served (not gzip). */
function precacheBytes() {
  if (!existsSync(join(DIST, 'sw.js'))) return undefined;
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
  return { count: urls.length, bytes: urls.reduce((n, u) => n + (existsSync(join(DIST, u)) ? readFileSync(join(DIST, u)).length : 0), 0) };
}

/** Plays the 32-device scenario at full speed and prints the frame and long-task figures. */
async function playback() {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' })).newPage();
  await page.addInitScript(instrument);
  const s = scenario32();
  const hash = Buffer.from(JSON.stringify(s)).toString('base64url');
  await page.goto(`http://127.0.0.1:${port}/#scenario=${hash}`);
  await page.getByRole('heading', { level: 1, name: 'PnP Lab' }).waitFor();
  await page.waitForTimeout(500);
  await page.evaluate(() => (window.__budget.phase = 'rest'));
  await page.waitForTimeout(2500);
  // read once the link's run has landed (read at once, it was the page's empty lab: "1 trace events")
  const length = Number(await page.getByRole('slider', { name: 'Cursor position in the trace' }).getAttribute('max'));

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
}


// ---- loading big scenarios ----------------------------------------------------------------------

/** Writes a seeded random scenario (bench/generate.ts) and returns its file and trace length in the browser. */
function makeScenario(devices, steps, out) {
  const line = execSync(`npx tsx bench/make-scenario.ts --devices ${devices} --steps ${steps} --out ${out}`, { encoding: 'utf8' }).trim().split('\n').pop();
  return JSON.parse(line);
}

/**
 * In the page: from the file input's change to the first new event shown and to the whole run shown: the trace
 * length `expected` (or, for an app whose engine counts otherwise, a length that has stayed put for 1.5 s with no
 * progress bar), timed when it was reached.
 */
function watchLoad(expected) {
  const b = window.__budget;
  const slider = () => document.querySelector('input[type="range"][aria-valuetext^="event"]');
  const before = slider()?.max;
  b.phase = 'load';
  b.t0 = undefined;
  b.first = undefined;
  b.loaded = undefined;
  document.addEventListener('change', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'file') b.t0 = performance.now();
  }, { capture: true, once: true });
  let seen = before;
  let seenAt = 0;
  const check = () => {
    const now = performance.now();
    const max = slider()?.max;
    if (b.t0 !== undefined) {
      if (b.first === undefined && max !== before) b.first = now - b.t0;
      if (max !== seen) {
        seen = max;
        seenAt = now;
      }
      const busy = document.querySelector('[data-run-progress]');
      if (!busy && max !== before && (Number(max) === expected || now - seenAt > 1500)) {
        b.loaded = seenAt - b.t0;
        b.events = Number(max);
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** The longest task of the page's main thread in a Chromium trace: its CPU (thread) time and its wall-clock time, in ms. */
function longestTraceTask(path) {
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8'));
  const names = new Map();
  for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const time = new Map();
  for (const e of traceEvents) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && names.get(key) === 'CrRendererMain') time.set(key, (time.get(key) ?? 0) + e.dur);
  }
  // the page's main thread: the renderer main thread that worked most
  const main = [...time].sort((a, b) => b[1] - a[1])[0]?.[0];
  let cpu = 0;
  let wall = 0;
  for (const e of traceEvents) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || `${e.pid}:${e.tid}` !== main) continue;
    cpu = Math.max(cpu, (e.tdur ?? e.dur) / 1000);
    wall = Math.max(wall, e.dur / 1000);
  }
  return { cpu, wall };
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

/** A fresh page of the lab at rest, a person's pointer on Open… (the lab fetches what a change needs then: ui/lazyParts.tsx). */
async function pageAtRest() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(instrument, 'start');
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('heading', { level: 1, name: 'PnP Lab' }).waitFor();
  await page.getByRole('button', { name: 'Open…' }).hover();
  await page.waitForTimeout(500);
  await page.evaluate(() => (window.__budget.phase = 'rest'));
  await page.waitForTimeout(2000);
  return { context, page };
}

/** Opens `file` with Open… in `page` and waits until the whole run is shown (and what follows it at once). */
async function openFile(page, file, events) {
  await page.evaluate(watchLoad, events);
  await page.getByLabel('Open a scenario file').setInputFiles(file);
  await page.waitForFunction(() => window.__budget.loaded !== undefined, null, { polling: 250, timeout: 900_000 });
  await page.evaluate(() => (window.__budget.phase = 'loaded'));
  // what follows a load at once (the address written, the details of the event under the cursor) belongs to it
  await page.waitForTimeout(1500);
}

const longestTask = (b, phase) => Math.max(0, ...b.longTasks.filter((t) => t.phase === phase).map((t) => t.duration));

/**
 * Opens `file` with Open… twice, each in a fresh page at rest: once as a person would (the wall-clock figures: the
 * longest task by the Long Tasks API, the time to the first event and to the whole run), once with a Chromium trace
 * (the CPU time of the longest task; a trace slows the page's main thread, so its wall-clock figures are not used).
 * Then plays it from the middle at 500 events/s for BUDGET_PLAY_SECONDS.
 */
async function loadAndPlay({ file, events }) {
  const untraced = await pageAtRest();
  await openFile(untraced.page, file, events);
  const plain = await untraced.page.evaluate(() => window.__budget);
  await untraced.context.close();
  if (process.env.BUDGET_WHY === '1') for (const f of plain.frames50.filter((x) => x.phase === 'load')) console.log(`  ${file}: a frame of ${f.duration} ms, ${f.blocking} ms blocking (style and layout ${f.layout} ms): ${f.scripts.join('; ') || 'no script'}`);

  const { context, page } = await pageAtRest();
  await browser.startTracing(page, { path: 'bench/out/budget-trace.json', categories: TRACE_CATEGORIES });
  await openFile(page, file, events);
  await browser.stopTracing();
  const loadCpu = longestTraceTask('bench/out/budget-trace.json');
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;

  // a person clicks the middle of the scrubber, picks 500 events/s and presses Play
  await page.getByRole('slider', { name: 'Cursor position in the trace' }).click();
  await page.getByLabel('Speed').selectOption('500');
  await page.waitForTimeout(300);
  await page.evaluate(() => (window.__budget.phase = 'play'));
  await browser.startTracing(page, { path: 'bench/out/budget-trace.json', categories: TRACE_CATEGORIES });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const seconds = Number(process.env.BUDGET_PLAY_SECONDS ?? 8);
  await page.waitForFunction(() => document.querySelector('button[aria-label="Jump to end"]')?.disabled === true, null, { polling: 250, timeout: seconds * 1000 }).catch(() => {});
  await page.evaluate(() => (window.__budget.phase = 'done'));
  await browser.stopTracing();
  const playCpu = longestTraceTask('bench/out/budget-trace.json');
  await page.getByRole('button', { name: 'Pause', exact: true }).click().catch(() => {});
  const b = await page.evaluate(() => window.__budget);
  await context.close();
  const frames = (phase) => b.frames.filter((f) => f.phase === phase).map((f) => f.dt);
  const longest = (phase) => longestTask(b, phase);
  return {
    events: plain.events ?? events,
    loadLongestTaskMs: longestTask(plain, 'load'),
    loadLongestCpuMs: loadCpu.cpu,
    firstEventMs: plain.first,
    loadTotalMs: plain.loaded,
    heapMb: heap / 1024 / 1024,
    frameRatio: median(frames('play')) / median(frames('rest')),
    playLongestTaskMs: longest('play'),
    playLongestCpuMs: playCpu.cpu,
    playLongestGapMs: Math.max(0, ...frames('play')),
  };
}

const LOAD_ROWS = [
  ['events', 'trace events', (n) => n.toLocaleString('en-US')],
  ['loadLongestTaskMs', 'longest main-thread task while loading, wall clock (ms; 0 = none over 50)', fmt, `<= ${TARGETS.longTaskMs}`],
  ['loadLongestCpuMs', 'longest main-thread task while loading, CPU time (ms)', fmt, `<= ${TARGETS.longTaskMs}`],
  ['firstEventMs', 'time to the first event shown (ms)', fmt],
  ['loadTotalMs', 'time to the whole run shown (ms)', fmt],
  ['heapMb', 'main-thread heap after loading (MB, after GC)', fmt, `<= ${TARGETS.millionEventsMb} for 1M events`],
  ['frameRatio', 'playing at 500 events/s: median frame interval / at rest', (n) => n.toFixed(3), `<= ${TARGETS.frameRatio}`],
  ['playLongestTaskMs', 'playing at 500 events/s: longest task, wall clock (ms)', fmt, `<= ${TARGETS.longTaskMs}`],
  ['playLongestCpuMs', 'playing at 500 events/s: longest task, CPU time (ms)', fmt, `<= ${TARGETS.longTaskMs}`],
  ['playLongestGapMs', 'playing at 500 events/s: longest frame gap (ms)', fmt],
];

function table(columns, cell) {
  const labelWidth = Math.max(...LOAD_ROWS.map((r) => r[1].length));
  const width = Math.max(14, ...columns.map((c) => c.length));
  console.log(`  ${''.padEnd(labelWidth)}  ${columns.map((c) => c.padStart(width)).join('  ')}  target`);
  for (const [key, label, format, target] of LOAD_ROWS) {
    console.log(`  ${label.padEnd(labelWidth)}  ${columns.map((c, i) => cell(i, key, format).padStart(width)).join('  ')}  ${target ?? ''}`);
  }
}

async function loads() {
  mkdirSync('bench/out', { recursive: true }); // scenario files and Chromium traces (not in git)
  const sets = [
    { key: '32', label: '32 devices', make: () => {
      const s = scenario32();
      const file = 'bench/out/budget-32.json';
      writeFileSync(file, JSON.stringify(s));
      return { file, events: JSON.parse(execSync(`npx tsx bench/make-scenario.ts --count-only ${file}`, { encoding: 'utf8' }).trim().split('\n').pop()).events };
    } },
    { key: '127x10k', label: '127 dev, 10k steps', make: () => makeScenario(127, 10_000, 'bench/out/usb-127-10k.json') },
    ...(process.env.BUDGET_MILLION === '0' ? [] : [{ key: '127x1M', label: '127 dev, ~1M events', make: () => makeScenario(127, 25_500, 'bench/out/usb-127-1m.json') }]),
  ];
  const results = [];
  for (const set of sets) {
    const scenario = set.make();
    if (scenario.events > 1_000_000) throw new Error(`${scenario.file}: ${scenario.events} events, over the browser's budget of 1,000,000`);
    results.push({ ...set, figures: await loadAndPlay(scenario) });
  }
  const uptime = execSync('uptime', { encoding: 'utf8' }).trim();
  console.log(`\nOpening a scenario file (Open…), then playing it from the middle at 500 events/s (1280x720; ${uptime}):`);
  table(results.map((r) => r.label), (i, key, format) => {
    const v = results[i].figures[key];
    return v === undefined ? 'n/a' : format(v);
  });
  if (SAVE_BEFORE) {
    writeFileSync(BEFORE_FILE, JSON.stringify({ recorded: new Date().toISOString(), commit: execSync(`git -C ${ROOT} rev-parse --short HEAD`, { encoding: 'utf8' }).trim(), uptime, results: results.map(({ key, label, figures }) => ({ key, label, figures })) }, null, 1) + '\n');
    console.log(`  (written to ${BEFORE_FILE} as the "before" figures)`);
  } else if (existsSync(BEFORE_FILE)) {
    const before = JSON.parse(readFileSync(BEFORE_FILE, 'utf8'));
    console.log(`\nBefore (${before.recorded.slice(0, 10)}, commit ${before.commit}; ${before.uptime}) and now:`);
    const columns = results.flatMap((r) => [`${r.label} before`, 'now']);
    table(columns, (i, key, format) => {
      const r = results[Math.floor(i / 2)];
      const v = i % 2 === 0 ? before.results.find((x) => x.key === r.key)?.figures[key] : r.figures[key];
      return v === undefined || v === null ? 'n/a' : format(v);
    });
  }
}

try {
  console.log('\nJavaScript the app loads at start (1280x720, no link, gzip -9):');
  console.log(`  ${sized('app at start', await loadedJs('/', { width: 1280, height: 720 }), TARGETS.startJsGzipKb)}`);
  const precache = precacheBytes();
  if (precache) console.log(`  (then, in the background, the service worker stores ${precache.count} files, ${(precache.bytes / 1024).toFixed(0)} KB as served, for offline use)`);

  console.log('\nJavaScript an embedded lab loads (pnp-lab-embed.js + what the frame fetches, gzip -9):');
  const element = gz('pnp-lab-embed.js');
  for (const [what, query, target] of [
    ['default panels', 'embed=1', TARGETS.embedJsGzipKb],
    ['a lesson (flow, timeline, lesson)', 'embed=1&lesson=a-device-starts&panels=flow,timeline,lesson', TARGETS.lessonEmbedJsGzipKb],
  ]) {
    console.log(`  ${what}: ${sized(`embed, ${what}`, element + (await loadedJs(`/?${query}`, { width: 900, height: 700 })), target)}`);
  }

  if (CHECK) {
    if (misses.length) {
      console.error(`\nbudgets --check: ${misses.length} size${misses.length > 1 ? 's' : ''} over target: ${misses.join('; ')}`);
      process.exitCode = 1;
    } else {
      console.log('\nbudgets --check: every size is within its target.');
    }
  } else {
    await playback();
    await loads();
  }
} finally {
  await browser.close();
  server.close();
}
