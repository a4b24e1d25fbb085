/**
 * The trace: the contract between the engine and everything that reads it (CLI, tests, UI).
 * Field meanings are documented in docs/trace-format.md.
 */
import { EventBudgetError } from './errors';

export type TraceKind = 'user' | 'irp' | 'callback' | 'call' | 'notify' | 'wia' | 'hw' | 'state' | 'warn';
export type Layer = 'bus' | 'lower-filter' | 'function' | 'upper-filter';

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
}

/** What an emitter gives: everything but the fields the recorder fills in. */
export type EventInput = Omit<TraceEvent, 'seq' | 't' | 'cause'>;

/** Sets the result of an event recorded earlier, noting how far the trace had got by then. */
export function complete(event: TraceEvent, result: string, traceLength: number): void {
  event.result = result;
  event.end = traceLength;
}

/** Appends events with increasing `seq`; fields are in one fixed order so output is byte-stable. */
export class TraceRecorder {
  readonly events: TraceEvent[] = [];
  /** The most events the trace may hold (`LabConfig.maxEvents`): recording one more throws EventBudgetError. */
  maxEvents = Infinity;

  record(t: number, e: EventInput, cause: number | undefined): TraceEvent {
    // One object of one shape per event (fast to build and to keep); absent fields hold undefined,
    // which JSON.stringify leaves out, so the output has only the fields that apply, in this order.
    return this.append({
      seq: this.events.length + 1, t, kind: e.kind, name: e.name, device: e.device, client: e.client,
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
    return this.append({ seq: this.events.length + 1, t, kind, name, device, layer, driver, args, result, end: undefined, cause, at });
  }

  /** Adds a built event to the trace: every recorded event passes here. */
  append(event: TraceEvent): TraceEvent {
    if (this.events.length >= this.maxEvents) throw this.overBudget(event.t);
    this.events.push(event);
    return event;
  }

  /** How far the run got when it reached its budget (worked out once, when it stops). */
  private overBudget(t: number): EventBudgetError {
    let steps = 0;
    let last: string | undefined;
    for (const e of this.events) {
      if (e.kind !== 'user') continue;
      steps++;
      last = e.name;
    }
    return new EventBudgetError(this.maxEvents, t, steps, last);
  }
}

/** One JSON object per line, keys in the order above. */
export function toJsonLines(events: readonly TraceEvent[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}
