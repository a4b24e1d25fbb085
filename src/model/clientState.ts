/**
 * Notification clients as the trace shows them: the scenario's clients and the WIA service's own
 * (`stisvc`, `stisvc:<scanner>`), whether each is registered and which handle it holds at any cursor
 * position, and the notifications it received. Built once per run; read with binary searches.
 */
import type { ClientConfig } from '../engine/notify/clients';
import { WIA_SERVICE_CLIENT } from '../engine/wia/service';
import { countBefore, lastBefore } from './deviceTimeline';
import type { RunResult } from './runLab';
import type { ClientInput } from './scenarioEdit';

/** A client as the panel shows it: the engine's configuration, and whether it is one of the WIA service's own (read-only). */
export type ClientDescriptor = Omit<ClientConfig, 'service'> & {
  system: boolean;
};

export interface ClientChange {
  index: number;
  registered: boolean;
  handle: string | undefined;
}

export interface ClientTrack {
  changes: ClientChange[];
  /** trace indices of the notify events it received */
  received: number[];
}

export interface ClientView {
  registered: boolean;
  handle: string | undefined;
  /** trace indices of the notifications received before the cursor */
  received: number[];
}

/** A user-mode hardware-profile client's registration is its top-level window (engine: notify/clients.ts WINDOW_CALLS). */
const REGISTER = new Set(['IoRegisterPlugPlayNotification', 'CM_Register_Notification', 'CreateWindowEx']);
const UNREGISTER = new Set(['IoUnregisterPlugPlayNotificationEx', 'CM_Unregister_Notification', 'DestroyWindow']);
const OPEN = new Set(['ZwCreateFile', 'CreateFile']);
const CLOSE = new Set(['ZwClose', 'CloseHandle']);

export function describeClient(c: ClientInput, system = false): ClientDescriptor {
  return {
    id: c.id, mode: c.mode, category: c.category, interfaceClass: c.interfaceClass, target: c.target,
    includeExisting: c.includeExisting ?? false, onQueryRemove: c.onQueryRemove ?? 'close', onProfileQuery: c.onProfileQuery ?? 'allow',
    registered: c.registered ?? true, inCallback: c.inCallback, system,
  };
}

/** The WIA service's clients, as the engine declares them when the scenario has scanners (src/engine/lab.ts). */
export function systemClients(run: RunResult): ClientDescriptor[] {
  const scanners = run.scenario.devices.filter((d) => d.model === 'usb-scanner');
  if (scanners.length === 0) return [];
  return [
    describeClient({ id: WIA_SERVICE_CLIENT, mode: 'user', category: 'DeviceInterfaceChange', interfaceClass: 'GUID_DEVINTERFACE_IMAGE' }, true),
    ...scanners.map((s) => describeClient({ id: `${WIA_SERVICE_CLIENT}:${s.id}`, mode: 'user', category: 'TargetDeviceChange', target: s.id, registered: false }, true)),
  ];
}

const tracks = new WeakMap<RunResult, Map<string, ClientTrack>>();

export function trackClients(run: RunResult): Map<string, ClientTrack> {
  const hit = tracks.get(run);
  if (hit) return hit;
  const out = new Map<string, ClientTrack>();
  const state = new Map<string, { registered: boolean; handle: string | undefined }>();
  run.trace.forEach((e, index) => {
    if (e.client === undefined || (e.kind !== 'call' && e.kind !== 'notify')) return;
    let t = out.get(e.client);
    if (!t) out.set(e.client, (t = { changes: [], received: [] }));
    if (e.kind === 'notify') {
      t.received.push(index);
      return;
    }
    const s = state.get(e.client) ?? { registered: false, handle: undefined };
    if (REGISTER.has(e.name)) s.registered = true;
    else if (UNREGISTER.has(e.name)) s.registered = false;
    else if (OPEN.has(e.name)) s.handle = typeof e.args?.Device === 'string' ? e.args.Device : e.device;
    else if (CLOSE.has(e.name)) s.handle = undefined;
    else return;
    state.set(e.client, { ...s });
    t.changes.push({ index, registered: s.registered, handle: s.handle });
  });
  tracks.set(run, out);
  return out;
}


export function clientAt(run: RunResult, id: string, position: number): ClientView {
  const t = trackClients(run).get(id);
  if (!t) return { registered: false, handle: undefined, received: [] };
  const last = lastBefore(t.changes, position);
  return { registered: last?.registered ?? false, handle: last?.handle, received: t.received.slice(0, countBefore(t.received, position, (i) => i)) };
}

const docks = new WeakMap<RunResult, { index: number; docked: boolean }[]>();

/** When the hardware profile changed: a dock/undock takes effect once it completes, unless it was vetoed. */
function dockChanges(run: RunResult): { index: number; docked: boolean }[] {
  const hit = docks.get(run);
  if (hit) return hit;
  const out: { index: number; docked: boolean }[] = [];
  const open = new Map<number, { index: number; dock: boolean; vetoed: boolean; completed: number | undefined }>();
  run.trace.forEach((e, i) => {
    if (e.kind === 'user' && (e.name === 'dock' || e.name === 'undock')) open.set(e.seq, { index: i, dock: e.name === 'dock', vetoed: false, completed: undefined });
    const op = e.cause !== undefined ? open.get(e.cause) : undefined;
    if (!op) return;
    if (e.kind === 'state' && e.args?.Operation === 'HwProfileChange') op.vetoed = true;
    if (e.kind === 'notify' && op.completed === undefined && /HWPROFILE_CHANGE_COMPLETE|DBT_CONFIGCHANGED/.test(e.name)) op.completed = i;
  });
  for (const op of open.values()) if (!op.vetoed) out.push({ index: op.completed ?? op.index, docked: op.dock });
  out.sort((a, b) => a.index - b.index);
  docks.set(run, out);
  return out;
}

/** Docked or not at the cursor. */
export function dockedAt(run: RunResult, position: number): boolean {
  return lastBefore(dockChanges(run), position)?.docked ?? false;
}

/** What a client does, in a few words. */
export function behaviourOf(c: ClientDescriptor): string[] {
  const out: string[] = [];
  if (c.category === 'TargetDeviceChange') {
    out.push({ close: 'closes its handle on query-remove', veto: 'vetoes query-remove', keepOpen: 'keeps its handle open' }[c.onQueryRemove]);
  }
  if (c.category === 'HardwareProfileChange') out.push(c.onProfileQuery === 'veto' ? 'vetoes dock/undock' : 'allows dock/undock');
  if (c.includeExisting) out.push('INCLUDE_EXISTING_INTERFACES');
  if (c.inCallback === 'reportSync') out.push('calls IoReportTargetDeviceChange in its callback');
  if (c.inCallback === 'reportAsync') out.push('calls IoReportTargetDeviceChangeAsynchronous in its callback');
  if (!c.registered) out.push('registers on request');
  return out;
}
