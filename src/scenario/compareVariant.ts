/**
 * Run B of a comparison: the scenario with its one difference (src/scenario/compare.ts), and which of its steps
 * stand for each step of run A, so the two runs can be aligned step by step. Pure: no engine, no store.
 */
import type { Comparison } from './compare';
import type { ScenarioInput } from './schema';

type DeviceInput = NonNullable<ScenarioInput['devices']>[number];
type StepInput = NonNullable<ScenarioInput['steps']>[number];

export interface Variant {
  /** the scenario of run B (without `compare`) */
  scenario: ScenarioInput;
  /** for step i of run A, the steps of run B that stand for it (none: run B leaves it out; two: B needs one more) */
  steps: number[][];
  /** why run B leaves out a step of run A, by A's step index */
  leftOut: Map<number, string>;
}

function withDevice(s: ScenarioInput, id: string, change: (d: DeviceInput) => DeviceInput): ScenarioInput {
  return { ...s, devices: (s.devices ?? []).map((d) => (d.id === id ? change(d) : d)) };
}

/**
 * The scenario of run B. A framework switch clears the device's callback settings and its static stop/remove count
 * (as the settings drawer does: a KMDF callback name means nothing to a UMDF 1 driver); the bus driver's settings
 * stay (the PDO is KMDF either way). Safely Remove → pulling the cable leaves out the later `unplug` of that device
 * that only finished the safe removal (the cable is already out); pulling the cable → Safely Remove adds that
 * `unplug` right after it (the device is then gone in both runs, and later steps stay possible).
 */
export function variantOf(scenario: ScenarioInput, c: Comparison): Variant {
  const { compare: _compare, ...base } = scenario;
  const n = base.steps?.length ?? 0;
  const identity = (): number[][] => Array.from({ length: n }, (_, i) => [i]);
  switch (c.change) {
    case 'framework':
      return {
        scenario: withDevice(base, c.device, (d) => {
          const to = d.framework === 'umdf1' ? 'kmdf' : 'umdf1';
          const { staticStopRemove: _static, layers, ...rest } = d;
          const bus = layers?.bus;
          return { ...rest, framework: to, callbacks: {}, ...(bus ? { layers: { bus } } : {}) };
        }),
        steps: identity(),
        leftOut: new Map(),
      };
    case 'callback': {
      const layer = c.layer ?? 'function';
      return {
        scenario: withDevice(base, c.device, (d) => layer === 'function'
          ? { ...d, callbacks: { ...d.callbacks, [c.callback]: c.behaviour } }
          : { ...d, layers: { ...d.layers, [layer]: { callbacks: { ...d.layers?.[layer]?.callbacks, [c.callback]: c.behaviour } } } }),
        steps: identity(),
        leftOut: new Map(),
      };
    }
    case 'client':
      return {
        scenario: { ...base, clients: (base.clients ?? []).map((cl) => (cl.id === c.client ? { ...cl, ...(c.onQueryRemove !== undefined ? { onQueryRemove: c.onQueryRemove } : { onProfileQuery: c.onProfileQuery }) } : cl)) },
        steps: identity(),
        leftOut: new Map(),
      };
    case 'openHandles':
      return { scenario: withDevice(base, c.device, (d) => ({ ...d, openHandles: c.openHandles })), steps: identity(), leftOut: new Map() };
    case 'removal':
      return swapRemoval(base, c.step - 1);
  }
}

function swapRemoval(base: ScenarioInput, at: number): Variant {
  const steps = base.steps ?? [];
  const step = steps[at] as Extract<StepInput, { device: string }>;
  const out: StepInput[] = [];
  const map: number[][] = [];
  const leftOut = new Map<number, string>();
  if (step.action === 'safeRemove') {
    // the cable is pulled instead: an unplug that only finished the safe removal has nothing left to do
    let finishing = true;
    steps.forEach((st, i) => {
      if (i === at) {
        map.push([out.length]);
        out.push({ ...st, action: 'unplug' } as StepInput);
        return;
      }
      if (i > at && finishing && 'device' in st && st.device === step.device) {
        if (st.action === 'unplug') {
          finishing = false;
          map.push([]);
          leftOut.set(i, `in run B the cable of ${step.device} was already pulled at step ${at + 1}`);
          return;
        }
        finishing = false;
      }
      map.push([out.length]);
      out.push(st);
    });
  } else {
    steps.forEach((st, i) => {
      if (i === at) {
        map.push([out.length, out.length + 1]);
        out.push({ ...st, action: 'safeRemove' } as StepInput, { action: 'unplug', device: step.device });
        return;
      }
      map.push([out.length]);
      out.push(st);
    });
  }
  return { scenario: { ...base, steps: out }, steps: map, leftOut };
}
