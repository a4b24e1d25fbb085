/** How a device looks in the lab: its state as a person would read it, problem codes, effective capabilities. */
import { BUILT_IN_BUSES, CATALOG, type Capabilities, type ModelId } from '../../engine/bus/catalog';
import type { DeviceView } from '../../model/deviceTimeline';
import type { DeviceInput } from '../../model/scenarioEdit';

export type Tone = 'ok' | 'busy' | 'warn' | 'bad' | 'off';

/** Device Manager problem codes (Code N in the device's properties). */
export const PROBLEM_CODES: Record<string, { code: number; text: string }> = {
  CM_PROB_FAILED_START: { code: 10, text: 'This device cannot start.' },
  CM_PROB_DISABLED: { code: 22, text: 'This device is disabled.' },
  CM_PROB_FAILED_ADD: { code: 31, text: 'Windows cannot load the drivers required for this device.' },
  CM_PROB_FAILED_POST_START: { code: 43, text: 'Windows has stopped this device because it has reported problems.' },
  CM_PROB_HELD_FOR_EJECT: { code: 47, text: 'Windows cannot use this hardware device because it has been prepared for safe removal.' },
};

export interface StatusView {
  label: string;
  tone: Tone;
}

export function statusOf(d: DeviceView): StatusView {
  // on a hub that is not plugged in: still on its port, with no power (a surprise-removed devnode still going away says so first)
  if (d.unpowered && d.state === 'PhysicallyAbsent') return { label: 'Unpowered', tone: 'off' };
  if (d.hung) return { label: 'Not responding', tone: 'bad' };
  if (d.problem === 'CM_PROB_DISABLED') return { label: 'Disabled', tone: 'off' };
  if (d.problem === 'CM_PROB_HELD_FOR_EJECT') return { label: 'Safe to remove', tone: 'off' };
  if (d.problem) return { label: 'Failed', tone: 'bad' };
  switch (d.state) {
    case 'Started': return { label: 'Started', tone: 'ok' };
    case 'StopPending': return { label: 'Stop pending', tone: 'warn' };
    case 'Stopped': return { label: 'Stopped', tone: 'warn' };
    case 'RemovePending': return { label: 'Remove pending', tone: 'warn' };
    case 'SurpriseRemoved': return { label: 'Surprise-removed', tone: 'bad' };
    case 'PhysicallyAbsent': return { label: d.port ? 'Waiting' : 'Unplugged', tone: 'off' };
    case 'PhysicallyPresent': return { label: 'Present, not enumerated', tone: 'busy' };
    default: return { label: 'Starting…', tone: 'busy' };
  }
}

export const TONE_CLASSES: Record<Tone, string> = {
  ok: 'bg-ok-soft text-ok border-ok/40',
  busy: 'bg-accent-soft text-accent border-accent/40',
  warn: 'bg-warn-soft text-warn border-warn/40',
  bad: 'bg-bad-soft text-bad border-bad/40',
  off: 'bg-skip-soft text-skip border-skip/40',
};

export function capabilitiesOf(d: DeviceInput): Capabilities {
  return { ...CATALOG[d.model as ModelId].capabilities, ...d.capabilities };
}

export function modelOf(model: string) {
  return CATALOG[model as ModelId];
}

export function busOf(model: string): 'usb' | 'pci' {
  return CATALOG[model as ModelId]?.bus ?? 'usb';
}

/** A port id (`usb-root-hub:2`, `hub:1`) as a person reads it. */
export function portLabel(port: string): string {
  const i = port.lastIndexOf(':');
  const owner = port.slice(0, i);
  const n = port.slice(i + 1);
  const bus = BUILT_IN_BUSES.find((b) => b.id === owner);
  if (bus?.bus === 'pci') return `PCI slot ${n}`;
  if (bus) return `Root hub port ${n}`;
  return `${owner} port ${n}`;
}
