/** Trace event kinds as the timeline shows them; a kind the engine adds later shows under its own name. */
import type { TraceEvent } from '../../engine/trace';
import { DEVICE_ACTIONS, EXTRA_ACTION_LABELS } from '../devices/deviceActions';

export interface KindInfo {
  kind: string;
  label: string;
  badge: string;
  className: string;
}

export const KINDS: readonly KindInfo[] = [
  { kind: 'user', label: 'User action', badge: 'USER', className: 'bg-ink text-panel' },
  { kind: 'irp', label: 'IRP', badge: 'IRP', className: 'bg-accent-soft text-accent' },
  { kind: 'callback', label: 'Callback', badge: 'CB', className: 'bg-ok-soft text-ok' },
  { kind: 'call', label: 'Call', badge: 'CALL', className: 'bg-sunken text-ink' },
  { kind: 'notify', label: 'Notification', badge: 'NOTIFY', className: 'bg-warn-soft text-warn' },
  { kind: 'wia', label: 'WIA', badge: 'WIA', className: 'bg-warn-soft text-warn' },
  { kind: 'hw', label: 'Hardware', badge: 'HW', className: 'bg-skip-soft text-ink' },
  { kind: 'state', label: 'State', badge: 'STATE', className: 'bg-skip-soft text-skip' },
  { kind: 'warn', label: 'Warning', badge: 'WARN', className: 'bg-bad-soft text-bad' },
];

export function kindInfo(kind: string): KindInfo {
  return KINDS.find((k) => k.kind === kind) ?? { kind, label: kind, badge: kind.toUpperCase(), className: 'bg-sunken text-ink' };
}

const ACTION_LABELS: Record<string, string> = {
  ...Object.fromEntries(EXTRA_ACTION_LABELS.map((a) => [a.action, a.label])),
  plug: 'Plug in',
  wait: 'Wait',
  staticStopRemove: 'WdfDeviceSetStaticStopRemove',
  ...Object.fromEntries(DEVICE_ACTIONS.map((a) => [a.action, a.label])),
};

/** A user event as a sentence: "Safely Remove Hardware: disk". */
export function describeUserEvent(e: TraceEvent): string {
  const label = ACTION_LABELS[e.name] ?? e.name;
  const port = typeof e.args?.port === 'string' ? ` → ${e.args.port}` : '';
  const ms = typeof e.args?.ms === 'number' ? ` ${e.args.ms} ms` : '';
  const client = typeof e.args?.client === 'string' ? ` (client ${e.args.client})` : '';
  return `${label}${e.device ? `: ${e.device}` : ''}${client}${port}${ms}`;
}

export { isFailedEvent as isFailure } from '../../model/traceRules';
