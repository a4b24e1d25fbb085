/**
 * The runtime every part of the engine shares: virtual time (the scheduler), the seeded random source, the trace and
 * the inspection stream. Nothing here knows about devices or drivers.
 */
import type { LayerHost } from './framework/layerHost';
import { Inspector, type InspectObserver } from './inspect';
import type { IrpTrip } from './pnp/irp';
import { Rng } from './rng';
import { Scheduler, type Yield } from './scheduler';
import { TraceRecorder, type EventInput, type IrpPass, type Layer, type TraceEvent, type TraceKind } from './trace';

export interface RuntimeOptions {
  seed: number;
  maxEvents?: number;
  irpTravel?: boolean;
  /** Every trace event carries the `run` that recorded it (docs/trace-format.md, "Runs"). */
  runs?: boolean;
  inspect?: readonly InspectObserver[];
}

export class Runtime {
  readonly scheduler = new Scheduler();
  readonly trace = new TraceRecorder();
  readonly rng: Rng;
  /** LabConfig.irpTravel: IRPs are recorded on their way down and back up, each event with its `pass`. */
  readonly irpTravel: boolean;
  /** Numbers table runs and tells the observers; undefined when no one listens and events carry no `run`. */
  readonly inspector: Inspector | undefined;
  /** Hosts and IRP trips whose run has ended, reused by the next IRP (not one object per IRP and hop). */
  readonly idleLayerHosts: LayerHost[] = [];
  readonly idleIrpTrips: IrpTrip[] = [];

  constructor(o: RuntimeOptions) {
    if (o.maxEvents !== undefined) {
      if (!(Number.isInteger(o.maxEvents) && o.maxEvents >= 1)) throw new RangeError(`maxEvents: got ${o.maxEvents}; expected a whole number >= 1`);
      this.trace.maxEvents = o.maxEvents;
    }
    this.irpTravel = o.irpTravel === true;
    this.rng = new Rng(o.seed);
    const observers = o.inspect ?? [];
    if (observers.length > 0 || o.runs === true) {
      const inspector = new Inspector(observers, this.scheduler, () => this.trace.length);
      this.inspector = inspector;
      this.scheduler.carriesContext = true;
      if (o.runs === true) this.trace.stamp = () => inspector.runNow();
    }
  }

  get now(): number {
    return this.scheduler.now;
  }

  emit(e: EventInput, cause: number | undefined): TraceEvent {
    return this.trace.record(this.scheduler.now, e, cause);
  }

  /** Records an event about one driver stack from its fields (callbacks, IRPs, state changes: most of the trace). */
  emitStack(kind: TraceKind, name: string, device: string | undefined, layer: Layer | undefined, driver: string | undefined, args: Record<string, unknown> | undefined, result: string | undefined, at: string, cause: number | undefined): TraceEvent {
    return this.trace.recordStack(this.scheduler.now, kind, name, device, layer, driver, args, result, at, cause);
  }

  /** Records an `irp` event with its pass (a run with `irpTravel`). */
  emitIrp(name: string, device: string, layer: Layer, driver: string, pass: IrpPass, args: Record<string, unknown> | undefined, at: string, cause: number | undefined): TraceEvent {
    return this.trace.recordIrp(this.scheduler.now, name, device, layer, driver, pass, args, at, cause);
  }

  /**
   * Spends `ms` of virtual time inside a task step: at once when nothing stops the clock (tasks due meanwhile run in
   * place), else by yielding to the scheduler. `yield* runtime.spend(ms)` is the one way engine code waits; the common
   * case (the clock moved) allocates nothing.
   */
  spend(ms: number): Iterable<Yield> {
    return this.scheduler.advance(ms) ? SPENT : waitFor(ms, undefined);
  }

  /** A row that costs `ms`: `ok` at once when the clock could move, else a task step that waits first (`runUntil`'s limit). */
  cost(ms: number): 'ok' | Generator<Yield, 'ok', void> {
    return this.scheduler.advance(ms) ? 'ok' : waitFor(ms, 'ok' as const);
  }
}

/** What `spend` gives when the time was spent at once: an iterator that is already done (one object, shared). */
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const SPENT: Iterable<Yield> & Iterator<Yield, undefined> = { [Symbol.iterator]() { return this; }, next: () => DONE };

function* waitFor<T>(ms: number, then: T): Generator<Yield, T, void> {
  yield ms;
  return then;
}
