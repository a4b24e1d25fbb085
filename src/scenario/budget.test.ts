/**
 * The work budget (budget.ts): the estimate is a lower bound (checked on the examples, the lessons,
 * every model and framework, and random scenarios), a scenario over the budget is refused before it
 * runs, and one that reaches the cap while running is stopped with a message that says how big it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../engine/errors';
import { LESSONS } from '../lessons';
import { runLab } from '../model/runLab';
import { randomScenario } from '../testing/randomScenario';
import { BROWSER_MAX_EVENTS, estimateEvents } from './budget';
import { parseScenario, parseScenarioText } from './parse';
import { runScenario } from './run';
import type { ScenarioInput } from './schema';

const examples = join(import.meta.dirname, '../../examples');

function errorOf(f: () => unknown): LabError {
  try {
    f();
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error('expected a LabError');
}

/** A scenario that plugs and unplugs `device` on a built-in port `pairs` times. */
function plugUnplug(pairs: number, device: Record<string, unknown> = { id: 'disk', model: 'usb-disk', filters: { lower: 4, upper: 4 } }): ScenarioInput {
  const steps = [];
  for (let i = 0; i < pairs; i++) steps.push({ action: 'plug', device: 'disk', port: 'usb-root-hub:1' }, { action: 'unplug', device: 'disk' });
  return { devices: [device as never], steps: steps as never };
}

describe('estimateEvents: a lower bound on the events a run records', () => {
  const check = (what: string, input: ScenarioInput) => {
    const s = parseScenario(input);
    const actual = runScenario(s).length;
    expect(estimateEvents(s), `${what}: estimate ${estimateEvents(s)} > ${actual} events`).toBeLessThanOrEqual(actual);
    return { estimate: estimateEvents(s), actual };
  };

  it('holds for every example and every lesson scenario', () => {
    for (const f of readdirSync(examples)) check(f, JSON.parse(readFileSync(join(examples, f), 'utf8')) as ScenarioInput);
    for (const l of LESSONS) check(l.id, l.scenario);
  });

  it('holds for a plug and an enable of every model and framework, with 0, 1 and 4+4 filters', () => {
    for (const framework of ['kmdf', 'umdf1'] as const) {
      for (const model of ['usb-scanner', 'usb-disk', 'usb-webcam', 'pci-nic', 'usb-hub']) {
        if (framework === 'umdf1' && model === 'usb-hub') continue;
        for (const filters of [{ lower: 0, upper: 0 }, { lower: 1, upper: 0 }, { lower: 4, upper: 4 }]) {
          const port = model === 'pci-nic' ? 'pci-bus:2' : 'usb-root-hub:3';
          const d = { id: 'd', model, framework, filters };
          const r = check(`${framework} ${model}`, { devices: [d as never], steps: [{ action: 'plug', device: 'd', port }, { action: 'disable', device: 'd' }, { action: 'enable', device: 'd' }] });
          expect(r.estimate).toBeGreaterThan(50); // the plug and the enable count, not only the user events
        }
      }
    }
  });

  it('holds for 300 random valid scenarios (ports named or not, `after`, hung callbacks, handles)', () => {
    let estimated = 0;
    let recorded = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const r = check(`random seed ${seed}`, randomScenario(seed, { steps: 25, devices: 5 }));
      estimated += r.estimate;
      recorded += r.actual;
    }
    // and it is not a useless bound: it finds a good share of the work
    expect(estimated / recorded).toBeGreaterThan(0.15);
  }, 60_000);

  it('a hung callback anywhere counts only the user events (it can block the PnP manager for good)', () => {
    const s = parseScenario({ devices: [{ id: 'disk', model: 'usb-disk', layers: { 'lower-filter': { callbacks: { EvtDeviceD0Exit: 'hang' } } } }], steps: plugUnplug(3).steps });
    expect(estimateEvents(s)).toBe(6);
  });
});

describe('the budget in the browser: refused before running, or stopped at the cap', () => {
  it('a scenario that certainly exceeds the budget is refused at once, with its size', () => {
    // 10,000 plug/unplug pairs of a disk with 8 filters on a root-hub port: at least 10,000 × (1 + 36 + 8 × 11) + 10,000 events
    const input = plugUnplug(10_000);
    const started = performance.now();
    const out = runLab(input);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.stepIndex).toBeUndefined();
    expect(out.error.message).toBe('steps: 20,000 steps would record at least 1,260,000 trace events; the limit is 1,000,000; expected a smaller scenario (the CLI runs bigger ones: npm run -s lab -- run FILE --max-events N)');
    // refused without running: no engine work (a generous bound, not a timing target)
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a scenario whose estimate fits but whose run does not is stopped at the cap, and the message extrapolates the whole', () => {
    // plugs without a port: the estimate counts only user events; the run records far more
    const steps = [];
    for (let i = 0; i < 6000; i++) steps.push({ action: 'plug', device: 'disk' }, { action: 'unplug', device: 'disk' });
    const input = { devices: [{ id: 'disk', model: 'usb-disk', filters: { lower: 4, upper: 4 } }], steps } as ScenarioInput;
    expect(estimateEvents(parseScenario(input))).toBe(12_000);
    const out = runLab(input);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.path).toBe('steps');
    expect(out.error.message).toMatch(/^steps: the run reached the limit of 1,000,000 trace events in steps\[\d+\] \((plug|unplug)\) of 12,000; at that rate all 12,000 steps would record about [\d,]+; expected a smaller scenario/);
    const about = Number(out.error.message.match(/about ([\d,]+)/)![1].replace(/,/g, ''));
    expect(about).toBeGreaterThan(1_500_000);
    expect(out.error.message.length).toBeLessThanOrEqual(300);
  }, 60_000);

  it('more steps than the budget has events: refused before the steps are even validated', () => {
    const steps = Array.from({ length: BROWSER_MAX_EVENTS + 1 }, () => ({ action: 'wait', ms: 1 }));
    const e = errorOf(() => parseScenario({ steps }, { maxEvents: BROWSER_MAX_EVENTS }));
    expect(e.message).toBe('steps: 1,000,001 steps would record at least 1,000,001 trace events (one per step); the limit is 1,000,000; expected a smaller scenario (the CLI runs bigger ones: npm run -s lab -- run FILE --max-events N)');
  });

  it('the CLI wording names --max-events', () => {
    const e = errorOf(() => parseScenarioText(JSON.stringify(plugUnplug(50)), { maxEvents: 1000, cli: true }));
    expect(e.message).toMatch(/^steps: 100 steps would record at least [\d,]+ trace events; the limit is 1,000; expected a smaller scenario, or a higher --max-events \(now 1,000\)$/);
  });
});
