/**
 * The user actions: what each one does, as a map from the action's name to its handler (the Lab validates the action
 * and records its `user` event first: lab.ts `perform`). Most queue a PnP operation for the PnP manager's thread.
 */
import type { EngineContext } from './context';
import type { Device } from './device';
import { hasStack } from './device';
import { buildLayers } from './driverStack';
import { CLIENT_CALLS, registrationCalls, type Client } from './notify/clients';
import type { Notifications } from './notify/registry';
import type { PnpManager } from './pnp/manager';
import type { Yield } from './scheduler';
import { childInD0, isIdle } from './topology';

export type DeviceAction = 'unplug' | 'safeRemove' | 'disable' | 'enable' | 'rebalance' | 'fail' | 'closeHandles' | 'idle' | 'wake';
export type LabAction =
  | { action: 'plug'; device: string; port?: string }
  | { action: Exclude<DeviceAction, 'idle' | 'wake'>; device: string }
  /** armForWake: the power policy owner's idle settings, IdleCanWakeFromS0 (true, the default) or IdleCannotWakeFromS0. */
  | { action: 'idle'; device: string; armForWake?: boolean }
  /** by: the device signals wake (the default when it was armed), or I/O arrives for it (the default when it was not). */
  | { action: 'wake'; device: string; by?: 'device' | 'io' }
  | { action: 'wait'; ms: number }
  | { action: 'staticStopRemove'; device: string; stoppable: boolean }
  | { action: 'register' | 'unregister' | 'closeHandle'; client: string }
  | { action: 'openHandle'; client: string; device: string }
  | { action: 'customEvent'; device: string; guid: string; async?: boolean }
  | { action: 'dock' | 'undock' | 'shutdown' }
  | { action: 'connectApp' | 'releaseApp'; device: string; app?: string }
  | { action: 'scan'; device: string; tymed?: 'memory' | 'file'; pages?: number }
  | { action: 'appCancel' | 'hardwareCancel' | 'asyncCancel' | 'paperJam'; device: string }
  | { action: 'appError'; device: string; hr: string };

export type ActionName = LabAction['action'];

/** What an action handler may use: the engine's services, with the PnP manager's queue and the clients' actions. */
export interface ActionServices extends EngineContext {
  readonly pnp: PnpManager;
  readonly notifications: Notifications;
}

/** The action's target, resolved and validated: its device and client (when it names them), its user event, its path. */
export interface ActionTarget {
  device: Device | undefined;
  client: Client | undefined;
  /** seq of the action's `user` event */
  cause: number;
  path: string;
  /** the user event's args (a plug without a port: the port the lab picked) */
  args: Record<string, unknown> | undefined;
}

/** The action named `K`, with its own fields (an action type that several names share included). */
type ActionOf<K extends ActionName> = LabAction extends infer A ? (A extends { action: infer N } ? (K extends N ? A : never) : never) : never;

type Handler<K extends ActionName> = (s: ActionServices, action: ActionOf<K>, t: ActionTarget) => void;

/** One handler per action: the compiler checks that every action has one, with the action's own fields. */
export const ACTIONS: { readonly [K in ActionName]: Handler<K> } = {
  plug: (s, a, t) => plug(s, t.device!, a.port ?? (t.args!.port as string), t.cause),
  unplug: (s, _a, t) => unplug(s, t.device!, t.cause),
  safeRemove: (s, _a, t) => s.pnp.request(t.device!, 'pnp.orderlyRemoval', t.cause, { mode: 'eject', problem: 'CM_PROB_HELD_FOR_EJECT' }, (d) => d.state === 'Started'),
  disable: (s, _a, t) => s.pnp.request(t.device!, 'pnp.orderlyRemoval', t.cause, { mode: 'disable', problem: 'CM_PROB_DISABLED' }, (d) => d.state === 'Started'),
  enable: (s, _a, t) => {
    t.device!.hostRestarts = 0; // a new device instance (wdf/how-umdf-handles-driver-failures.md)
    s.pnp.request(t.device!, 'pnp.enable', t.cause, {}, (d) => d.problem === 'CM_PROB_DISABLED');
  },
  rebalance: (s, _a, t) => s.pnp.request(t.device!, 'pnp.rebalance', t.cause, { problem: 'CM_PROB_FAILED_POST_START' }, (d) => d.state === 'Started'),
  fail: (s, _a, t) => s.pnp.request(t.device!, 'pnp.reportedFailure', t.cause, { problem: 'CM_PROB_FAILED_POST_START' }, (d) => d.state === 'Started'),
  closeHandles: (s, _a, t) => {
    t.device!.openHandles = 0;
    s.runtime.scheduler.signal('pnp:removable');
  },
  wait: (s, a) => s.runtime.scheduler.spawn(sleep(a.ms)),
  staticStopRemove: (s, a, t) => setStaticStopRemove(s, t.device!, a.stoppable, t.cause),
  idle: (s, a, t) => {
    const device = t.device!;
    device.idleArmsForWake = a.armForWake !== false;
    s.pnp.request(device, 'power.idle', t.cause, {}, (d) => d.state === 'Started' && !isIdle(d) && childInD0(s.devnodes, d) === undefined, { ArmForWake: String(device.idleArmsForWake) });
  },
  wake: (s, a, t) => s.pnp.request(t.device!, 'power.wake', t.cause, { problem: 'CM_PROB_FAILED_POST_START' }, (d) => d.state === 'Started' && isIdle(d), { By: a.by ?? (t.device!.idleArmsForWake ? 'device' : 'io') }),
  register: (s, _a, t) => s.runtime.scheduler.spawn(s.notifications.register(t.client!, t.cause)),
  unregister: (s, _a, t) => {
    const c = t.client!;
    s.runtime.scheduler.spawn(s.notifications.clientCall(c, registrationCalls(c).unregister, t.cause, 'lab/unregister', undefined, () => { c.registered = false; c.registeredOn = undefined; }));
  },
  openHandle: (s, _a, t) => {
    const c = t.client!;
    const d = t.device!;
    s.runtime.scheduler.spawn(s.notifications.clientCall(c, CLIENT_CALLS[c.config.mode].open, t.cause, 'lab/openHandle', { Device: d.id }, () => { c.handle = d.id; }));
  },
  closeHandle: (s, _a, t) => {
    const c = t.client!;
    s.runtime.scheduler.spawn(s.notifications.clientCall(c, CLIENT_CALLS[c.config.mode].close, t.cause, 'lab/closeHandle', { Handle: c.handle! }, () => s.notifications.clientClosed(c)));
  },
  customEvent: (s, a, t) => s.runtime.scheduler.spawn(s.notifications.reportCustomEvent(t.device!, a.guid, a.async === true, t.cause)),
  dock: (s, a, t) => s.pnp.request(undefined, 'pnp.hwProfileChange', t.cause, {}, undefined, { Change: a.action }),
  undock: (s, a, t) => s.pnp.request(undefined, 'pnp.hwProfileChange', t.cause, {}, undefined, { Change: a.action }),
  connectApp: (s, a, t) => s.wia!.connect(s.wia!.scannerFor(t.device!.id, `${t.path}.device`), a.app ?? 'app', t.cause),
  releaseApp: (s, a, t) => s.wia!.release(s.wia!.scannerFor(t.device!.id, `${t.path}.device`), a.app ?? 'app', t.cause),
  scan: (s, a, t) => {
    const scanner = s.wia!.scannerFor(t.device!.id, `${t.path}.device`);
    s.wia!.scan(scanner, scanner.apps[0] ?? 'app', a.tymed ?? 'memory', a.pages ?? 1, t.cause);
  },
  appCancel: (s, _a, t) => { s.wia!.scanners.get(t.device!.id)!.transfer!.appResponse = 'S_FALSE'; },
  appError: (s, a, t) => { s.wia!.scanners.get(t.device!.id)!.transfer!.appResponse = a.hr; },
  hardwareCancel: (s, _a, t) => { s.wia!.scanners.get(t.device!.id)!.transfer!.hardwareCancel = true; },
  paperJam: (s, _a, t) => { s.wia!.scanners.get(t.device!.id)!.transfer!.jam = true; },
  asyncCancel: (s, _a, t) => s.wia!.asyncCancel(s.wia!.scanners.get(t.device!.id)!, t.cause),
  shutdown: (s, _a, t) => s.runtime.scheduler.spawn(s.pnp.shutdown(t.cause)),
};

/**
 * The tables each action starts itself (a queued PnP operation, a WIA service call), for systemGraph(): the
 * flowchart's and the docs' roots. systemGraph.test.ts checks it against the runs the engine starts for each step.
 */
export const ACTION_TABLES: { readonly [K in ActionName]?: readonly string[] } = {
  plug: ['pnp.arrival'],
  unplug: ['pnp.surpriseRemoval'],
  safeRemove: ['pnp.orderlyRemoval'],
  disable: ['pnp.orderlyRemoval'],
  enable: ['pnp.enable'],
  rebalance: ['pnp.rebalance'],
  fail: ['pnp.reportedFailure'],
  idle: ['power.idle'],
  wake: ['power.wake'],
  customEvent: ['pnp.customEvent'],
  dock: ['pnp.hwProfileChange'],
  undock: ['pnp.hwProfileChange'],
  shutdown: ['wia.unload', 'power.shutdown'],
  connectApp: ['wia.connect'],
  releaseApp: ['wia.release'],
  scan: ['wia.scan'],
  asyncCancel: ['wia.asyncCancel'],
};

/** Runs the action's handler (one call site, so the map's per-action types meet here). */
export function runAction(s: ActionServices, action: LabAction, t: ActionTarget): void {
  (ACTIONS[action.action] as Handler<ActionName>)(s, action, t);
}

function* sleep(ms: number): Generator<Yield, void, void> {
  yield ms;
}

function plug(s: ActionServices, d: Device, port: string, cause: number): void {
  d.port = port;
  d.parent = d.port.slice(0, d.port.lastIndexOf(':'));
  d.openHandles = d.config.openHandles;
  d.reportedMissing = false;
  d.hostRestarts = 0;
  d.layers = buildLayers(d, s.devnodes.busDriverOf(d));
  const parent = s.devnodes.parentDevice(d);
  if (parent === undefined || parent.state === 'Started') {
    s.pnp.request(d, 'pnp.arrival', cause, {}, undefined);
  } else {
    s.devnodes.setState(d, 'PhysicallyPresent', undefined, cause, 'lab/plug');
  }
}

function unplug(s: ActionServices, d: Device, cause: number): void {
  const subtree = s.devnodes.subtreePostOrder(d);
  const enumerated = subtree.some(hasStack);
  d.port = undefined;
  if (!enumerated) {
    for (const x of subtree) s.devnodes.setState(x, 'PhysicallyAbsent', undefined, cause, 'lab/unplug');
    return;
  }
  for (const x of subtree) s.wia?.hardwareGone(x);
  s.pnp.request(d, 'pnp.surpriseRemoval', cause, {}, undefined);
}

function setStaticStopRemove(s: ActionServices, d: Device, stoppable: boolean, cause: number): void {
  const emit = s.runtime.emit.bind(s.runtime);
  const f = d.layers.find((l) => l.layer === 'function' && l.deviceObject);
  if (!f) {
    emit({ kind: 'warn', name: 'WdfDeviceSetStaticStopRemove', device: d.id, args: { message: `No driver of "${d.id}" is loaded, so nothing calls WdfDeviceSetStaticStopRemove.` }, at: 'lab/staticStopRemove' }, cause);
    return;
  }
  emit({ kind: 'call', name: 'WdfDeviceSetStaticStopRemove', device: d.id, layer: 'function', driver: f.driver, args: { Stoppable: stoppable ? 'TRUE' : 'FALSE' }, at: 'lab/staticStopRemove' }, cause);
  if (!stoppable) f.staticStopCount++;
  else if (f.staticStopCount > 0) f.staticStopCount--;
  else emit({ kind: 'warn', name: 'WdfDeviceSetStaticStopRemove', device: d.id, layer: 'function', driver: f.driver, args: { message: 'WdfDeviceSetStaticStopRemove(TRUE) without an earlier FALSE: the calls are counted and must be balanced (Driver Verifier would break here).' }, at: 'lab/staticStopRemove' }, cause);
}
