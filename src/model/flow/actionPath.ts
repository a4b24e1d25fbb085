/**
 * Which table rows the engine went through for one user action, up to the cursor: a fold over the inspection stream's
 * runs (engine/inspect.ts). Every event names the run that recorded it, every skipped row its run, and every run the
 * run and row that started it (`parent`), so who called whom is read, never guessed. The result is a set of table runs
 * ("instances") per swimlane, each with the rows it visited and how each ended; nothing here knows any sequence.
 */
import type { RowRef as RunRowRef, RunEnd, RunStart } from '../../engine/inspect';
import type { Layer, TraceEvent } from '../../engine/trace';
import { tripAt, type IrpTrip } from './irpTrip';
import { driverLaneKey, sharedLaneOf } from './lanes';
import { rowOf } from './tables';
import { isFailedEvent, isPendingAt } from '../traceRules';

export type Outcome = 'ok' | 'fail' | 'skip' | 'warn';

/** A row the engine skipped (the inspection stream's row.skip, with its run's table and user action). */
export interface SkipLike {
  /** the run that skipped it */
  run: number;
  table: string;
  row: string;
  /** why, in words (the guard's sentence) */
  reason: string;
  /** trace length when the row was skipped: it happened after event `at - 1` and before event `at` */
  at: number;
  cause: number | undefined;
}

/** One table run of the engine: its start (table, parent run and row, devnode, driver) and its end, once it ended. */
export interface RunLike {
  start: RunStart;
  end: RunEnd | undefined;
}

export interface LayerLike {
  layer: string;
  driver: string;
  framework: string;
}

export interface RowVisit {
  outcome: Outcome;
  /** one of its events (an IRP in flight) has no result yet at the cursor */
  pending: boolean;
  reason?: string;
  /** trace indices of the events this row produced */
  events: number[];
  /** true when no event or skip shows the row: it ran silently (a sub-table call, a check that passed) */
  implied: boolean;
}

export interface RowRef {
  key: string;
  row: string;
}

export interface Instance {
  /** `lane::table`: the latest run of a table in a lane stands for it */
  key: string;
  lane: string;
  table: string;
  device: string | undefined;
  visits: Map<string, RowVisit>;
  /** visited rows, in order */
  order: string[];
  /** the row of a table in the same lane that ran this table */
  parent?: RowRef;
  /** the row in another lane that ran this table (a PnP manager row whose IRP made a driver run it) */
  invokedBy?: RowRef;
  /** when it was first and last seen, counted in observations (events and skips) */
  first: number;
  last: number;
}

export interface ActionPath {
  /** seq of the user event of the action under the cursor */
  action: number | undefined;
  userEvent: TraceEvent | undefined;
  instances: Map<string, Instance>;
  current: RowRef | undefined;
  /** the PnP manager row most recently visited, and the IRP it sends if any */
  managerRow: (RowRef & { irp?: string }) | undefined;
  /** device whose driver lanes are shown */
  focusDevice: string | undefined;
  /** how many observations (events and skips) the action has up to the cursor */
  count: number;
  /** the latest IRP that travelled the focus device's stack in this action, as far as it got at the cursor (irpTrip.ts) */
  trip?: IrpTrip;
}

/** Trace and skip indices grouped by user action; built once per run. */
export interface ActionIndex {
  events: Map<number, number[]>;
  skips: Map<number, number[]>;
}

export function indexActions(trace: readonly TraceEvent[], skips: readonly SkipLike[]): ActionIndex {
  const events = new Map<number, number[]>();
  trace.forEach((e, i) => {
    const a = e.kind === 'user' ? e.seq : e.cause;
    if (a === undefined) return;
    (events.get(a) ?? events.set(a, []).get(a)!).push(i);
  });
  const bySkip = new Map<number, number[]>();
  skips.forEach((s, i) => {
    if (s.cause === undefined) return;
    (bySkip.get(s.cause) ?? bySkip.set(s.cause, []).get(s.cause)!).push(i);
  });
  return { events, skips: bySkip };
}

function eventOutcome(e: TraceEvent): Outcome {
  if (e.kind === 'warn') return 'warn';
  return isFailedEvent(e) ? 'fail' : 'ok';
}

const RANK: Record<Outcome, number> = { skip: 0, ok: 1, warn: 2, fail: 3 };

export interface ActionPathInput {
  trace: readonly TraceEvent[];
  /** every table run, by run id (runs[id - 1]) */
  runs: readonly RunLike[];
  skips: readonly SkipLike[];
  index: ActionIndex;
  /** number of events applied: the event under the cursor is trace[position - 1] */
  position: number;
  /** driver stack of a device at the cursor, bottom-up (empty if unknown) */
  stackOf: (device: string) => readonly LayerLike[];
  /**
   * A lesson's question holds the cursor here: the rows the engine skipped right after the event
   * under the cursor (before the next event) are the future too, and are not shown.
   */
  gated?: boolean;
}

/** One thing seen in a row: an event it recorded, or its skip. */
interface Observation {
  run: number | undefined;
  table: string;
  row: string;
  outcome: Outcome;
  pending: boolean;
  reason?: string;
  event?: number;
  /** an event recorded outside any run (a client's deferred work item): its lane, from the event */
  lane?: string;
}

function splitAt(at: string | undefined): { table: string; row: string } | undefined {
  if (!at) return undefined;
  const slash = at.indexOf('/');
  if (slash < 0) return undefined;
  const table = at.slice(0, slash);
  const row = at.slice(slash + 1);
  return rowOf(table, row) ? { table, row } : undefined;
}

/** The swimlane a run belongs to: the PnP manager's, a notification client's, the WIA service's, or its driver's. */
function laneOf(table: string, device: string | undefined, layer: Layer | undefined, driver: string | undefined): string {
  const shared = sharedLaneOf(table);
  if (shared) return shared.key;
  if (device === undefined || layer === undefined || driver === undefined) return table.split('.')[0];
  return driverLaneKey(device, layer, driver);
}

/** The action's events and skips up to the cursor, in the order they happened. */
function observe(input: ActionPathInput, action: number): Observation[] {
  const { trace, skips, index, position, gated = false } = input;
  const obs: Observation[] = [];
  const eventIdx = index.events.get(action) ?? [];
  const skipIdx = index.skips.get(action) ?? [];
  let s = 0;
  const pushSkips = (upTo: number) => {
    while (s < skipIdx.length && skips[skipIdx[s]].at <= upTo) {
      const k = skips[skipIdx[s++]];
      if (rowOf(k.table, k.row)) obs.push({ run: k.run, table: k.table, row: k.row, outcome: 'skip', pending: false, reason: k.reason });
    }
  };
  for (const i of eventIdx) {
    if (i >= position) break;
    pushSkips(i);
    const e = trace[i];
    const at = splitAt(e.at);
    if (!at) continue;
    // An IRP still in flight at the cursor shows no outcome yet: its result belongs to the future.
    const pending = isPendingAt(e, position);
    const run = e.run !== undefined && input.runs[e.run - 1]?.start.table === at.table ? e.run : undefined;
    obs.push({
      ...at, run, outcome: pending ? (e.kind === 'warn' ? 'warn' : 'ok') : eventOutcome(e), pending, event: i,
      ...(run === undefined ? { lane: laneOf(at.table, e.device, e.layer, e.driver) } : {}),
    });
  }
  pushSkips(gated ? position - 1 : position);
  return obs;
}

/** The PnP manager's row the action is at, and the IRP it sends, if any. */
function managerRowOf(inst: Instance, rowId: string): NonNullable<ActionPath['managerRow']> {
  const row = rowOf(inst.table, rowId)!;
  return { key: inst.key, row: rowId, irp: row.do === 'irp' || row.do === 'parentIrp' ? row.name : undefined };
}

export function actionPathAt(input: ActionPathInput): ActionPath {
  const { trace, runs, position, stackOf, gated = false } = input;
  const currentEvent = trace[position - 1];
  const empty: ActionPath = { action: undefined, userEvent: undefined, instances: new Map(), current: undefined, managerRow: undefined, focusDevice: undefined, count: 0 };
  if (!currentEvent) return empty;
  const action = currentEvent.kind === 'user' ? currentEvent.seq : currentEvent.cause;
  if (action === undefined) return { ...empty, focusDevice: currentEvent.device };
  const userEvent = trace[action - 1];

  const instances = new Map<string, Instance>();
  /** The instance of each run seen so far. */
  const ofRun = new Map<number, Instance>();
  let managerRow: ActionPath['managerRow'];
  let current: RowRef | undefined;
  let n = 0;

  const visit = (inst: Instance, row: string, v: { outcome: Outcome; implied: boolean; pending?: boolean; reason?: string; event?: number }) => {
    const old = inst.visits.get(row);
    if (!old) {
      inst.visits.set(row, { outcome: v.outcome, pending: v.pending === true, reason: v.reason, events: v.event === undefined ? [] : [v.event], implied: v.implied });
      inst.order.push(row);
    } else {
      if (v.pending) old.pending = true;
      if (RANK[v.outcome] > RANK[old.outcome]) old.outcome = v.outcome;
      if (v.reason && !old.reason) old.reason = v.reason;
      if (v.event !== undefined) old.events.push(v.event);
      if (!v.implied) old.implied = false;
    }
    inst.last = n;
  };

  const create = (key: string, lane: string, table: string, device: string | undefined): Instance => {
    const inst: Instance = { key, lane, table, device, visits: new Map(), order: [], first: n, last: n };
    instances.set(key, inst);
    return inst;
  };

  /**
   * The instance of run `id`, made the first time one of its rows (or of a run it started) is seen: the run that started
   * it first, with the row that did marked as run (silently, when nothing else shows it).
   */
  const instanceOf = (id: number): Instance => {
    const seen = ofRun.get(id);
    if (seen) return seen;
    const start = runs[id - 1].start;
    const caller = callerOf(start);
    const from = caller === undefined ? undefined : instanceOf(caller.run);
    const lane = laneOf(start.table, start.device, start.layer, start.driver);
    const inst = create(`${lane}::${start.table}`, lane, start.table, start.device);
    ofRun.set(id, inst);
    if (from !== undefined && caller !== undefined) {
      if (!from.visits.has(caller.row)) visit(from, caller.row, { outcome: 'ok', implied: true });
      from.last = n;
      if (sharedLaneOf(from.table)?.kind === 'manager') managerRow = managerRowOf(from, caller.row);
      const ref = { key: from.key, row: caller.row };
      if (from.lane === lane) inst.parent = ref;
      else inst.invokedBy = ref;
    }
    return inst;
  };

  /**
   * The run and row that started a run of this action: its parent, or the row that queued it when that row names the
   * table (a deferred removal: pnp.notifySurpriseRemoved/DeferRemove). None for a run the action started itself.
   */
  const callerOf = (start: RunStart): RunRowRef | undefined => {
    const p = start.parent ?? start.queuedBy;
    if (p === undefined || runs[p.run - 1].start.cause !== action) return undefined;
    return start.parent !== undefined || rowOf(runs[p.run - 1].start.table, p.row)?.table === start.table ? p : undefined;
  };

  for (const o of observe(input, action)) {
    n++;
    let inst: Instance;
    if (o.run !== undefined) inst = instanceOf(o.run);
    else {
      // recorded outside any run (a client's deferred work item): it belongs to the latest run of its row's table
      const key = `${o.lane}::${o.table}`;
      inst = instances.get(key) ?? create(key, o.lane!, o.table, undefined);
    }
    visit(inst, o.row, { outcome: o.outcome, pending: o.pending, reason: o.reason, implied: false, event: o.event });
    if (o.event === position - 1) current = { key: inst.key, row: o.row };
    if (sharedLaneOf(o.table)?.kind === 'manager') managerRow = managerRowOf(inst, o.row);
  }

  // A row that ran a table ends the way that table ended by the cursor (a failed query-remove fails the row that sent it).
  const endSeen = gated ? position - 1 : position;
  for (const [id, inst] of ofRun) {
    const end = runs[id - 1].end;
    const caller = callerOf(runs[id - 1].start);
    if (caller === undefined || end === undefined || end.outcome !== 'fail' || end.seq > endSeen || !inst.parent) continue;
    const parent = ofRun.get(caller.run)!;
    const v = parent.visits.get(caller.row);
    if (v && rowOf(parent.table, caller.row)?.fail !== undefined) v.outcome = 'fail';
  }

  const cur = currentEvent;
  const focusDevice =
    cur.device !== undefined && stackOf(cur.device).length > 0 ? cur.device : userEvent?.device !== undefined ? userEvent.device : cur.device;
  const eventIdx = input.index.events.get(action) ?? [];
  const trip = focusDevice !== undefined ? tripAt(trace, eventIdx, position, focusDevice, stackOf(focusDevice)) : undefined;
  return { action, userEvent, instances, current, managerRow, focusDevice, count: n, trip };
}
