/** Sends one PnP IRP through a device's stack, layer by layer, in the IRP's direction. */
import type { Device } from '../device';
import { LayerHost } from '../kmdf/context';
import type { LayerState } from '../kmdf/layer';
import { FRAMEWORKS } from '../frameworks';
import type { Lab } from '../lab';
import type { Yield } from '../scheduler';
import type { TraceEvent } from '../trace';
import { getTable } from '../tables/registry';
import { startTable, type CompiledTable, type End } from '../tables/table';
import { irpDirection } from './irps';

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
  const trip = lab.idleIrpTrips.pop() ?? new IrpTrip(lab);
  trip.begin(device, irp, opts);
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
    const layers = device.layers;
    const hops = this.hops;
    let n = 0;
    if (this.direction === 'up') {
      for (const l of layers) if (l.deviceObject) hops[n++] = l;
    } else {
      for (let i = layers.length - 1; i >= 0; i--) if (layers[i].deviceObject) hops[n++] = layers[i];
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
    return this.failure ?? SUCCESS;
  }

  /** Carries on once the hop that had to wait is done; the trip is idle again when the IRP is. */
  *carryOn(pending: Generator<Yield, IrpResult, void>): Generator<Yield, IrpResult, void> {
    for (;;) {
      const done = this.finishHop(yield* pending);
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

  /** What the layer does with the IRP (on the way up after a failure, it only sees the failure). */
  private handleHop(i: number): IrpStep {
    if (this.failure) return this.failure;
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

/** An IRP's direction and the drivers' table keys for it (both ways). */
interface Route {
  direction: 'down' | 'up' | 'both';
  tableKey: string;
  upTableKey: string;
}

/** Routes of the IRPs other than IRP_MN_SET_POWER (whose route depends on its State), worked out once per IRP. */
const routes = new Map<string, Route>();

function routeOf(irp: string, args: Record<string, string> | undefined): Route {
  if (irp === 'IRP_MN_SET_POWER') {
    const tableKey = `${irp}:${powerKind(args?.State)}`;
    return { direction: irpDirection(irp, args), tableKey, upTableKey: tableKey };
  }
  let route = routes.get(irp);
  if (route === undefined) {
    const direction = irpDirection(irp, args);
    route = direction === 'both' ? { direction, tableKey: `${irp}:down`, upTableKey: `${irp}:up` } : { direction, tableKey: irp, upTableKey: irp };
    routes.set(irp, route);
  }
  return route;
}

const SUCCESS: IrpResult = { ok: true, status: 'STATUS_SUCCESS' };
const PENDING: IrpResult = { ok: true, status: 'STATUS_PENDING' };

/** What one driver does with the IRP (`key`: its entry in the framework's irpTables): at once when it has no table for it, else a task step. */
function handle(lab: Lab, device: Device, irp: string, layer: LayerState, opts: IrpOptions, key: string): IrpStep {
  if (irp === 'IRP_MN_WAIT_WAKE') return PENDING; // stays pending until the device wakes
  if (layer.framework === 'wdm') {
    // A WDM bus driver (pci.sys) has no callbacks to show; it deletes its PDO once the device is gone.
    if (irp === 'IRP_MN_REMOVE_DEVICE' && !opts.pdoKept) layer.deviceObject = false;
    return SUCCESS;
  }
  const table = irpTable(layer.framework, key);
  if (!table) return SUCCESS;
  const host = lab.idleLayerHosts.pop()?.reuse(device, layer, opts.cause, opts.pdoKept) ?? new LayerHost(lab, device, layer, opts.cause, opts.pdoKept);
  const r = startTable(table, host, opts.params);
  if (typeof r !== 'string') return layerResultLater(r, host, layer);
  const result = layerResult(r, host, layer);
  lab.idleLayerHosts.push(host);
  return result;
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

function layerResult(end: End, host: LayerHost, layer: LayerState): IrpResult {
  return end === 'ok' ? SUCCESS : { ok: false, status: host.failStatus, failedBy: layer };
}

function* layerResultLater(table: Generator<Yield, End, void>, host: LayerHost, layer: LayerState): Generator<Yield, IrpResult, void> {
  const result = layerResult(yield* table, host, layer);
  host.lab.idleLayerHosts.push(host);
  return result;
}

/** D0, Dx (a device power state) or Sx (a system power state: no framework callbacks). */
function powerKind(state: string | undefined): string {
  if (state === 'PowerDeviceD0') return 'D0';
  return state?.startsWith('PowerSystem') ? 'Sx' : 'Dx';
}
