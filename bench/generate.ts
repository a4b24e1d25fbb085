/**
 * Seeded random scenarios for the engine bench and the browser budgets: drawn step by step against a
 * live Lab, so every step is valid when it runs. Each step is picked from the actions possible for the
 * devices' current (settled) states, performed, and settled.
 *
 * Two device sets:
 * - `devices32`: 5 hubs, 19 other USB devices and 7 PCI NICs for the 4 PCI slots (some always waiting for a port);
 * - `devices127`: a full USB bus, 127 devices hubs included (31 hubs and 96 other devices): the most one USB host
 *   controller addresses (a USB device address is 7 bits and address 0 is the default address a device answers on
 *   before the host gives it one: USB 2.0 specification, 9.1.1.4 and 9.4.6 SET_ADDRESS). The root hub's 4 ports and
 *   the 31 hubs' 124 give 128 ports, one more than the devices need.
 * A few devices have filters, open handles (vetoes, deferred removals), a veto-ing callback or a static
 * stop/remove count. No callback `hang`s: a hung callback blocks the PnP thread for the rest of the run.
 */
import type { ModelId } from '../src/engine/bus/catalog';
import { hasStack, type Device } from '../src/engine/device';
import { LabError } from '../src/engine/errors';
import type { Lab, LabAction } from '../src/engine/lab';
import { Rng } from '../src/engine/rng';
import type { TraceEvent } from '../src/engine/trace';
import { parseScenario } from '../src/scenario/parse';
import { createLab } from '../src/scenario/run';
import type { Scenario, ScenarioInput } from '../src/scenario/schema';

export type DeviceInput = NonNullable<ScenarioInput['devices']>[number];

function adder(devices: DeviceInput[]) {
  return (model: ModelId, count: number, extra: (i: number) => Partial<DeviceInput> = () => ({})) => {
    for (let i = 1; i <= count; i++) devices.push({ id: `${model.replace('usb-', '').replace('pci-', '')}${i}`, model, ...extra(i) });
  };
}

/** 32 devices: 5 hubs (24 USB ports in all, 5 taken by the hubs), 19 other USB devices and 7 PCI NICs for the 4 PCI slots. */
export function devices32(): DeviceInput[] {
  const devices: DeviceInput[] = [];
  const add = adder(devices);
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

/** The USB limit: 127 device addresses per host controller, hubs included (see the file's comment). */
export const USB_MAX_DEVICES = 127;

/** 127 USB devices: 31 hubs and 32 disks, 32 scanners and 32 webcams, with the 32-device set's variety every 8 devices. */
export function devices127(): DeviceInput[] {
  const devices: DeviceInput[] = [];
  const add = adder(devices);
  add('usb-hub', 31, (i) => (i % 8 === 5 ? { filters: { upper: 1 } } : {}));
  add('usb-disk', 32, (i) => ({
    ...(i % 8 <= 3 && i % 8 >= 1 ? { filters: { lower: 1, upper: i % 8 === 1 ? 1 : 0 } } : {}),
    ...(i % 8 === 4 ? { openHandles: 1 } : {}),
    ...(i % 8 === 5 ? { callbacks: { EvtDeviceQueryRemove: 'fail' as const } } : {}),
  }));
  add('usb-scanner', 32, (i) => ({
    ...(i % 8 === 1 ? { staticStopRemove: true } : {}),
    ...(i % 8 === 2 ? { filters: { upper: 2 } } : {}),
    ...(i % 8 === 3 ? { openHandles: 1 } : {}),
  }));
  add('usb-webcam', 32, (i) => ({
    ...(i % 8 === 1 ? { openHandles: 2 } : {}),
    ...(i % 8 === 2 ? { filters: { lower: 1 } } : {}),
  }));
  return devices;
}

export function deviceSet(count: number): DeviceInput[] {
  if (count === 32) return devices32();
  if (count === 127) return devices127();
  throw new Error(`device set ${count}: expected 32 or 127`);
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

/** A device below `hub` (at any depth) that is present but not enumerated. */
function hasPresentChild(lab: Lab, hub: Device): boolean {
  const below = subtree(lab, hub);
  below.delete(hub.id);
  for (const id of below) if (lab.devices.get(id)?.state === 'PhysicallyPresent') return true;
  return false;
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
        const free = ports.filter((p) => p.bus === d.model.bus && p.occupant === undefined);
        const below = d.model.ports > 0 && free.length > 0 ? subtree(lab, d) : undefined;
        const allowed = below ? free.filter((p) => !below.has(p.owner)) : free;
        for (const p of allowed) out.push({ step: { action: 'plug', device: d.id, port: p.port }, weight: WEIGHTS.plug / allowed.length });
      }
    } else {
      out.push({ step: { action: 'unplug', device: d.id }, weight: d.model.bus === 'pci' ? PCI_UNPLUG_WEIGHT : WEIGHTS.unplug });
      // A query-remove of a hub with a device below it that is present but not enumerated (PhysicallyPresent) stops the
      // engine with an internal error today (bench/repro-devnode-transition.json: `disable hub21` takes webcam14 from
      // PhysicallyPresent to RemovePending, which devnodeTransitions.ts does not allow): such a hub is not disabled or
      // safely removed until the engine is fixed. The 32-device scenario never meets it (its sha256 is unchanged).
      if (d.state === 'Started' && !(d.model.ports > 0 && hasPresentChild(lab, d))) {
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

export interface Generated {
  scenario: Scenario;
  input: ScenarioInput;
  rejections: number;
  rejectionSamples: string[];
  /** the generating lab's trace (compare a replay with it) */
  events: readonly TraceEvent[];
  ms: number;
}

/** `steps` random valid steps over `devices`, seeded; `title` names the set. */
export function generate(devices: DeviceInput[], steps: number, seed: number): Generated {
  const t0 = performance.now();
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
  return { scenario: parseScenario(input), input, rejections, rejectionSamples, events: lab.trace.events, ms };
}
