/**
 * Engine benchmark: `npm run bench` (bench/engine-bench.ts [--steps N] [--seed S] [--runs R] [--devices 32,127]).
 *
 * `--irp-travel` times runs that record IRPs as they travel (LabConfig.irpTravel), as the lab in the browser does.
 *
 * For each device set (by default 32 devices and a full USB bus of 127, bench/generate.ts), side by side:
 * 1. Generates a seeded random scenario (default 10,000 steps) step by step against a live Lab, so every
 *    step is valid when it runs: each step is drawn from the actions that are possible for the devices'
 *    current states, performed, and settled.
 * 2. Writes it to bench/out/random-10k.json (32 devices) and bench/out/random-127-10k.json (127 devices),
 *    runnable with `npm run -s lab -- run FILE`.
 * 3. Times `runScenario` on a fresh lab: one warm-up run, then R timed runs (median and best).
 * 4. Measures memory in one extra, untimed run that samples heapUsed every 4,096 trace events.
 *
 * It prints the figures and exits 0. With `--check` it exits 1 when a median is below the target or a
 * replay differs from the generating lab (the speed depends on the machine's load: a miss says the load).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TraceEvent } from '../src/engine/trace';
import { createLab, runScenario } from '../src/scenario/run';
import { deviceSet, generate } from './generate';

const TARGET_EVENTS_PER_SECOND = 500_000;

// ---- options ------------------------------------------------------------------------------------

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    process.stderr.write(`--${name}: expected a whole number >= 0\n`);
    process.exit(2);
  }
  return v;
}

function deviceCounts(): number[] {
  const i = process.argv.indexOf('--devices');
  if (i < 0) return [32, 127];
  const list = (process.argv[i + 1] ?? '').split(',').map(Number);
  if (list.length === 0 || list.some((n) => n !== 32 && n !== 127)) {
    process.stderr.write('--devices: expected 32, 127 or 32,127\n');
    process.exit(2);
  }
  return list;
}

const STEPS = option('steps', 10_000);
const SEED = option('seed', 20_240_601);
const RUNS = Math.max(1, option('runs', 5));
const DEVICES = deviceCounts();
const outFile = (devices: number) => join(process.cwd(), 'bench', 'out', devices === 32 ? 'random-10k.json' : `random-${devices}-10k.json`);
/** `--irp-travel`: the timed and memory runs record IRPs as they travel (LabConfig.irpTravel, as the lab in the browser does). */
const IRP_TRAVEL = process.argv.includes('--irp-travel');
/** `--check`: exit 1 below the target (median events/s) or on a replay that differs. */
const CHECK = process.argv.includes('--check');

// ---- measuring ----------------------------------------------------------------------------------

/** `global.gc` without --expose-gc on the command line (so `npm run bench` needs no flags). */
function getGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function digest(events: readonly TraceEvent[]): string {
  const h = createHash('sha256');
  for (const e of events) h.update(JSON.stringify(e) + '\n');
  return h.digest('hex').slice(0, 16);
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface Figures {
  rows: [string, string | number][];
  rate: number;
  deterministic: boolean;
}

function measure(deviceCount: number, gc: () => void): Figures {
  const devices = deviceSet(deviceCount);
  const gen = generate(devices, STEPS, SEED);
  const genDigest = digest(gen.events);
  const out = outFile(deviceCount);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(gen.input, null, 1) + '\n');

  // Warm-up (also the determinism check against the generating lab).
  const kinds = new Map<string, number>();
  let replayDigest: string;
  let deterministic: boolean;
  {
    const warm = runScenario(gen.scenario, createLab(gen.scenario));
    replayDigest = digest(warm);
    deterministic = warm.length === gen.events.length && replayDigest === genDigest;
    for (const e of warm) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  }

  const times: number[] = [];
  let events = 0;
  let virtualMs = 0;
  for (let r = 0; r < RUNS; r++) {
    gc();
    const lab = createLab(gen.scenario, { irpTravel: IRP_TRAVEL });
    const t0 = performance.now();
    const trace = runScenario(gen.scenario, lab);
    times.push(performance.now() - t0);
    events = trace.length;
    virtualMs = lab.now;
  }
  const sorted = times.slice().sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const best = sorted[0];

  // Memory: an untimed run that samples heapUsed every 4,096 trace events.
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const memLab = createLab(gen.scenario, { irpTravel: IRP_TRAVEL });
  const recorder = memLab.trace;
  const append = recorder.append.bind(recorder);
  recorder.append = (e: TraceEvent) => {
    append(e);
    if ((e.seq & 4095) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    return e;
  };
  const memTrace = runScenario(gen.scenario, memLab);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  gc();
  const retained = process.memoryUsage().heapUsed - baseline;
  const memRunSame = memTrace.length === events;
  // with --irp-travel the timed runs record more events than the (plain) warm-up: count them by kind too
  if (IRP_TRAVEL) {
    kinds.clear();
    for (const e of memTrace) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const s of gen.input.steps ?? []) counts.set(s.action, (counts.get(s.action) ?? 0) + 1);
  const rate = Math.round(events / (median / 1000));
  const same = deterministic && memRunSame;
  return {
    rate,
    deterministic: same,
    rows: [
      ['steps', gen.input.steps?.length ?? 0],
      ['devices', gen.input.devices?.length ?? 0],
      ['trace events', events],
      [`wall time ms (median of ${RUNS})`, median.toFixed(1)],
      [`wall time ms (best of ${RUNS})`, best.toFixed(1)],
      ['trace events per second (median)', rate],
      ['trace events per second (best)', Math.round(events / (best / 1000))],
      ['peak heapUsed MB (sampled every 4096 events during one run)', mb(peak)],
      ['heapUsed MB before that run (after gc)', mb(baseline)],
      ['heap retained by one run MB (lab + trace, after gc)', mb(retained)],
      ['virtual time ms', virtualMs],
      ['rejected picks (LabError while generating)', gen.rejections + (gen.rejectionSamples.length ? ` (${gen.rejectionSamples.join('; ')})` : '')],
      ['generation ms (pick + perform + settle, untimed)', gen.ms.toFixed(0)],
      ['deterministic replay (same trace as the generating lab)', same ? `yes (sha256 ${replayDigest})` : 'NO: a replay differs (engine bug)'],
      ['steps by action', [...counts].map(([k, v]) => `${k}=${v}`).join(' ')],
      ['events by kind', [...kinds].map(([k, v]) => `${k}=${v}`).join(' ')],
      ['scenario written to', out.replace(`${process.cwd()}/`, '')],
    ],
  };
}

function main(): void {
  const gc = getGc();
  const results = DEVICES.map((n) => ({ devices: n, figures: measure(n, gc) }));
  const line = (s: string) => process.stdout.write(`${s}\n`);
  line(`irpTravel (--irp-travel): ${IRP_TRAVEL ? 'yes: IRPs recorded on their way down and back up' : 'no'}; target >= ${TARGET_EVENTS_PER_SECOND} events/s`);
  // one row per figure, one column per device set; the long ones (steps and events by kind) after the table
  const long = new Set(['steps by action', 'events by kind', 'rejected picks (LabError while generating)']);
  const labels = results[0].figures.rows.map(([k]) => k).filter((k) => !long.has(k));
  const width = Math.max(...labels.map((k) => k.length));
  const text = (v: string | number) => (typeof v === 'number' ? v.toLocaleString('en-US') : v);
  const colWidth = Math.max(12, ...results.flatMap((r) => r.figures.rows.filter(([k]) => !long.has(k)).map(([, v]) => text(v).length)));
  const col = (v: string | number) => text(v).padStart(colWidth);
  line(`${''.padEnd(width)} ${results.map((r) => col(`${r.devices} devices`)).join(' ')}`);
  for (const label of labels) {
    const cells = results.map((r) => r.figures.rows.find(([k]) => k === label)![1]);
    line(`${label.padEnd(width)} ${cells.map(col).join(' ')}`);
  }
  for (const r of results) for (const [k, v] of r.figures.rows) if (long.has(k)) line(`${r.devices} devices, ${k}: ${v}`);
  line(`v8 peak_malloced_memory MB (malloc outside the JS heap, process lifetime): ${mb(v8.getHeapStatistics().peak_malloced_memory)}`);
  line(`machine: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (CHECK) {
    const misses = results.flatMap(({ devices, figures }) => [
      ...(figures.rate < TARGET_EVENTS_PER_SECOND ? [`${devices} devices: ${figures.rate.toLocaleString('en-US')} events/s (median) < ${TARGET_EVENTS_PER_SECOND.toLocaleString('en-US')}, at load ${loadavg()[0].toFixed(2)}`] : []),
      ...(figures.deterministic ? [] : [`${devices} devices: a replay differs from the generating lab`]),
    ]);
    line(misses.length ? `bench --check: ${misses.join('; ')}` : 'bench --check: within target.');
    if (misses.length) process.exitCode = 1;
  }
}

main();
