/**
 * Engine benchmark: `npm run bench` (tsx bench/engine-bench.ts [--steps N] [--seed S] [--runs R]).
 *
 * `--irp-travel` times runs that record IRPs as they travel (LabConfig.irpTravel), as the lab in the browser does.
 *
 * 1. Generates a seeded random scenario (default 10,000 steps over 32 devices) step by step
 *    against a live Lab, so every step is valid when it runs: each step is drawn from the actions
 *    that are possible for the devices' current states, performed, and settled.
 * 2. Writes it to bench/out/random-10k.json (runnable with `npm run -s lab -- run FILE`).
 * 3. Times `runScenario` on a fresh lab: one warm-up run, then R timed runs (median and best).
 * 4. Measures memory in one extra, untimed run that samples heapUsed every 4,096 trace events.
 *
 * It prints the figures and exits 0. With `--check` it exits 1 when the median is below the target or a
 * replay differs from the generating lab (the speed depends on the machine's load: a miss says the load).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ModelId } from '../src/engine/bus/catalog';
import { hasStack, type Device } from '../src/engine/device';
import { LabError } from '../src/engine/errors';
import type { Lab, LabAction } from '../src/engine/lab';
import { Rng } from '../src/engine/rng';
import type { TraceEvent } from '../src/engine/trace';
import { parseScenario } from '../src/scenario/parse';
import { createLab, runScenario } from '../src/scenario/run';
import type { Scenario, ScenarioInput } from '../src/scenario/schema';

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

const STEPS = option('steps', 10_000);
const SEED = option('seed', 20_240_601);
const RUNS = Math.max(1, option('runs', 5));
const OUT = join(process.cwd(), 'bench', 'out', 'random-10k.json');
/** `--irp-travel`: the timed and memory runs record IRPs as they travel (LabConfig.irpTravel, as the lab in the browser does). */
const IRP_TRAVEL = process.argv.includes('--irp-travel');
/** `--check`: exit 1 below the target (median events/s) or on a replay that differs. */
const CHECK = process.argv.includes('--check');

// ---- devices ------------------------------------------------------------------------------------

type DeviceInput = NonNullable<ScenarioInput['devices']>[number];

/**
 * 32 devices: 5 hubs (24 USB ports in all, 5 taken by the hubs), 19 other USB devices and 7 PCI
 * NICs for the 4 PCI slots, so some devices are always waiting for a port. A few have filters,
 * open handles (vetoes, deferred removals), a veto-ing callback or a static stop/remove count.
 * No callback `hang`s: a hung callback blocks the PnP thread for the rest of the run.
 */
function benchDevices(): DeviceInput[] {
  const devices: DeviceInput[] = [];
  const add = (model: ModelId, count: number, extra: (i: number) => Partial<DeviceInput> = () => ({})) => {
    for (let i = 1; i <= count; i++) devices.push({ id: `${model.replace('usb-', '').replace('pci-', '')}${i}`, model, ...extra(i) });
  };
  add('usb-hub', 5, (i) => (i === 5 ? { filters: { upper: 1 } } : {}));
  add('usb-disk', 8, (i) => ({
    ...(i <= 3 ? { filters: { lower: 1, upper: i === 1 ? 1 : 0 } } : {}),
    ...(i === 4 ? { openHandles: 1 } : {}),
    ...(i === 5 ? { callbacks: { EvtDeviceQueryRemove: 'fail' as const } } : {}),
  }));
  add('usb-scanner', 6, (i) => ({
    ...(i === 1 ? { staticStopRemove: true } : {}),
    ...(i === 2 ? { filters: { upper: 2 } } : {}),
    ...(i === 3 ? { openHandles: 1 } : {}),
  }));
  add('usb-webcam', 6, (i) => ({
    ...(i === 1 ? { openHandles: 2 } : {}),
    ...(i === 2 ? { filters: { lower: 1 } } : {}),
  }));
  add('pci-nic', 7, (i) => ({
    ...(i <= 2 ? { filters: { lower: 1, upper: 1 } } : {}),
    ...(i === 3 ? { callbacks: { EvtDeviceQueryStop: 'fail' as const } } : {}),
    ...(i === 4 ? { capabilities: { NotDisableable: true } } : {}),
  }));
  return devices;
}

// ---- step generation ----------------------------------------------------------------------------

type Step = LabAction;

/** The actions the generator uses, and their relative weights among the possible candidates. */
type BenchAction = 'plug' | 'unplug' | 'safeRemove' | 'disable' | 'enable' | 'rebalance' | 'fail' | 'closeHandles';
const WEIGHTS: Record<BenchAction, number> = {
  plug: 6, unplug: 2, safeRemove: 2, disable: 2, enable: 4, rebalance: 2, fail: 1, closeHandles: 3,
};
/** PCI cards are rarely hot-unplugged; a lower weight keeps them plugged in for most of the run. */
const PCI_UNPLUG_WEIGHT = 0.25;

/** The device and everything plugged (directly or through hubs) below it. */
function subtree(lab: Lab, d: Device): Set<string> {
  const out = new Set<string>([d.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of lab.devices.values()) {
      if (c.port !== undefined && c.parent !== undefined && out.has(c.parent) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Every step that is valid in the lab's current (settled) state, with its weight. */
function candidates(lab: Lab): { step: Step; weight: number }[] {
  const out: { step: Step; weight: number }[] = [];
  const ports = lab.ports();
  for (const d of lab.devices.values()) {
    const caps = d.config.capabilities;
    if (d.port === undefined) {
      if (!hasStack(d)) {
        // A free port of the right bus, never one below the device itself (that would make a loop).
        const below = subtree(lab, d);
        const free = ports.filter((p) => p.bus === d.model.bus && p.occupant === undefined && !below.has(p.owner));
        for (const p of free) out.push({ step: { action: 'plug', device: d.id, port: p.port }, weight: WEIGHTS.plug / free.length });
      }
    } else {
      out.push({ step: { action: 'unplug', device: d.id }, weight: d.model.bus === 'pci' ? PCI_UNPLUG_WEIGHT : WEIGHTS.unplug });
      if (d.state === 'Started') {
        if (caps.Removable && !caps.SurpriseRemovalOK) out.push({ step: { action: 'safeRemove', device: d.id }, weight: WEIGHTS.safeRemove });
        out.push({ step: { action: 'disable', device: d.id }, weight: WEIGHTS.disable });
        out.push({ step: { action: 'rebalance', device: d.id }, weight: WEIGHTS.rebalance });
        out.push({ step: { action: 'fail', device: d.id }, weight: WEIGHTS.fail });
      }
    }
    if (d.problem === 'CM_PROB_DISABLED') out.push({ step: { action: 'enable', device: d.id }, weight: WEIGHTS.enable });
    if (d.openHandles > 0) out.push({ step: { action: 'closeHandles', device: d.id }, weight: WEIGHTS.closeHandles });
  }
  return out;
}

function pickWeighted<T extends { weight: number }>(rng: Rng, items: readonly T[]): T {
  let total = 0;
  for (const it of items) total += it.weight;
  let x = rng.next() * total;
  for (const it of items) {
    x -= it.weight;
    if (x < 0) return it;
  }
  return items[items.length - 1];
}

interface Generated {
  scenario: Scenario;
  input: ScenarioInput;
  rejections: number;
  rejectionSamples: string[];
  /** Digest and length of the generating lab's trace, for the determinism check. */
  digest: string;
  events: number;
  ms: number;
}

function generate(steps: number, seed: number): Generated {
  const t0 = performance.now();
  const devices = benchDevices();
  const base = parseScenario({ seed, devices, steps: [] });
  const lab = createLab(base);
  const rng = new Rng(seed ^ 0x5eed);
  const recorded: Step[] = [];
  let rejections = 0;
  const rejectionSamples: string[] = [];
  while (recorded.length < steps) {
    const options = candidates(lab);
    if (options.length === 0) throw new Error(`no possible action after ${recorded.length} steps`);
    const { step } = pickWeighted(rng, options);
    try {
      lab.perform(step, `steps[${recorded.length}]`);
    } catch (e) {
      if (!(e instanceof LabError)) throw e;
      rejections++;
      if (rejectionSamples.length < 3) rejectionSamples.push(e.message);
      continue;
    }
    lab.settle();
    recorded.push(step);
  }
  const input: ScenarioInput = { title: `Random benchmark: ${steps} steps over ${devices.length} devices (seed ${seed})`, seed, devices, steps: recorded };
  const ms = performance.now() - t0;
  return { scenario: parseScenario(input), input, rejections, rejectionSamples, digest: digest(lab.trace.events), events: lab.trace.events.length, ms };
}

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

function main(): void {
  const gc = getGc();
  const gen = generate(STEPS, SEED);
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(gen.input, null, 1) + '\n');

  // Warm-up (also the determinism check against the generating lab).
  const kinds = new Map<string, number>();
  let replayDigest: string;
  let deterministic: boolean;
  {
    const warm = runScenario(gen.scenario, createLab(gen.scenario));
    replayDigest = digest(warm);
    deterministic = warm.length === gen.events && replayDigest === gen.digest;
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

  const line = (k: string, v: string | number) => process.stdout.write(`${k}: ${v}\n`);
  line('steps', gen.input.steps?.length ?? 0);
  line('irpTravel (--irp-travel)', IRP_TRAVEL ? 'yes: IRPs recorded on their way down and back up' : 'no');
  line('devices', gen.input.devices?.length ?? 0);
  line('trace events', events);
  line(`wall time ms (median of ${RUNS})`, median.toFixed(1));
  line(`wall time ms (best of ${RUNS})`, best.toFixed(1));
  line('trace events per second (median)', Math.round(events / (median / 1000)));
  line('trace events per second (best)', Math.round(events / (best / 1000)));
  line('target', `>= ${TARGET_EVENTS_PER_SECOND} events/s`);
  line('peak heapUsed MB (max of process.memoryUsage().heapUsed sampled every 4096 events during one run)', mb(peak));
  line('heapUsed MB before that run (after gc)', mb(baseline));
  line('heap retained by one run MB (lab + trace, after gc)', mb(retained));
  line('v8 peak_malloced_memory MB (malloc outside the JS heap, process lifetime)', mb(v8.getHeapStatistics().peak_malloced_memory));
  line('virtual time ms', virtualMs);
  line('rejected picks (LabError while generating)', gen.rejections);
  for (const r of gen.rejectionSamples) line('  rejected', r);
  line('generation ms (pick + perform + settle, untimed)', gen.ms.toFixed(0));
  line('deterministic replay (same trace as the generating lab)', deterministic && memRunSame ? `yes (sha256 ${replayDigest})` : 'NO: a replay differs from the generating lab (engine bug)');
  line('steps by action', [...counts].map(([k, v]) => `${k}=${v}`).join(' '));
  line('events by kind', [...kinds].map(([k, v]) => `${k}=${v}`).join(' '));
  line('scenario written to', OUT);
  line('machine', `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (CHECK) {
    const rate = Math.round(events / (median / 1000));
    const misses = [
      ...(rate < TARGET_EVENTS_PER_SECOND ? [`${rate.toLocaleString('en-US')} events/s (median) < ${TARGET_EVENTS_PER_SECOND.toLocaleString('en-US')}, at load ${loadavg()[0].toFixed(2)}`] : []),
      ...(deterministic && memRunSame ? [] : ['a replay differs from the generating lab']),
    ];
    process.stdout.write(misses.length ? `bench --check: ${misses.join('; ')}\n` : 'bench --check: within target.\n');
    if (misses.length) process.exitCode = 1;
  }
}

main();
