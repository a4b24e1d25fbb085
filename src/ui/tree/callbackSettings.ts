/** A device's callback settings at one layer: read and changed the same way by the settings drawer and the Driver source panel. */
import type { DeviceInput } from '../../model/scenarioEdit';
import { BEHAVIORS } from './callbackGroups';

export type CallbackLayer = 'function' | 'bus' | 'lower-filter' | 'upper-filter';

export function callbacksOf(d: DeviceInput, layer: CallbackLayer): Record<string, string> {
  if (layer === 'function') return d.callbacks ?? {};
  return d.layers?.[layer]?.callbacks ?? {};
}

/** The device with callback `name` at `layer` set to `value` (`default`: the setting removed). */
export function withCallback(d: DeviceInput, layer: CallbackLayer, name: string, value: string): DeviceInput {
  const current = { ...callbacksOf(d, layer) };
  if (value === 'default') delete current[name];
  else current[name] = value;
  const typed = current as Record<string, (typeof BEHAVIORS)[number]>;
  if (layer === 'function') return { ...d, callbacks: typed };
  return { ...d, layers: { ...d.layers, [layer]: { callbacks: typed } } };
}
