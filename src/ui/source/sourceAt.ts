/**
 * What the Driver source panel shows at a cursor, read from the trace alone (docs/driver-sources.md): which source,
 * which function is running, the line it returned on, and the IRP or call that led there.
 *
 * The tie is the event's own data, never a hand-kept map: a `callback` event's `name` and `layer` pick the function
 * (`locateCallback`), a minidriver `wia` event's `name` picks the method, and an `hw` event or a call the
 * minidriver makes into the service is inside the minidriver method whose `at` row it shares (or whose call it
 * ends within). The caller is found by the same data: the IRP that is in flight at that driver when the callback
 * runs (an `irp` event of the same device and layer whose `end` is not yet reached), else the title of the table
 * the event's `at` names ("AddDevice (one driver)" → "AddDevice").
 *
 * When events carry their table run (`run`, the inspection stream of issue 15), `callerOf` can read the run's
 * `irp` (the seq of the hop that started the driver's table) instead of searching back: only `irpInFlight` changes.
 */
import type { Layer, TraceEvent } from '../../engine/trace';
import { TABLES } from '../../model/flow/tables';
import { locateCallback, locateMinidriverCall, type Located } from '../../sources';
import type { SourceId } from '../../sources/format';

/** The settings a function's behaviour is read from and written to: a device's callbacks at one layer. */
export interface SettingsTarget {
  device: string;
  layer: Exclude<Layer, 'reflector'>;
  driver?: string;
}

export interface SourceFocus {
  source: SourceId;
  /** the trace name of the function lit, if any */
  active?: string;
  /** the result of the function's event (picks the line it returned on) */
  result?: string;
  /** one line above the code: what led to the function (an IRP, a call, a table) */
  caller?: string;
  /** the event the function belongs to */
  seq?: number;
  /** the event under the cursor is the function's own (else it is the last one that ran before the cursor) */
  current: boolean;
  /** a call the function makes at the cursor (`ReadFile`, `MiniDrvCallback`) */
  call?: string;
  /** the `//@call` line of that call: in the function, or in a helper it calls (`ReadBand`), the one for its command if several */
  callLine?: number;
  /** whose callbacks' settings the source shows (none for the WIA minidriver) */
  target?: SettingsTarget;
  /** a sentence when nothing is lit: why, and what to do */
  note?: string;
}

/** How far back the panel looks for the function that ran last or for the IRP that led to a callback. */
const LOOK_BACK = 600;

function isMinidriverCall(e: TraceEvent): boolean {
  return e.kind === 'wia' && e.component === 'minidriver';
}

/** The trace index of the event with `seq` (the lab's traces are whole: index = seq - 1; checked, with a search as a fallback). */
function indexOfSeq(trace: readonly TraceEvent[], seq: number): number {
  if (trace[seq - 1]?.seq === seq) return seq - 1;
  return trace.findIndex((e) => e.seq === seq);
}

/** The IRP in flight at this driver when the callback at `index` ran: the latest `irp` event of its device and layer not yet ended. */
export function irpInFlight(trace: readonly TraceEvent[], index: number): TraceEvent | undefined {
  const e = trace[index];
  for (let i = index - 1; i >= 0 && i >= index - LOOK_BACK; i--) {
    const x = trace[i];
    if (x.kind === 'user') break;
    if (x.kind === 'irp' && x.device === e.device && x.layer === e.layer && (x.end === undefined || x.end >= e.seq)) return x;
  }
  return undefined;
}

/** The table an event's `at` names, in words: its title without "(one driver)" and the like. */
export function tableWords(at: string | undefined): string | undefined {
  const table = at && TABLES.get(at.split('/')[0]);
  return table ? table.title.replace(/\s*\((one driver|UMDF 1 driver|bus driver|UMDF 1|reflector, WUDFRd\.sys)\)$/, '') : undefined;
}

/** What led to the function of the event at `index`: the IRP in flight (with the way it travelled), else its table. */
export function callerOf(trace: readonly TraceEvent[], index: number): string | undefined {
  const e = trace[index];
  if (e.kind === 'callback') {
    const irp = irpInFlight(trace, index);
    if (irp) return `${irp.name}${irp.pass ? ` (${irp.pass === 'down' ? 'down' : 'back up'})` : ''}`;
  }
  if (isMinidriverCall(e) && e.client) {
    // the application's call the service turned into this minidriver call, when one is still running
    for (let i = index - 1; i >= 0 && i >= index - LOOK_BACK; i--) {
      const x = trace[i];
      if (x.kind === 'user') break;
      if (x.kind === 'wia' && x.component === 'service' && x.client === e.client && x.end !== undefined && x.end >= e.seq) return `${x.name} (${x.client})`;
    }
  }
  return tableWords(e.at);
}

/** The minidriver method an `hw` event (or a call the minidriver makes into the service) happens in. */
function enclosingMethod(trace: readonly TraceEvent[], index: number): number | undefined {
  const e = trace[index];
  for (let i = index - 1; i >= 0 && i >= index - LOOK_BACK; i--) {
    const x = trace[i];
    if (x.kind === 'user') break;
    if (isMinidriverCall(x) && x.device === e.device && (x.at === e.at || (x.end !== undefined && x.end >= e.seq))) return i;
  }
  return undefined;
}

function targetOf(e: TraceEvent): SettingsTarget | undefined {
  if (e.kind !== 'callback' || !e.device || !e.layer || e.layer === 'reflector') return undefined;
  return { device: e.device, layer: e.layer, driver: e.driver };
}

/** The function (and its source) an event at `index` ran, if the lab has a source for it. */
/** The line that makes the call `e` records: in the function itself, else in a helper; the one naming its command (`CMD_START_SCAN`) when several do. */
function callLineOf(found: Located, e: TraceEvent): number | undefined {
  const own = found.fn.calls.filter((c) => c.name === e.name);
  const sites = own.length ? own : found.source.calls.filter((c) => c.name === e.name && c.inFunction === undefined);
  const command = typeof e.args?.Command === 'string' ? `CMD_${e.args.Command}` : undefined;
  return (sites.find((c) => command !== undefined && found.source.lines[c.line - 1].includes(command)) ?? sites[0])?.line;
}

function located(trace: readonly TraceEvent[], index: number): { at: number; found: Located; call?: string; callLine?: number } | undefined {
  const e = trace[index];
  if (e.kind === 'callback' && e.layer) {
    const found = locateCallback(e.name, e.layer);
    return found && { at: index, found };
  }
  if (isMinidriverCall(e)) {
    const found = locateMinidriverCall(e.name);
    return found && { at: index, found };
  }
  if ((e.kind === 'hw' && e.component === 'minidriver') || (e.kind === 'wia' && e.component === 'service' && e.device)) {
    const m = enclosingMethod(trace, index);
    const found = m === undefined ? undefined : locateMinidriverCall(trace[m].name);
    if (!found) return undefined;
    const callLine = callLineOf(found, e);
    return { at: m!, found, call: callLine === undefined ? undefined : e.name, callLine };
  }
  return undefined;
}

/** The function driver's source of a device, from the layer's framework as the trace shows it (a UMDF 1 driver's callbacks are COM names). */
function sourceForDriver(e: TraceEvent): SourceId {
  if (e.layer === 'bus' && e.driver === 'USBHUB3') return 'kmdf-bus';
  const umdf = e.driver?.includes('Umdf');
  if (e.layer === 'lower-filter' || e.layer === 'upper-filter') return umdf ? 'umdf1-driver' : 'kmdf-filter';
  return umdf ? 'umdf1-driver' : 'kmdf-function';
}

/**
 * What the panel shows with `position` events applied (the event under the cursor is `trace[position - 1]`): the
 * function of that event; for an IRP reaching a driver, that driver's source with nothing lit yet (the framework
 * has not called anything); otherwise the last function that ran before the cursor in the same user action.
 */
export function sourceAt(trace: readonly TraceEvent[], position: number): SourceFocus {
  const index = Math.min(position, trace.length) - 1;
  if (index < 0) return { source: 'kmdf-function', current: false, note: 'Nothing has run yet. Plug a device in and step to a callback (CB in the timeline) to see its code.' };
  const e = trace[index];
  const here = located(trace, index);
  if (here) return focusOf(trace, here, true);
  if (e.kind === 'irp' && e.layer && e.layer !== 'reflector' && e.driver !== 'pci' && e.device !== 'usb-root-hub' && e.device !== 'pci-bus') {
    const way = e.pass === 'up' ? 'comes back up to' : 'reaches';
    return {
      source: sourceForDriver(e),
      current: true,
      caller: `${e.name} ${way} ${e.driver} (${e.layer})`,
      target: { device: e.device!, layer: e.layer, driver: e.driver },
      note: `${e.name} ${way} ${e.driver}: the framework handles it and calls the driver's callbacks, if any, next. Step on to see which.`,
    };
  }
  // the last function that ran before the cursor, in the same user action
  for (let i = index - 1; i >= 0 && i >= index - LOOK_BACK; i--) {
    const x = trace[i];
    if (x.kind === 'user') break;
    const back = located(trace, i);
    if (back) return focusOf(trace, back, false);
  }
  return { source: 'kmdf-function', current: false, note: `The event under the cursor (${e.name}) runs no driver code the lab has a source for. Step to a callback (CB in the timeline) or a minidriver call.` };
}

function focusOf(trace: readonly TraceEvent[], hit: { at: number; found: Located; call?: string; callLine?: number }, current: boolean): SourceFocus {
  const e = trace[hit.at];
  return {
    source: hit.found.source.id,
    active: hit.found.fn.name,
    result: e.result,
    caller: callerOf(trace, hit.at),
    seq: e.seq,
    current,
    call: hit.call,
    callLine: hit.callLine,
    target: targetOf(e),
  };
}

export { indexOfSeq };
