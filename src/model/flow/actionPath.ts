/**
 * Which table rows the engine went through for one user action, up to the cursor, read from the
 * trace (`at` = table/row of each event, `cause` = the user action) and from the rows the engine
 * reported as skipped. The result is a set of table runs ("instances") per swimlane, each with
 * the rows it visited and how each ended; nothing here knows any particular sequence.
 */
import { END_FAIL } from '../../engine/tables/table';
import type { Layer, TraceEvent } from '../../engine/trace';
import { canFollow } from './reach';
import { driverLaneKey, sharedLaneOf } from './lanes';
import { INVOKERS, TABLES, rowOf, tablesForIrp } from './tables';
import { tripAt, type IrpTrip } from './irpTrip';

export type Outcome = 'ok' | 'fail' | 'skip' | 'warn';

export interface SkipLike {
  table: string;
  row: string;
  reason: string;
  device: string;
  layer: Layer | undefined;
  driver?: string | undefined;
  at: number;
  cause: number | undefined;
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
  key: string;
  lane: string;
  table: string;
  device: string | undefined;
  visits: Map<string, RowVisit>;
  /** visited rows, in order */
  order: string[];
  /** row of a table in the same lane (or the PnP manager's) that ran this table */
  parent?: RowRef;
  /** PnP manager row whose IRP made a driver run this table */
  invokedBy?: RowRef;
  first: number;
  last: number;
  closed: boolean;
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

/** NTSTATUS, HRESULT and WIA error results; success codes (STATUS_SUCCESS, S_OK, ERROR_SUCCESS, TRUE...) and pending are not. */
export function isFailureResult(result: string | undefined): boolean {
  if (result === undefined || result === 'STATUS_SUCCESS' || result === 'STATUS_PENDING' || result === 'ERROR_IO_PENDING') return false;
  return /^(STATUS_|E_|WIA_ERROR|HRESULT|FALSE$)/.test(result) || /^(ERROR|CR)_(?!SUCCESS)/.test(result);
}

/**
 * An event whose result is filled in when it completes (`end`: the seq of the last event recorded
 * before that) shows no result while the cursor is before `end` (docs/trace-format.md): with
 * `position` events applied, that is while position < end.
 */
export function isPendingAt(e: TraceEvent, position: number): boolean {
  return e.end !== undefined && position < e.end;
}

/** A veto, a failure result, or a warning. */
export function isFailedEvent(e: TraceEvent): boolean {
  return e.kind === 'warn' || (e.args !== undefined && 'VetoType' in e.args) || isFailureResult(e.result);
}

function eventOutcome(e: TraceEvent): Outcome {
  if (e.kind === 'warn') return 'warn';
  return isFailedEvent(e) ? 'fail' : 'ok';
}

const RANK: Record<Outcome, number> = { skip: 0, ok: 1, warn: 2, fail: 3 };

export interface ActionPathInput {
  trace: readonly TraceEvent[];
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

interface Observation {
  table: string;
  row: string;
  device: string | undefined;
  layer: string | undefined;
  driver: string | undefined;
  outcome: Outcome;
  pending?: boolean;
  reason?: string;
  event?: number;
}

function splitAt(at: string | undefined): { table: string; row: string } | undefined {
  if (!at) return undefined;
  const slash = at.indexOf('/');
  if (slash < 0) return undefined;
  const table = at.slice(0, slash);
  const row = at.slice(slash + 1);
  return rowOf(table, row) ? { table, row } : undefined;
}

export function actionPathAt(input: ActionPathInput): ActionPath {
  const { trace, skips, index, position, stackOf, gated = false } = input;
  const currentEvent = trace[position - 1];
  const empty: ActionPath = { action: undefined, userEvent: undefined, instances: new Map(), current: undefined, managerRow: undefined, focusDevice: undefined, count: 0 };
  if (!currentEvent) return empty;
  const action = currentEvent.kind === 'user' ? currentEvent.seq : currentEvent.cause;
  if (action === undefined) return { ...empty, focusDevice: currentEvent.device };
  const userEvent = trace[action - 1];

  // Merge the action's events and skips, in the order they happened, up to the cursor.
  const obs: Observation[] = [];
  const eventIdx = index.events.get(action) ?? [];
  const skipIdx = index.skips.get(action) ?? [];
  let s = 0;
  const pushSkips = (upTo: number) => {
    while (s < skipIdx.length && skips[skipIdx[s]].at <= upTo) {
      const k = skips[skipIdx[s++]];
      if (!rowOf(k.table, k.row)) continue;
      obs.push({ table: k.table, row: k.row, device: k.device, layer: k.layer, driver: k.driver, outcome: 'skip', reason: k.reason });
    }
  };
  for (const i of eventIdx) {
    if (i >= position) break;
    pushSkips(i);
    const e = trace[i];
    const at = splitAt(e.at);
    // An IRP still in flight at the cursor shows no outcome yet: its result belongs to the future.
    const pending = isPendingAt(e, position);
    if (at) obs.push({ ...at, device: e.device, layer: e.layer, driver: e.driver, outcome: pending ? (e.kind === 'warn' ? 'warn' : 'ok') : eventOutcome(e), pending, event: i });
  }
  pushSkips(gated ? position - 1 : position);

  const instances = new Map<string, Instance>();
  const lastIrpToLane = new Map<string, RowRef & { irp: string; pass: unknown }>();
  const lastDriver = new Map<string, string>();
  let managerRow: ActionPath['managerRow'];
  let current: RowRef | undefined;
  let n = 0;

  const laneOf = (o: Observation): string => {
    const shared = sharedLaneOf(o.table);
    if (shared) return shared.key;
    if (o.device === undefined || o.layer === undefined) return o.table.split('.')[0];
    const driver = o.driver ?? lastDriver.get(`${o.device}|${o.layer}`) ?? stackOf(o.device).find((l) => l.layer === o.layer)?.driver ?? o.layer;
    return driverLaneKey(o.device, o.layer, driver);
  };

  const visit = (inst: Instance, row: string, v: Omit<RowVisit, 'events' | 'pending'> & { event?: number; pending?: boolean }) => {
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

  const create = (table: string, lane: string, device: string | undefined): Instance => {
    const inst: Instance = { key: `${lane}::${table}`, lane, table, device, visits: new Map(), order: [], first: n, last: n, closed: false };
    inst.parent = undefined;
    const link = invokerFor(table, lane, device, 0);
    if (link?.parent) inst.parent = link.parent;
    if (link?.invokedBy) inst.invokedBy = link.invokedBy;
    instances.set(inst.key, inst);
    return inst;
  };

  /** Finds (or infers) the row that ran `table`, marking it visited. */
  const invokerFor = (table: string, lane: string, device: string | undefined, depth: number): { parent?: RowRef; invokedBy?: RowRef } | undefined => {
    if (depth > 6) return undefined;
    const candidates = INVOKERS.get(table) ?? [];
    const isShared = sharedLaneOf(table) !== undefined;
    let best: Instance | undefined;
    let bestRow = '';
    for (const c of candidates) {
      for (const lk of [lane, 'pnp']) {
        const inst = instances.get(`${lk}::${c.table}`);
        if (inst && !inst.closed && (!best || inst.last > best.last)) {
          best = inst;
          bestRow = c.row;
        }
      }
    }
    const mark = (inst: Instance, row: string) => {
      if (!inst.visits.has(row)) visit(inst, row, { outcome: 'ok', implied: true });
      inst.last = n;
    };
    if (best) {
      mark(best, bestRow);
      const ref = { key: best.key, row: bestRow };
      return best.lane === lane ? { parent: ref } : { invokedBy: ref };
    }
    if (!isShared) {
      const irp = lastIrpToLane.get(lane);
      if (irp) {
        const runs = tablesForIrp(irp.irp, irp.pass);
        if (runs.includes(table)) return { invokedBy: { key: irp.key, row: irp.row } };
        const host = candidates.find((c) => runs.includes(c.table));
        if (host) {
          const inst = create(host.table, lane, device);
          inst.invokedBy = { key: irp.key, row: irp.row };
          mark(inst, host.row);
          return { parent: { key: inst.key, row: host.row } };
        }
      }
    }
    const hostTables = [...new Set(candidates.map((c) => c.table))];
    if (hostTables.length === 1) {
      const host = candidates[0];
      const hostShared = sharedLaneOf(host.table);
      const inst = create(host.table, hostShared ? hostShared.key : lane, device);
      mark(inst, host.row);
      const ref = { key: inst.key, row: host.row };
      return inst.lane === lane ? { parent: ref } : { invokedBy: ref };
    }
    if (!isShared && managerRow) return { invokedBy: { key: managerRow.key, row: managerRow.row } };
    return undefined;
  };

  for (const o of obs) {
    n++;
    const lane = laneOf(o);
    if (o.device !== undefined && o.layer !== undefined && o.driver !== undefined) lastDriver.set(`${o.device}|${o.layer}`, o.driver);
    const table = TABLES.get(o.table)!;
    const key = `${lane}::${o.table}`;
    let inst = instances.get(key);
    const last = inst?.order[inst.order.length - 1];
    const sameRun =
      inst !== undefined &&
      !inst.closed &&
      (lane !== 'pnp' || inst.device === o.device || o.device === undefined || inst.device === undefined || !sharedIsPerDevice(o)) &&
      (last === o.row ? true : !inst.visits.has(o.row) && (last === undefined || canFollow(table, last, o.row)));
    const ownDevice = lane === 'pnp' && !sharedIsPerDevice(o) ? undefined : o.device;
    if (!sameRun) inst = create(o.table, lane, ownDevice);
    if (inst!.device === undefined) inst!.device = ownDevice;
    visit(inst!, o.row, { outcome: o.outcome, pending: o.pending, reason: o.reason, implied: false, event: o.event });
    if (o.event === position - 1) current = { key: inst!.key, row: o.row };

    if (sharedLaneOf(o.table)?.kind === 'manager') {
      const row = rowOf(o.table, o.row)!;
      const irp = row.do === 'irp' || row.do === 'parentIrp' ? row.name : undefined;
      managerRow = { key: inst!.key, row: o.row, irp };
      if (o.event !== undefined && o.device !== undefined && o.layer !== undefined && o.driver !== undefined) {
        const target = driverLaneKey(o.device, o.layer, o.driver);
        for (const other of instances.values()) if (other.lane === target) other.closed = true;
        if (irp) lastIrpToLane.set(target, { key: inst!.key, row: o.row, irp, pass: trace[o.event].args?.Pass });
      }
    }
  }

  // A row that ran a table ends the way that table ended (a failed query-remove fails the row that sent it).
  for (const inst of instances.values()) {
    if (!inst.parent) continue;
    const table = TABLES.get(inst.table)!;
    const failedOut = inst.order.some((id) => inst.visits.get(id)!.outcome === 'fail' && table.rows.find((r) => r.id === id)?.fail === END_FAIL);
    const parent = instances.get(inst.parent.key);
    const visit = parent?.visits.get(inst.parent.row);
    if (failedOut && visit && rowOf(parent!.table, inst.parent.row)?.fail !== undefined) visit.outcome = 'fail';
  }

  const cur = currentEvent;
  const focusDevice =
    cur.device !== undefined && stackOf(cur.device).length > 0 ? cur.device : userEvent?.device !== undefined ? userEvent.device : cur.device;
  const trip = focusDevice !== undefined ? tripAt(trace, eventIdx, position, focusDevice, stackOf(focusDevice)) : undefined;
  return { action, userEvent, instances, current, managerRow, focusDevice, count: n, trip };
}

/** PnP manager events name the devnode they act on, except calls made by the parent bus driver. */
function sharedIsPerDevice(o: Observation): boolean {
  const row = rowOf(o.table, o.row);
  return row !== undefined && row.do !== 'parentCall' && row.do !== 'parentIrp';
}
