/**
 * Each device's timeline over one run: when its devnode state, problem code, port, driver stack and
 * power state changed, its hangs, vetoes and the user actions on it. Built once per run; `deviceAt`
 * reads what the lab looked like at any cursor position with a binary search. (Not an undo history:
 * Undo and Redo live in the lab store, store/labStore.ts.)
 */
import { KMDF_CALLBACKS } from '../engine/tables/registry';
import type { TraceEvent } from '../engine/trace';
import type { RunResult, StackLayer } from './runLab';

export interface StateChange {
  index: number;
  state: string;
  problem: string | undefined;
}

export interface PlacementChange {
  index: number;
  port: string | undefined;
  stack: StackLayer[];
}

/** The function driver's device power state, from the IRP_MN_SET_POWER it gets (D0 again whenever the devnode starts). */
export interface PowerChange {
  index: number;
  power: 'D0' | 'D3';
}

export interface DeviceTimeline {
  states: StateChange[];
  placements: PlacementChange[];
  power: PowerChange[];
  /** trace indices of callbacks that never returned */
  hangs: number[];
  /** trace indices of the vetoes of operations on this device (PNP_Veto… state events) */
  vetoes: number[];
  /** trace indices of the user events that act on this device */
  actions: number[];
}

export interface DeviceView {
  id: string;
  model: string;
  state: string;
  problem: string | undefined;
  port: string | undefined;
  /** id of the bus or hub that owns the port */
  parent: string | undefined;
  /** the bus or hub it was last plugged into (a surprise-removed devnode stays there until removed) */
  lastParent: string | undefined;
  stack: StackLayer[];
  hung: boolean;
  /** the function driver's power state: D3 after `idle`, D0 after `wake` or a start */
  power: 'D0' | 'D3';
  /**
   * On a port of a hub that is itself not plugged in (directly or further up): the device is still
   * on that port but has no power, so it is not present (its devnode is gone until the hub is back).
   */
  unpowered: boolean;
  /** trace index of the veto of the last operation on the device, until the next action on it */
  veto: number | undefined;
}

export type DeviceTimelines = Map<string, DeviceTimeline>;

export function buildDeviceTimelines(run: RunResult): DeviceTimelines {
  const timelines = emptyTimelines(run.scenario);
  addEvents(timelines, run.trace, 0);
  addPlacements(timelines, run.ports, 0);
  return timelines;
}

/** Timelines with no entries yet, one per scenario device: filled with addEvents and addPlacements (a run as it streams in). */
export function emptyTimelines(scenario: RunResult['scenario']): DeviceTimelines {
  const timelines: DeviceTimelines = new Map();
  for (const d of scenario.devices) timelines.set(d.id, { states: [], placements: [], power: [], hangs: [], vetoes: [], actions: [] });
  return timelines;
}

/**
 * Adds what `trace[from ..]` says about each device (events in order, each once). With `deferred` (a run still
 * streaming in), an IRP_MN_SET_POWER whose result is still pending is left out and its index put in `deferred`:
 * once its result is known, addDeferredPower adds it where it belongs.
 */
export function addEvents(timelines: DeviceTimelines, trace: readonly TraceEvent[], from: number, deferred?: Set<number>): void {
  for (let index = from; index < trace.length; index++) {
    const e = trace[index];
    const h = e.device === undefined ? undefined : timelines.get(e.device);
    if (!h) continue;
    // a transition (From), or a problem code set while the state stays (Problem, no From); vetoes have neither
    if (e.kind === 'state' && e.args && ('From' in e.args || 'Problem' in e.args)) {
      h.states.push({ index, state: e.name, problem: e.args.Problem as string | undefined });
      if (e.name === 'Started') h.power.push({ index, power: 'D0' });
    }
    if (isSetPower(e)) {
      if (deferred && e.result === 'STATUS_PENDING') deferred.add(index);
      else addPower(h, e, index);
    }
    if (e.kind === 'warn' && KMDF_CALLBACKS.has(e.name)) h.hangs.push(index);
    if (e.kind === 'state' && e.args && 'VetoType' in e.args) h.vetoes.push(index);
    if (e.kind === 'user') h.actions.push(index);
  }
}

function isSetPower(e: TraceEvent): boolean {
  return e.kind === 'irp' && e.name === 'IRP_MN_SET_POWER' && e.layer === 'function' && typeof e.args?.State === 'string';
}

/** Where the function driver acts on the device: a D0 IRP it passed down untouched (irpTravel) has not powered it up yet. */
function addPower(h: DeviceTimeline, e: TraceEvent, index: number): void {
  if (e.pass === 'down' && e.result === undefined) return;
  const change: PowerChange = { index, power: e.args!.State === 'PowerDeviceD0' ? 'D0' : 'D3' };
  // in index order (a deferred one may come after later ones)
  const at = countBefore(h.power, index, (p) => p.index);
  if (at === h.power.length) h.power.push(change);
  else h.power.splice(at, 0, change);
}

/** The deferred IRP_MN_SET_POWER events of `indices` whose result is now known (`all`: every one, the run is over). */
export function addDeferredPower(timelines: DeviceTimelines, trace: readonly TraceEvent[], deferred: Set<number>, indices: Iterable<number>, all = false): void {
  for (const index of indices) {
    const e = trace[index];
    if (!deferred.has(index) || (!all && e.result === 'STATUS_PENDING')) continue;
    deferred.delete(index);
    const h = e.device === undefined ? undefined : timelines.get(e.device);
    if (h) addPower(h, e, index);
  }
}

/** Adds the placements of `ports[from ..]`. */
export function addPlacements(timelines: DeviceTimelines, ports: RunResult['ports'], from: number): void {
  for (let i = from; i < ports.length; i++) {
    const p = ports[i];
    timelines.get(p.device)?.placements.push({ index: p.index, port: p.port, stack: p.stack });
  }
}

/** Last entry whose index is before `position` (the number of events applied). */
export function lastBefore<T extends { index: number }>(list: readonly T[], position: number): T | undefined {
  const n = countBefore(list, position, (x) => x.index);
  return n > 0 ? list[n - 1] : undefined;
}

/** How many entries of `list` (sorted by `indexOf`) come before `position`: a binary search. */
export function countBefore<T>(list: readonly T[], position: number, indexOf: (item: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (indexOf(list[mid]) < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function parentOfPort(port: string | undefined): string | undefined {
  return port === undefined ? undefined : port.slice(0, port.lastIndexOf(':'));
}

export function deviceAt(run: RunResult, timelines: DeviceTimelines, position: number): DeviceView[] {
  const views = placeDevices(run, timelines, position);
  const byId = new Map(views.map((v) => [v.id, v]));
  // a device is powered while its chain of hubs reaches a built-in bus (a hub's parent is a device id; a bus's is not)
  const unpowered = (v: DeviceView, depth = 0): boolean => {
    const hub = v.parent === undefined ? undefined : byId.get(v.parent);
    if (hub === undefined || depth > views.length) return false;
    return hub.port === undefined || unpowered(hub, depth + 1);
  };
  for (const v of views) v.unpowered = unpowered(v);
  return views;
}

function placeDevices(run: RunResult, timelines: DeviceTimelines, position: number): DeviceView[] {
  return run.scenario.devices.map((d) => {
    const h = timelines.get(d.id)!;
    const s = lastBefore(h.states, position);
    const p = lastBefore(h.placements, position);
    const lastPlug = [...h.placements].reverse().find((x) => x.index < position && x.port !== undefined);
    const hang = h.hangs.length > 0 && h.hangs[0] < position;
    const power = lastBefore(h.power, position)?.power ?? 'D0';
    // a veto shows until the person acts on the device again
    const vetoes = countBefore(h.vetoes, position, (i) => i);
    const veto = vetoes > 0 ? h.vetoes[vetoes - 1] : undefined;
    const actions = countBefore(h.actions, position, (i) => i);
    const shownVeto = veto !== undefined && (actions === 0 || h.actions[actions - 1] < veto) ? veto : undefined;
    return {
      id: d.id,
      model: d.model,
      state: s?.state ?? 'PhysicallyAbsent',
      problem: s?.problem,
      port: p?.port,
      parent: parentOfPort(p?.port),
      lastParent: parentOfPort(lastPlug?.port),
      stack: lastPlug?.stack ?? [],
      hung: hang,
      power,
      unpowered: false,
      veto: shownVeto,
    };
  });
}
