/**
 * A fluent test harness over the engine, e.g.
 *   const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').safeRemove('disk');
 *   expect(h.callbacks({ device: 'disk', layer: 'function' })).toEqual([...]);
 */
import type { InspectObserver } from '../engine/inspect';
import type { Lab, LabAction } from '../engine/lab';
import type { TraceEvent } from '../engine/trace';
import { parseScenario } from '../scenario/parse';
import { createLab } from '../scenario/run';
import type { ScenarioInput } from '../scenario/schema';

type DeviceInput = NonNullable<ScenarioInput['devices']>[number];
type ClientInput = NonNullable<ScenarioInput['clients']>[number];

export interface Filter {
  device?: string;
  layer?: string;
  kind?: TraceEvent['kind'];
  /** only events with seq greater than this */
  after?: number;
}

export class Harness {
  private lastStart = 0;
  private mark = 0;

  constructor(readonly lab: Lab) {}

  get events(): TraceEvent[] {
    return this.lab.trace.events;
  }

  /** Performs an action once everything before it has settled, then lets it settle. */
  do(action: LabAction): this {
    this.lab.settle();
    this.mark = this.events.length;
    this.lastStart = this.lab.now;
    this.lab.perform(action);
    this.lab.settle();
    return this;
  }

  /** Performs an action once everything before it has settled, and does not wait for it: use `after` next. */
  start(action: LabAction): this {
    this.lab.settle();
    this.mark = this.events.length;
    this.lastStart = this.lab.now;
    this.lab.perform(action);
    return this;
  }

  /** Performs an action `ms` virtual ms after the previous action started, without settling first. */
  after(ms: number, action: LabAction): this {
    this.lab.runUntil(this.lastStart + ms);
    this.lastStart = this.lab.now;
    this.lab.perform(action);
    return this;
  }

  settle(): this {
    this.lab.settle();
    return this;
  }

  plug(device: string, port?: string): this { return this.do(port ? { action: 'plug', device, port } : { action: 'plug', device }); }
  idle(device: string): this { return this.do({ action: 'idle', device }); }
  wake(device: string): this { return this.do({ action: 'wake', device }); }
  unplug(device: string): this { return this.do({ action: 'unplug', device }); }
  safeRemove(device: string): this { return this.do({ action: 'safeRemove', device }); }
  disable(device: string): this { return this.do({ action: 'disable', device }); }
  enable(device: string): this { return this.do({ action: 'enable', device }); }
  rebalance(device: string): this { return this.do({ action: 'rebalance', device }); }
  fail(device: string): this { return this.do({ action: 'fail', device }); }
  closeHandles(device: string): this { return this.do({ action: 'closeHandles', device }); }

  /** Events of the last `do`. */
  get last(): TraceEvent[] {
    return this.events.slice(this.mark);
  }

  select(f: Filter = {}, events: TraceEvent[] = this.last): TraceEvent[] {
    return events.filter((e) => (f.device === undefined || e.device === f.device) && (f.layer === undefined || e.layer === f.layer) && (f.kind === undefined || e.kind === f.kind) && (f.after === undefined || e.seq > f.after));
  }

  /** Callback labels of the last action, e.g. `EvtDeviceD0Exit(WdfPowerDeviceD3Final)`. */
  callbacks(f: Omit<Filter, 'kind'> = {}, events?: TraceEvent[]): string[] {
    return this.select({ ...f, kind: 'callback' }, events).map(label);
  }

  /** IRP labels of the last action, e.g. `IRP_MN_START_DEVICE@bus`. */
  irps(name?: string, f: Omit<Filter, 'kind'> = {}, events?: TraceEvent[]): string[] {
    return this.select({ ...f, kind: 'irp' }, events).filter((e) => name === undefined || e.name === name).map((e) => `${e.name}@${e.layer}`);
  }

  device(id: string) {
    return this.lab.devices.get(id)!;
  }

  state(id: string): string {
    const d = this.device(id);
    return d.problem ? `${d.state}/${d.problem}` : d.state;
  }
}

export function label(e: TraceEvent): string {
  const a = (e.args ?? {}) as Record<string, string>;
  if (e.name === 'EvtIoStop') return `EvtIoStop(${a.Queue}, ${a.ActionFlags?.replace('WdfRequestStopAction', '')})`;
  if (a.TargetState) return `${e.name}(${a.TargetState})`;
  if (a.PreviousState) return `${e.name}(${a.PreviousState})`;
  return e.name;
}

export function lab(...devices: DeviceInput[]): Harness {
  return labWithSeed(1, ...devices);
}

export function labWithSeed(seed: number, ...devices: DeviceInput[]): Harness {
  return new Harness(createLab(parseScenario({ seed, devices })));
}

/** A lab that records IRPs as they travel (LabConfig.irpTravel), as the lab in the browser does. */
export function travelLab(...devices: DeviceInput[]): Harness {
  return new Harness(createLab(parseScenario({ seed: 1, devices }), { irpTravel: true }));
}

/** `↓layer` / `↑layer` for each irp event of `name` (a run with irpTravel): the way it travelled the stack. */
export function travel(events: TraceEvent[], name: string, device?: string): string[] {
  return events.filter((e) => e.kind === 'irp' && e.name === name && (device === undefined || e.device === device)).map((e) => `${e.pass === 'up' ? '↑' : e.pass === 'down' ? '↓' : '?'}${e.layer}`);
}

/** A lab with notification clients (`inspect`: observers of the inspection stream, engine/inspect.ts). */
export function labWith(opts: { seed?: number; devices: DeviceInput[]; clients?: ClientInput[]; inspect?: InspectObserver; runs?: boolean; irpTravel?: boolean }): Harness {
  return new Harness(createLab(parseScenario({ seed: opts.seed ?? 1, devices: opts.devices, clients: opts.clients ?? [] }), { inspect: opts.inspect, runs: opts.runs, irpTravel: opts.irpTravel }));
}

/** `kind:name[@client]` labels of notify, call and irp-at-bus events: the order a learner reads. */
export function story(events: TraceEvent[]): string[] {
  return events
    .filter((e) => e.kind === 'notify' || (e.kind === 'call' && e.client) || (e.kind === 'irp' && e.layer === 'bus') || e.kind === 'state')
    .map((e) => `${e.kind}:${e.name}${e.client ? '@' + e.client : ''}`);
}

/** Position of the first event matching `pred` (throws if none: a test must not pass on a missing event). */
export function indexOf(events: TraceEvent[], pred: (e: TraceEvent) => boolean, what = 'event'): number {
  const i = events.findIndex(pred);
  if (i < 0) throw new Error(`no ${what} in trace`);
  return i;
}
