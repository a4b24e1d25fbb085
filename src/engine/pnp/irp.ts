/** Sends one PnP IRP through a device's stack, layer by layer, in the IRP's direction. */
import type { EngineContext } from '../context';
import type { Device } from '../device';
import type { LayerState } from '../framework/layerState';
import type { Yield } from '../scheduler';
import type { TraceEvent } from '../trace';
import { handle, handleFailedBelow, isDone, routeOf, SUCCESS, type IrpOptions, type IrpResult, type IrpStep } from './irpHandler';
import { IRP_COST_MS } from './irps';
import { travelIrp } from './irpTravel';

export { IRP_COST_MS };
export { isDone, type IrpOptions, type IrpResult, type IrpStep } from './irpHandler';

export function* sendIrp(ctx: EngineContext, device: Device, irp: string, opts: IrpOptions): Generator<Yield, IrpResult, void> {
  const r = startIrp(ctx, device, irp, opts);
  return isDone(r) ? r : yield* r;
}

/**
 * Sends the IRP without creating a task step for as long as every driver handles it at once; returns
 * the result, or a step that carries on from the first layer that has to wait.
 */
export function startIrp(ctx: EngineContext, device: Device, irp: string, opts: IrpOptions): IrpStep {
  if (ctx.runtime.irpTravel) return travelIrp(ctx, device, irp, opts);
  const trip = ctx.runtime.idleIrpTrips.pop() ?? new IrpTrip(ctx);
  trip.begin(device, irp, opts);
  const pre = trip.runPrePass();
  if (pre !== undefined) return trip.afterPrePass(pre);
  const r = trip.runHops();
  if (!isDone(r)) return trip.carryOn(r);
  ctx.runtime.idleIrpTrips.push(trip);
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

  constructor(private readonly ctx: EngineContext) {}

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
      const r = handle(this.ctx, this.device, this.irp, this.hops[i], this.opts, this.preKey, undefined);
      if (!isDone(r)) return this.prePassLater(r, i);
      if (this.preFailed(r, i)) return undefined;
    }
    return undefined;
  }

  private *prePassLater(pending: Generator<Yield, IrpResult, void>, i: number): Generator<Yield, void, void> {
    if (this.preFailed(yield* pending, i)) return;
    for (i--; i >= 0; i--) {
      const r = handle(this.ctx, this.device, this.irp, this.hops[i], this.opts, this.preKey, undefined);
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
    this.ctx.runtime.idleIrpTrips.push(this);
    return r;
  }

  /** Runs hops until the IRP is done (its result) or a hop has to wait (the step to run first). */
  runHops(): IrpStep {
    const ctx = this.ctx;
    while (this.next < this.hopCount) {
      const i = this.next++;
      const layer = this.hops[i];
      const args = this.direction !== 'both' ? this.opts.args : i < this.downHops ? this.downArgs : this.upArgs;
      this.event = ctx.runtime.emitStack('irp', this.irp, this.device.id, layer.layer, layer.driver, args, 'STATUS_PENDING', this.opts.at, this.opts.cause);
      if (!ctx.runtime.scheduler.advance(IRP_COST_MS)) return this.handleLater(i);
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
      const r = handle(this.ctx, this.device, this.irp, this.hops[this.nextPost--], this.opts, this.postKey, undefined);
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
        this.ctx.runtime.idleIrpTrips.push(this);
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
    if (this.failure) return handleFailedBelow(this.ctx, this.device, this.irp, this.hops[i], this.opts, `${this.tableKey}:failedBelow`, this.failure, this.event!.seq);
    const key = this.direction === 'both' && i >= this.downHops ? this.upTableKey : this.tableKey;
    return handle(this.ctx, this.device, this.irp, this.hops[i], this.opts, key, this.event!.seq);
  }

  /** Completes the hop's event; returns the IRP's result when this hop ends the trip. */
  private finishHop(r: IrpResult): IrpResult | undefined {
    this.ctx.runtime.trace.complete(this.event!, r.status);
    if (r.ok) return undefined;
    if (this.direction !== 'up') return r;
    this.failure = r;
    return undefined;
  }
}

