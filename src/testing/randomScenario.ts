/**
 * Seeded random valid scenarios for tests (the work budget's estimate, the malformed-input corpus):
 * a few devices, then steps drawn one at a time from what is possible in a live lab, timed the way
 * runScenario times them (settled, or `after` N ms), so the scenario replays without error.
 */
import type { ModelId } from '../engine/bus/catalog';
import { hasStack } from '../engine/device';
import { LabError } from '../engine/errors';
import type { Lab, LabAction } from '../engine/lab';
import { Rng } from '../engine/rng';
import { parseScenario } from '../scenario/parse';
import { createLab } from '../scenario/run';
import type { ScenarioInput } from '../scenario/schema';

type DeviceInput = NonNullable<ScenarioInput['devices']>[number];
type StepInput = NonNullable<ScenarioInput['steps']>[number];

export interface RandomScenarioOptions {
  steps?: number;
  devices?: number;
  /** share of steps given `after` (0 … 50 ms) */
  afterRate?: number;
  /** share of plugs that name their port */
  portRate?: number;
  /** chance that one device's function driver hangs in EvtDeviceD0Exit */
  hangRate?: number;
}

const MODELS: ModelId[] = ['usb-hub', 'usb-disk', 'usb-scanner', 'usb-webcam', 'pci-nic', 'usb-hub'];

function randomDevices(rng: Rng, n: number, hang: boolean): DeviceInput[] {
  const out: DeviceInput[] = [];
  for (let i = 0; i < n; i++) {
    const model = MODELS[rng.int(MODELS.length)];
    const d: DeviceInput = { id: `${model.replace(/^(usb|pci)-/, '')}${i + 1}`, model };
    if (rng.next() < 0.4) d.filters = { lower: rng.int(3), upper: rng.int(3) };
    if (model !== 'usb-hub' && rng.next() < 0.2) d.framework = 'umdf1';
    if (d.framework !== 'umdf1' && rng.next() < 0.15) d.callbacks = { EvtDeviceQueryRemove: 'fail' };
    if (rng.next() < 0.15) d.openHandles = 1 + rng.int(2);
    out.push(d);
  }
  if (hang) {
    const k = out.findIndex((d) => d.framework !== 'umdf1');
    if (k >= 0) out[k] = { ...out[k], callbacks: { ...out[k].callbacks, EvtDeviceD0Exit: 'hang' } };
  }
  return out;
}

/** Steps possible in the lab's present state (the checks runScenario will make), plus waits. */
function candidates(lab: Lab, rng: Rng, portRate: number): LabAction[] {
  const out: LabAction[] = [{ action: 'wait', ms: 1 + rng.int(500) }];
  const ports = lab.ports();
  for (const d of lab.devices.values()) {
    if (d.port === undefined) {
      if (hasStack(d)) continue;
      const free = ports.filter((p) => p.bus === d.model.bus && p.occupant === undefined && p.owner !== d.id);
      if (free.length === 0) continue;
      out.push(rng.next() < portRate ? { action: 'plug', device: d.id, port: free[rng.int(free.length)].port } : { action: 'plug', device: d.id });
    } else {
      out.push({ action: 'unplug', device: d.id });
      if (d.state === 'Started') {
        const caps = d.config.capabilities;
        if (caps.Removable && !caps.SurpriseRemovalOK) out.push({ action: 'safeRemove', device: d.id });
        out.push({ action: 'disable', device: d.id }, { action: 'rebalance', device: d.id }, { action: 'fail', device: d.id });
      }
    }
    if (d.problem === 'CM_PROB_DISABLED') out.push({ action: 'enable', device: d.id });
    if (d.openHandles > 0) out.push({ action: 'closeHandles', device: d.id });
  }
  return out;
}

/** A random scenario (CLI format) that runs without error; the same seed gives the same scenario. */
export function randomScenario(seed: number, opts: RandomScenarioOptions = {}): ScenarioInput {
  const rng = new Rng(seed);
  const { steps = 30, devices = 5, afterRate = 0.15, portRate = 0.5, hangRate = 0.1 } = opts;
  const input: ScenarioInput = { seed, devices: randomDevices(rng, devices, rng.next() < hangRate), steps: [] };
  const lab = createLab(parseScenario(input));
  const out: StepInput[] = [];
  let previousStart = 0;
  for (let tries = 0; out.length < steps && tries < steps * 4; tries++) {
    const options = candidates(lab, rng, portRate);
    const action = options[rng.int(options.length)];
    const after = rng.next() < afterRate ? rng.int(50) : undefined;
    // time it as runScenario will; once time has moved, a refused step ends the scenario (a replay
    // without that step would not have moved the clock)
    if (after !== undefined) lab.runUntil(previousStart + after);
    else lab.settle();
    const start = lab.now;
    try {
      lab.perform(action, `steps[${out.length}]`);
    } catch (e) {
      if (!(e instanceof LabError)) throw e;
      if (after !== undefined) break;
      continue;
    }
    previousStart = start;
    out.push(after === undefined ? (action as StepInput) : ({ ...action, after } as StepInput));
    if (lab.shutDown) break;
  }
  return { ...input, steps: out };
}
