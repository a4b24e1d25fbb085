/** Pure edits of a scenario (the CLI's JSON format): new devices, device settings, steps at the cursor. */
import type { ModelId } from '../engine/bus/catalog';
import { WIA_SERVICE_CLIENT } from '../engine/wia/service';
import type { ScenarioInput } from '../scenario/schema';
import type { RunResult } from './runLab';

export type DeviceInput = NonNullable<ScenarioInput['devices']>[number];
export type StepInput = NonNullable<ScenarioInput['steps']>[number];
export type ClientInput = NonNullable<ScenarioInput['clients']>[number];

export interface EditableScenario {
  title?: string;
  seed: number;
  devices: DeviceInput[];
  /** PnP notification clients (drivers and applications) */
  clients?: ClientInput[];
  steps: StepInput[];
  /** the one difference of a second run shown beside this one (src/scenario/compare.ts) */
  compare?: ScenarioInput['compare'];
}

const ID_BASE: Record<string, string> = {
  'usb-scanner': 'scanner',
  'usb-disk': 'disk',
  'usb-webcam': 'webcam',
  'pci-nic': 'nic',
  'usb-hub': 'hub',
};

export function newDeviceId(model: string, taken: readonly string[]): string {
  const base = ID_BASE[model] ?? (model.replace(/[^A-Za-z0-9]/g, '') || 'device');
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}${i}`)) return `${base}${i}`;
}

export function addDevice(s: EditableScenario, model: ModelId | string): { scenario: EditableScenario; id: string } {
  const id = newDeviceId(model, s.devices.map((d) => d.id));
  return { scenario: { ...s, devices: [...s.devices, { id, model }] }, id };
}

export function removeDevice(s: EditableScenario, id: string): EditableScenario {
  return { ...s, devices: s.devices.filter((d) => d.id !== id) };
}

export function updateDevice(s: EditableScenario, id: string, update: (d: DeviceInput) => DeviceInput): EditableScenario {
  return { ...s, devices: s.devices.map((d) => (d.id === id ? update(d) : d)) };
}

/** True when `id` is already a client's (or the WIA service's own, which it never shares). */
export function isClientIdTaken(id: string, taken: readonly string[]): boolean {
  return taken.includes(id) || id === WIA_SERVICE_CLIENT;
}

/** A free client id: `base`, else `base2`, `base3`... */
export function newClientId(base: string, taken: readonly string[]): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '').replace(/^[^A-Za-z]+/, '') || 'client';
  if (!isClientIdTaken(clean, taken)) return clean;
  for (let i = 2; ; i++) if (!isClientIdTaken(`${clean}${i}`, taken)) return `${clean}${i}`;
}

export function addClient(s: EditableScenario, client: ClientInput): EditableScenario {
  return { ...s, clients: [...(s.clients ?? []), client] };
}

export function updateClient(s: EditableScenario, id: string, update: (c: ClientInput) => ClientInput): EditableScenario {
  return { ...s, clients: (s.clients ?? []).map((c) => (c.id === id ? update(c) : c)) };
}

export function removeClient(s: EditableScenario, id: string): EditableScenario {
  return { ...s, clients: (s.clients ?? []).filter((c) => c.id !== id) };
}

/** How many steps have already happened at `position` (their user event is before the cursor). */
export function stepsBefore(run: RunResult, position: number): number {
  let k = 0;
  while (k < run.stepEvents.length && run.stepEvents[k] < position) k++;
  return k;
}

/**
 * A new step at the cursor: the steps before the cursor stay, later ones are replaced, and when the
 * cursor is before the end the step gets `after` so it lands at the cursor's virtual time
 * (after = the cursor event's t - the start time of the previous step; see scenario/run.ts).
 */
export function insertStepAtCursor(s: EditableScenario, run: RunResult, position: number, step: StepInput): { scenario: EditableScenario; replaced: number } {
  const k = stepsBefore(run, position);
  const kept = s.steps.slice(0, k);
  const atEnd = position >= run.trace.length;
  let placed: StepInput = step;
  if (!atEnd && position > 0) {
    const cursorT = run.trace[position - 1].t;
    const previousStart = k > 0 ? run.trace[run.stepEvents[k - 1]].t : 0;
    placed = { ...step, after: Math.max(0, cursorT - previousStart) };
  }
  return { scenario: { ...s, steps: [...kept, placed] }, replaced: s.steps.length - k };
}

export function describeStep(step: StepInput): string {
  const client = 'client' in step ? ` ${step.client}` : '';
  const device = 'device' in step ? `${client ? ' on' : ''} ${step.device}` : '';
  const port = 'port' in step && step.port ? ` → ${step.port}` : '';
  const ms = step.action === 'wait' ? ` ${step.ms} ms` : '';
  return `${step.action}${client}${device}${port}${ms}`;
}

