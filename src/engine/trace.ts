/**
 * The trace: the contract between the engine and everything that reads it (CLI, tests, UI).
 * Field meanings are documented in docs/trace-format.md.
 */
import { EventBudgetError } from './errors';

export type TraceKind = 'user' | 'irp' | 'callback' | 'call' | 'notify' | 'wia' | 'hw' | 'state' | 'warn';
/** `reflector`: WUDFRd.sys, the kernel-mode driver that carries a UMDF 1 stack's IRPs to the driver host (UMDF 1 devices only). */
export type Layer = 'bus' | 'reflector' | 'lower-filter' | 'function' | 'upper-filter';
/** Which way an IRP was going when it reached a driver (irp events of a run with `irpTravel`). */
export type IrpPass = 'down' | 'up';

export interface TraceEvent {
  seq: number;
  t: number;
  kind: TraceKind;
  name: string;
  device?: string;
  /** notification client id (notify events and the calls clients make) */
  client?: string;
  layer?: Layer;
  driver?: string;
  /**
   * irp events of a run with `LabConfig.irpTravel` (the lab in the browser, the CLI's `--irp-travel`): `down` when
   * the IRP reaches this driver on its way down the stack, `up` when its completion reaches the driver on the way
   * back up (docs/trace-format.md, "IRPs that travel"). Absent otherwise.
   */
  pass?: IrpPass;
  /** wia and hw events: the component whose method runs (the callee) */
  component?: 'application' | 'service' | 'minidriver';
  args?: Record<string, unknown>;
  result?: string;
  /** wia events whose result is an HRESULT: its value, e.g. 0x80210005 */
  resultHex?: string;
  /**
   * irp events: seq of the last event recorded before this driver completed or passed on the IRP.
   * Its `result` is known only from then on (a player showing events up to `end` - 1 shows it as pending).
   */
  end?: number;
  /** seq of the `user` event whose action led to this event */
  cause?: number;
  /** `tableId/rowId` of the engine table row that produced the event */
  at?: string;
  /**
   * With `LabConfig.runs` (the CLI's `--runs`, the lab in the browser): the table run that recorded the event, as the
   * inspection stream numbers runs (engine/inspect.ts; docs/trace-format.md, "Runs"). Absent otherwise, and for events
   * recorded outside any table (a user event, a client's call from a user action).
   */
  run?: number;
}

/** What an emitter gives: everything but the fields the recorder fills in. */
export type EventInput = Omit<TraceEvent, 'seq' | 't' | 'cause'>;

/**
 * Appends events with increasing `seq`; fields are in one fixed order so output is byte-stable.
 *
 * By default every event stays in `events`. A reader that writes the trace out as it goes (the CLI)
 * can `drainTo` a sink: then `events` keeps only the latest events, and older ones are handed to the
 * sink and dropped, so a run of any length needs constant memory. An event's `result` and `end` can
 * still change after it is recorded (`complete`), so the sink gets an event only once `keep` newer
 * events have been recorded after it; `complete` on an event already handed over throws
 * TraceDrainError instead of changing what was written.
 */
export class TraceRecorder {
  /** The events recorded (all of them, or the latest ones while draining). */
  readonly events: TraceEvent[] = [];
  /** Events recorded so far: the seq of the last one. */
  length = 0;
  /** The most events the trace may hold (`LabConfig.maxEvents`): recording one more throws EventBudgetError. */
  maxEvents = Infinity;
  private sink: ((events: TraceEvent[]) => void) | undefined;
  private keep = 0;
  /** drain when `events` grows past this */
  private drainAt = Infinity;
  /** seq of the last event handed to the sink */
  private drained = 0;
  private drainedSteps = 0;
  private drainedLastStep: string | undefined;
  /** Events known to stay pending for long (a wait-wake IRP): not handed to the sink until completed. */
  private readonly held = new Set<TraceEvent>();
  /** LabConfig.runs: gives the run each event is stamped with (undefined: events carry no `run`). */
  stamp: (() => number | undefined) | undefined = undefined;

  record(t: number, e: EventInput, cause: number | undefined): TraceEvent {
    // One object of one shape per event (fast to build and to keep); absent fields hold undefined,
    // which JSON.stringify leaves out, so the output has only the fields that apply, in this order.
    return this.append({
      seq: this.length + 1, t, kind: e.kind, name: e.name, device: e.device, client: e.client,
      layer: e.layer, driver: e.driver, component: e.component, args: e.args, result: e.result,
      resultHex: e.resultHex, end: e.end, cause, at: e.at,
    });
  }

  /**
   * An event about one driver stack (a callback, an IRP, a devnode state change), from its fields:
   * most of the trace, recorded without an EventInput object in between. Its shape is `record`'s
   * without the fields such events never have (client, component, resultHex): the same keys in the
   * same order when written out, in 3 words less per event. `end` is there from the start, so
   * `complete` sets it in place.
   */
  recordStack(t: number, kind: TraceKind, name: string, device: string | undefined, layer: Layer | undefined, driver: string | undefined, args: Record<string, unknown> | undefined, result: string | undefined, at: string, cause: number | undefined): TraceEvent {
    return this.append({ seq: this.length + 1, t, kind, name, device, layer, driver, args, result, end: undefined, cause, at });
  }

  /**
   * An `irp` event with its `pass` (a run with `irpTravel`): `recordStack`'s fields with `pass` after `driver`,
   * an object of its own shape, so the events of a run without `irpTravel` stay as they were.
   */
  recordIrp(t: number, name: string, device: string, layer: Layer, driver: string, pass: IrpPass, args: Record<string, unknown> | undefined, at: string, cause: number | undefined): TraceEvent {
    return this.append({ seq: this.length + 1, t, kind: 'irp', name, device, layer, driver, pass, args, result: 'STATUS_PENDING', end: undefined, cause, at });
  }

  /** Adds a built event to the trace: every recorded event passes here. */
  append(event: TraceEvent): TraceEvent {
    if (this.length >= this.maxEvents) throw this.overBudget(event.t);
    if (this.stamp !== undefined) {
      const run = this.stamp();
      if (run !== undefined) event.run = run;
    }
    this.events.push(event);
    this.length++;
    if (this.events.length > this.drainAt) this.drainOld();
    return event;
  }

  /**
   * Makes an event pending again: its driver passed it on and it is held further up (a system set-power IRP the power
   * policy owner holds while the device IRP it asked for goes through the stack). `complete` gives it its answer;
   * until then it reads STATUS_PENDING with no `end`, like any IRP whose answer has not come.
   */
  reopen(event: TraceEvent): void {
    if (event.seq <= this.drained) throw new TraceDrainError(event, this.keep);
    event.result = 'STATUS_PENDING';
    event.end = undefined;
  }

  /**
   * Keeps `event` from the sink until it is completed, however many events come after it: for an event
   * that stays pending longer than any window (an IRP_MN_WAIT_WAKE waits for the device's wake signal).
   */
  hold(event: TraceEvent): void {
    this.held.add(event);
  }

  /**
   * Sets the result of an event recorded earlier, noting how far the trace had got by then (`end`). `result`
   * undefined: the event ends without one (an IRP a driver passed down without handling it, `pass` `down`).
   */
  complete(event: TraceEvent, result: string | undefined): void {
    if (event.seq <= this.drained) throw new TraceDrainError(event, this.keep);
    event.result = result;
    event.end = this.length;
    if (this.held.size > 0) this.held.delete(event);
  }

  /**
   * From now on, hand events to `sink` (in order, in batches) once `keep` newer events have been
   * recorded after them, and drop them from `events`. Call `flush` when the run is over.
   */
  drainTo(sink: (events: TraceEvent[]) => void, keep = 200_000): void {
    if (!(Number.isInteger(keep) && keep >= 1)) throw new RangeError(`keep: got ${keep}; expected a whole number >= 1`);
    this.sink = sink;
    this.keep = keep;
    // batches of at least keep/4 events, so dropping them from the front of the array stays cheap
    this.drainAt = keep + Math.max(1, keep >> 2);
  }

  /** Hands every event still held to the sink (after the run: nothing can change them any more). */
  flush(): void {
    if (this.sink && this.events.length > 0) this.drain(this.events.length);
  }

  /** Hands over all but the latest `keep` events, stopping before the oldest held one. */
  private drainOld(): void {
    let n = this.events.length - this.keep;
    const first = this.events[0].seq;
    for (const e of this.held) n = Math.min(n, e.seq - first);
    if (n > 0) this.drain(n);
    // held back: try again once another quarter window has been recorded
    this.drainAt = this.events.length + Math.max(1, this.keep >> 2);
  }

  private drain(n: number): void {
    const out = this.events.splice(0, n);
    for (const e of out) {
      if (e.kind !== 'user') continue;
      this.drainedSteps++;
      this.drainedLastStep = e.name;
    }
    this.drained = out[out.length - 1].seq;
    this.sink!(out);
  }

  /** How far the run got when it reached its budget (worked out once, when it stops). */
  private overBudget(t: number): EventBudgetError {
    let steps = this.drainedSteps;
    let last = this.drainedLastStep;
    for (const e of this.events) {
      if (e.kind !== 'user') continue;
      steps++;
      last = e.name;
    }
    return new EventBudgetError(this.maxEvents, t, steps, last);
  }
}

/**
 * A drained event (already handed to the sink) was completed: what was written would differ from
 * the trace. It means some event stayed pending longer than the recorder keeps events; a bigger
 * `keep` in `drainTo` avoids it.
 */
export class TraceDrainError extends Error {
  constructor(event: TraceEvent, keep: number) {
    super(`trace event ${event.seq} (${event.name}) was completed after it had been written out; it stayed pending for more than ${keep} events`);
    this.name = 'TraceDrainError';
  }
}

/**
 * The same JSON Lines in parts of about `partEvents` events each: for writing a trace that may be
 * too big for one string (a Blob from parts, a stream).
 */
export function toJsonLinesParts(events: readonly TraceEvent[], partEvents = 10_000): string[] {
  const parts: string[] = [];
  for (let i = 0; i < events.length; i += partEvents) parts.push(toJsonLines(events.slice(i, i + partEvents)));
  return parts;
}

/** One JSON object per line, keys in the order above. */
export function toJsonLines(events: readonly TraceEvent[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}
