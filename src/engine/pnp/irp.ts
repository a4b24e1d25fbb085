/** Sends one PnP IRP through a device's stack, layer by layer, in the IRP's direction. */
import type { Device } from '../device';
import { LayerHost } from '../framework/layerHost';
import type { LayerState } from '../framework/layerState';
import { FRAMEWORKS } from '../frameworks';
import type { Lab } from '../lab';
import type { Yield } from '../scheduler';
import type { TraceEvent } from '../trace';
import { getTable } from '../tables/registry';
import { startTable, type CompiledTable, type End } from '../tables/table';
import { irpDirection } from './irps';
import { travelIrp } from './irpTravel';

export const IRP_COST_MS = 1;

export interface IrpResult {
  ok: boolean;
  status: string;
  /** The layer that failed the IRP. */
  failedBy?: LayerState;
}

export interface IrpOptions {
  args?: Record<string, string>;
  /** Parameters for the drivers' tables (PreviousState, resources, PdoKept). */
  params: Record<string, string>;
  cause: number | undefined;
  at: string;
  pdoKept: boolean;
}

/** What a driver's handling of an IRP gives: a result at once, or a task step that ends with one. */
export type IrpStep = IrpResult | Generator<Yield, IrpResult, void>;

/** True when the step has finished (it is the result, not a task step still to run). */
export function isDone(step: IrpStep): step is IrpResult {
  return 'ok' in step;
}

export function* sendIrp(lab: Lab, device: Device, irp: string, opts: IrpOptions): Generator<Yield, IrpResult, void> {
  const r = startIrp(lab, device, irp, opts);
  return isDone(r) ? r : yield* r;
}

/**
 * Sends the IRP without creating a task step for as long as every driver handles it at once; returns
 * the result, or a step that carries on from the first layer that has to wait.
 */
export function startIrp(lab: Lab, device: Device, irp: string, opts: IrpOptions): IrpStep {
  if (lab.irpTravel) return travelIrp(lab, device, irp, opts);
  const trip = lab.idleIrpTrips.pop() ?? new IrpTrip(lab);
  trip.begin(device, irp, opts);
  const pre = trip.runPrePass();
  if (pre !== undefined) return trip.afterPrePass(pre);
  const r = trip.runHops();
  if (!isDone(r)) return trip.carryOn(r);
  lab.idleIrpTrips.push(trip);
  return r;
}

/**
 * One IRP on its way through a stack. The layers it visits, in order (`hops`), follow its direction:
 * - down: top-down; a failing layer completes it and the rest never see it.
 * - up: bottom-up (the bus driver first); once a layer fails, the layers above only see the failure.
 * - both: top-down with Pass=down, then bottom-up without the PDO with Pass=up; a failure ends it.
 * Each IRP's direction is IRP_DIRECTION's (pnp/irps.ts), after kernel/passing-pnp-irps-down-the-device-stack.md
 * and the per-IRP "Handling an IRP_MN_…" pages. A trip whose IRP is done goes back to the lab's idle
 * trips, and `begin` sends the next IRP with it.
 */
export class IrpTrip {
  /** The layers it visits: the first `hopCount` entries (the array is kept from IRP to IRP). */
  private readonly hops: LayerState[] = [];
  private hopCount = 0;
  /** For `both`: how many hops are the way down (the rest are the way up). */
  private downHops = 0;
  private direction: 'down' | 'up' | 'both' = 'down';
  /** For `both`: the IRP's args with Pass=down and with Pass=up (shared by the events of that pass). */
  private downArgs: Record<string, string> | undefined = undefined;
  private upArgs: Record<string, string> | undefined = undefined;
  /** Index of the next hop to begin. */
  private next = 0;
  /** The irp event of the hop in progress. */
  private event: TraceEvent | undefined = undefined;
  /** For `up`: the first failure. */
  private failure: IrpResult | undefined = undefined;
  /** Which of the drivers' tables handles this IRP (`both`: on the way down, and on the way up). */
  private tableKey = '';
  private upTableKey = '';
  /**
   * Tables some drivers run outside the IRP's main pass, with no irp event of their own: `preKey` top-down
   * before the main pass (KMDF's EvtDeviceRemoveAddedResources as a start IRP passes down), `postKey` bottom-up
   * after it (KMDF's EvtDestroyCallback once IRP_MN_REMOVE_DEVICE has come back from the drivers below). '' when none.
   */
  private preKey = '';
  private postKey = '';
  /** Index of the next layer of the post pass (counting down), and whether the trip is in it. */
  private nextPost = 0;
  private posting = false;
  private device!: Device;
  private irp = '';
  private opts!: IrpOptions;

  constructor(private readonly lab: Lab) {}

  /** Sets out with an IRP: works out its hops through the device's stack as it is now. */
  begin(device: Device, irp: string, opts: IrpOptions): void {
    this.device = device;
    this.irp = irp;
    this.opts = opts;
    this.next = 0;
    this.event = undefined;
    this.failure = undefined;
    const route = routeOf(irp, opts.args);
    this.direction = route.direction;
    this.tableKey = route.tableKey;
    this.upTableKey = route.upTableKey;
    this.preKey = route.preKey;
    this.postKey = route.postKey;
    this.posting = false;
    const layers = device.layers;
    const hops = this.hops;
    let n = 0;
    if (this.direction === 'up') {
      for (const l of layers) if (l.deviceObject) hops[n++] = l;
    } else {
      for (let i = layers.length - 1; i >= 0; i--) if (layers[i].deviceObject) hops[n++] = layers[i];
      // UMDF 1: an IRP on its way down reaches the reflector (top of the kernel stack) before the UMDF drivers in the host
      if (n > 2 && hops[n - 2].layer === 'reflector') hops.copyWithin(1, 0, n - 2)[0] = layers[1];
    }
    this.downHops = n;
    if (this.direction === 'both') {
      for (const l of layers) if (l.deviceObject && !l.isPdo) hops[n++] = l;
      this.downArgs = Object.assign({}, opts.args, { Pass: 'down' });
      this.upArgs = Object.assign({}, opts.args, { Pass: 'up' });
    } else {
      this.downArgs = this.upArgs = undefined;
    }
    this.hopCount = n;
    this.nextPost = n - 1;
  }

  /**
   * The pre pass, top-down over an `up` IRP's hops: undefined once it is done, or a step that waits first. A
   * driver that fails completes the IRP there: the drivers below never see it, and the main pass starts at
   * that driver, which, with those above it, sees the failure.
   */
  runPrePass(): Generator<Yield, void, void> | undefined {
    if (this.preKey === '') return undefined;
    for (let i = this.hopCount - 1; i >= 0; i--) {
      const r = handle(this.lab, this.device, this.irp, this.hops[i], this.opts, this.preKey);
      if (!isDone(r)) return this.prePassLater(r, i);
      if (this.preFailed(r, i)) return undefined;
    }
    return undefined;
  }

  private *prePassLater(pending: Generator<Yield, IrpResult, void>, i: number): Generator<Yield, void, void> {
    if (this.preFailed(yield* pending, i)) return;
    for (i--; i >= 0; i--) {
      const r = handle(this.lab, this.device, this.irp, this.hops[i], this.opts, this.preKey);
      if (this.preFailed(isDone(r) ? r : yield* r, i)) return;
    }
  }

  /** Whether the pre pass failed at hop `i` (the main pass then starts there, with the failure). */
  private preFailed(r: IrpResult, i: number): boolean {
    if (r.ok) return false;
    this.failure = r;
    this.next = i;
    return true;
  }

  /** The main pass after a pre pass that had to wait. */
  *afterPrePass(pre: Generator<Yield, void, void>): Generator<Yield, IrpResult, void> {
    yield* pre;
    const r = this.runHops();
    if (!isDone(r)) return yield* this.carryOn(r);
    this.lab.idleIrpTrips.push(this);
    return r;
  }

  /** Runs hops until the IRP is done (its result) or a hop has to wait (the step to run first). */
  runHops(): IrpStep {
    const lab = this.lab;
    while (this.next < this.hopCount) {
      const i = this.next++;
      const layer = this.hops[i];
      const args = this.direction !== 'both' ? this.opts.args : i < this.downHops ? this.downArgs : this.upArgs;
      this.event = lab.emitStack('irp', this.irp, this.device.id, layer.layer, layer.driver, args, 'STATUS_PENDING', this.opts.at, this.opts.cause);
      if (!lab.scheduler.advance(IRP_COST_MS)) return this.handleLater(i);
      const h = this.handleHop(i);
      if (!isDone(h)) return h;
      const done = this.finishHop(h);
      if (done) return done;
    }
    return this.postKey === '' ? this.failure ?? SUCCESS : this.runPostPass();
  }

  /** The post pass, bottom-up over a `down` IRP's hops, after the main pass: the IRP's result, or a step that waits first. */
  private runPostPass(): IrpStep {
    this.posting = true;
    while (this.nextPost >= 0) {
      const r = handle(this.lab, this.device, this.irp, this.hops[this.nextPost--], this.opts, this.postKey);
      if (!isDone(r)) return this.postPassLater(r);
    }
    return this.failure ?? SUCCESS;
  }

  private *postPassLater(pending: Generator<Yield, IrpResult, void>): Generator<Yield, IrpResult, void> {
    yield* pending;
    const r = this.runPostPass();
    return isDone(r) ? r : yield* r;
  }

  /** Carries on once the hop that had to wait is done; the trip is idle again when the IRP is. */
  *carryOn(pending: Generator<Yield, IrpResult, void>): Generator<Yield, IrpResult, void> {
    for (;;) {
      const result = yield* pending;
      // a step of the post pass carries the trip to its end itself
      const done = this.posting ? result : this.finishHop(result);
      const r = done ?? this.runHops();
      if (isDone(r)) {
        this.lab.idleIrpTrips.push(this);
        return r;
      }
      pending = r;
    }
  }

  private *handleLater(i: number): Generator<Yield, IrpResult, void> {
    yield IRP_COST_MS;
    const h = this.handleHop(i);
    return isDone(h) ? h : yield* h;
  }

  /**
   * What the layer does with the IRP. On the way up after a failure a layer sees the failure; a driver
   * whose framework has a `…:failedBelow` table for the IRP runs it (KMDF: a restart that failed below
   * tears down, pnpstatemachine.cpp PnpEventFailed; a D0 IRP is powered up anyway, fdopower.cpp
   * RaiseDevicePowerCompletion), and the IRP keeps the first failure.
   */
  private handleHop(i: number): IrpStep {
    if (this.failure) return handleFailedBelow(this.lab, this.device, this.irp, this.hops[i], this.opts, `${this.tableKey}:failedBelow`, this.failure);
    const key = this.direction === 'both' && i >= this.downHops ? this.upTableKey : this.tableKey;
    return handle(this.lab, this.device, this.irp, this.hops[i], this.opts, key);
  }

  /** Completes the hop's event; returns the IRP's result when this hop ends the trip. */
  private finishHop(r: IrpResult): IrpResult | undefined {
    this.lab.trace.complete(this.event!, r.status);
    if (r.ok) return undefined;
    if (this.direction !== 'up') return r;
    this.failure = r;
    return undefined;
  }
}

/** An IRP's direction and the drivers' table keys for it (both ways, and the passes outside the main one). */
export interface Route {
  direction: 'down' | 'up' | 'both';
  tableKey: string;
  upTableKey: string;
  preKey: string;
  postKey: string;
}

/**
 * The passes outside an IRP's main one (see IrpTrip): KMDF's FDO and filter DOs handle IRP_MN_START_DEVICE's
 * resource lists before passing it down (fxpkgfdo.cpp PnpSendStartDeviceDownTheStackOverload) and delete their
 * device object once IRP_MN_REMOVE_DEVICE comes back from below (fxpkgfdo.cpp ProcessRemoveDeviceOverload).
 */
const PRE_KEYS: Readonly<Record<string, string>> = { IRP_MN_START_DEVICE: 'IRP_MN_START_DEVICE:down' };
const POST_KEYS: Readonly<Record<string, string>> = { IRP_MN_REMOVE_DEVICE: 'IRP_MN_REMOVE_DEVICE:completion' };

/** Routes of the IRPs other than IRP_MN_SET_POWER (whose route depends on its State), worked out once per IRP. */
const routes = new Map<string, Route>();

export function routeOf(irp: string, args: Record<string, string> | undefined): Route {
  if (irp === 'IRP_MN_SET_POWER') {
    const tableKey = `${irp}:${powerKind(args?.State)}`;
    return { direction: irpDirection(irp, args), tableKey, upTableKey: tableKey, preKey: '', postKey: '' };
  }
  let route = routes.get(irp);
  if (route === undefined) {
    const direction = irpDirection(irp, args);
    const preKey = PRE_KEYS[irp] ?? '';
    const postKey = POST_KEYS[irp] ?? '';
    route = direction === 'both' ? { direction, tableKey: `${irp}:down`, upTableKey: `${irp}:up`, preKey, postKey } : { direction, tableKey: irp, upTableKey: irp, preKey, postKey };
    routes.set(irp, route);
  }
  return route;
}

export const SUCCESS: IrpResult = { ok: true, status: 'STATUS_SUCCESS' };
const PENDING: IrpResult = { ok: true, status: 'STATUS_PENDING' };

/** What one driver does with the IRP (`key`: its entry in the framework's irpTables): at once when it has no table for it, else a task step. */
export function handle(lab: Lab, device: Device, irp: string, layer: LayerState, opts: IrpOptions, key: string): IrpStep {
  if (irp === 'IRP_MN_WAIT_WAKE' && layer.layer !== 'reflector') return waitWake(lab, device, layer, opts); // stays pending until the device wakes or it is cancelled
  if (layer.framework === 'wdm') {
    if (layer.layer === 'reflector') return reflect(lab, device, irp, layer, opts);
    // A WDM bus driver (pci.sys) has no callbacks to show; it deletes its PDO once the device is gone.
    if (irp === 'IRP_MN_REMOVE_DEVICE' && !opts.pdoKept) layer.deviceObject = false;
    return SUCCESS;
  }
  const table = irpTable(layer.framework, key);
  if (!table) return SUCCESS;
  const host = lab.idleLayerHosts.pop()?.reuse(device, layer, opts.cause, opts.pdoKept) ?? new LayerHost(lab, device, layer, opts.cause, opts.pdoKept);
  const r = startTable(table, host, opts.params);
  if (typeof r !== 'string') return layerResultLater(r, host, layer, key);
  const result = layerResult(r, host, layer, key);
  lab.idleLayerHosts.push(host);
  return result;
}

/** The reflector (UMDF 1) carries the IRP to the driver host; it deletes its device object on IRP_MN_REMOVE_DEVICE. */
function reflect(lab: Lab, device: Device, irp: string, layer: LayerState, opts: IrpOptions): IrpStep {
  const table = getTable(irp === 'IRP_MN_REMOVE_DEVICE' ? 'umdf1.reflectRemove' : 'umdf1.reflect');
  const host = lab.idleLayerHosts.pop()?.reuse(device, layer, opts.cause, opts.pdoKept) ?? new LayerHost(lab, device, layer, opts.cause, opts.pdoKept);
  startTable(table, host, opts.params); // its rows finish at once (no callbacks)
  lab.idleLayerHosts.push(host);
  return irp === 'IRP_MN_WAIT_WAKE' ? PENDING : SUCCESS;
}

/** A driver gets IRP_MN_WAIT_WAKE: its framework's table runs (the bus driver enables wake at the bus), and the IRP stays pending. */
function waitWake(lab: Lab, device: Device, layer: LayerState, opts: IrpOptions): IrpStep {
  if (layer.framework === 'wdm' || irpTable(layer.framework, 'IRP_MN_WAIT_WAKE') === null) return PENDING;
  const r = handle(lab, device, 'IRP_MN_WAIT_WAKE:table', layer, opts, 'IRP_MN_WAIT_WAKE');
  return isDone(r) ? PENDING : endWith(r, PENDING);
}

/** A layer above a failure: runs the framework's `…:failedBelow` table if it has one; the IRP's result stays the failure. */
export function handleFailedBelow(lab: Lab, device: Device, irp: string, layer: LayerState, opts: IrpOptions, key: string, failure: IrpResult): IrpStep {
  if (layer.framework === 'wdm' || irpTable(layer.framework, key) === null) return failure;
  const r = handle(lab, device, irp, layer, opts, key);
  return isDone(r) ? failure : endWith(r, failure);
}

function* endWith(step: Generator<Yield, IrpResult, void>, failure: IrpResult): Generator<Yield, IrpResult, void> {
  yield* step;
  return failure;
}

/** The framework's table for an irpTables key, compiled (null: the framework has none), looked up once per key. */
const irpTableCache = { kmdf: new Map<string, CompiledTable | null>(), umdf1: new Map<string, CompiledTable | null>() };

function irpTable(framework: 'kmdf' | 'umdf1', key: string): CompiledTable | null {
  const cache = irpTableCache[framework];
  let table = cache.get(key);
  if (table === undefined) {
    const id = FRAMEWORKS[framework].irpTables[key];
    table = id ? getTable(id) : null;
    cache.set(key, table);
  }
  return table;
}

function layerResult(end: End, host: LayerHost, layer: LayerState, key: string): IrpResult {
  if (key === 'IRP_MN_START_DEVICE') layer.starts++; // a transition failure tells a first start from a restart by it (the main pass only)
  return end === 'ok' ? SUCCESS : { ok: false, status: host.failStatus, failedBy: layer };
}

function* layerResultLater(table: Generator<Yield, End, void>, host: LayerHost, layer: LayerState, key: string): Generator<Yield, IrpResult, void> {
  const result = layerResult(yield* table, host, layer, key);
  host.lab.idleLayerHosts.push(host);
  return result;
}

/** D0, Dx (a device power state) or Sx (a system power state: no framework callbacks). */
function powerKind(state: string | undefined): string {
  if (state === 'PowerDeviceD0') return 'D0';
  return state?.startsWith('PowerSystem') ? 'Sx' : 'Dx';
}
