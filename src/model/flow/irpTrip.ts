/**
 * The IRP travelling a device's stack at the cursor, read from the trace (`irp` events with `pass`, recorded by a
 * run with irpTravel: docs/trace-format.md, "IRPs that travel"): for each driver, how far the IRP has got on its way
 * down and on its way back up. The flowchart draws it as the stack with the descent on the left and the ascent on
 * the right (buildFlow.ts, nodes.tsx). Pure: no React. Nothing after the cursor is read.
 */
import type { TraceEvent } from '../../engine/trace';
import type { LayerLike } from './actionPath';
import { isFailedEvent, isPendingAt } from '../traceRules';
import { LAYER_TITLES } from './lanes';

/**
 * One side of a driver's box: `idle` not reached yet, `pending` reached and not passed on or completed yet at the
 * cursor, `done`, `failed` (a failure status), `unreached` (a driver above completed the IRP: it never came here).
 */
export type HopStatus = 'idle' | 'pending' | 'done' | 'failed' | 'unreached';

export interface HopMark {
  status: HopStatus;
  /** what the pill says: the status, `passed down`, `STATUS_PENDING…`, `not yet` … */
  text: string;
  /** the event under the cursor is this one */
  current: boolean;
  /** trace index of the event, when there is one */
  event?: number;
}

export interface TripHop {
  layer: string;
  driver: string;
  title: string;
  down: HopMark;
  up: HopMark;
  /** this driver completed the IRP (the bus driver, or one that failed it on the way down): the IRP turned back here */
  turn: boolean;
}

export interface IrpTrip {
  irp: string;
  device: string;
  /** `tableId/rowId` of the PnP manager's row that sent it */
  at: string | undefined;
  /** the drivers it can reach, top to bottom (the order it passes them on its way down) */
  hops: TripHop[];
  /** the completion is back at the PnP manager */
  back: boolean;
  /** the latest event of the trip at the cursor: which driver, which way */
  latest: { hop: number; pass: 'down' | 'up' };
}

const NOT_YET: HopMark = { status: 'idle', text: 'not yet', current: false };
const NEVER: HopMark = { status: 'unreached', text: 'never reached', current: false };
const EARLIER: HopMark = { status: 'done', text: 'sent earlier', current: false };

/** The drivers in the order an IRP reaches them on its way down: a UMDF 1 reflector first, then top to bottom. */
function descentOrder(stack: readonly LayerLike[]): LayerLike[] {
  const out = [...stack].reverse();
  const r = out.findIndex((l) => l.layer === 'reflector');
  if (r > 0) out.unshift(...out.splice(r, 1));
  return out;
}

function mark(trace: readonly TraceEvent[], i: number, position: number): HopMark {
  const e = trace[i];
  const current = i === position - 1;
  if (isPendingAt(e, position)) return { status: 'pending', text: 'STATUS_PENDING…', current, event: i };
  return { status: isFailedEvent(e) ? 'failed' : 'done', text: e.result ?? 'passed down', current, event: i };
}

const settled = (m: HopMark) => m.status === 'done' || m.status === 'failed';

/**
 * The trip of the latest travelled IRP to `device` among `events` (trace indices of the action at the cursor, in
 * order) before `position`, or undefined when there is none (a trace recorded without irpTravel has no `pass`).
 * `stack`: the device's drivers, bottom-up.
 */
export function tripAt(trace: readonly TraceEvent[], events: readonly number[], position: number, device: string, stack: readonly LayerLike[]): IrpTrip | undefined {
  let k = events.length - 1;
  while (k >= 0 && events[k] >= position) k--;
  let latest = -1;
  for (; k >= 0; k--) {
    const e = trace[events[k]];
    if (e.kind === 'irp' && e.pass !== undefined && e.device === device) {
      latest = events[k];
      break;
    }
  }
  if (latest < 0) return undefined;
  const last = trace[latest];
  const args = last.args === undefined ? '' : JSON.stringify(last.args);
  // Back from the latest event: the events of the same IRP (same name, args and row), each driver once each way,
  // every `down` before every `up`.
  const downs = new Map<string, number>();
  const ups = new Map<string, number>();
  for (; k >= 0; k--) {
    const i = events[k];
    const e = trace[i];
    if (e.kind !== 'irp' || e.device !== device || e.name !== last.name || e.pass === undefined) continue;
    if (e.at !== last.at || (e.args === undefined ? '' : JSON.stringify(e.args)) !== args) continue;
    const key = `${e.layer}:${e.driver}`;
    if (e.pass === 'up') {
      if (downs.size > 0 || ups.has(key)) break;
      ups.set(key, i);
    } else {
      if (downs.has(key)) break;
      downs.set(key, i);
    }
  }
  const keyOf = (l: LayerLike) => `${l.layer}:${l.driver}`;
  const order = descentOrder(stack);
  // The IRP enters at the top device object (drivers above the first one it reached have none yet), and skips a
  // driver without one (between two it reached, with no event of its own).
  const reached = order.map((l, i) => (downs.has(keyOf(l)) ? i : -1)).filter((i) => i >= 0);
  const first = reached.length > 0 ? reached[0] : 0;
  const lowest = reached.length > 0 ? reached[reached.length - 1] : order.length - 1;
  const shown = order.filter((l, i) => i >= first && (i >= lowest || downs.has(keyOf(l))));
  const hops: TripHop[] = shown.map((l) => {
    const d = downs.get(keyOf(l));
    const u = ups.get(keyOf(l));
    return {
      layer: l.layer, driver: l.driver, title: LAYER_TITLES[l.layer] ?? l.layer,
      // only its way back up in this action (IRP_MN_WAIT_WAKE, sent when the device idled)
      down: d !== undefined ? mark(trace, d, position) : downs.size === 0 ? EARLIER : NOT_YET,
      up: u !== undefined ? mark(trace, u, position) : NOT_YET,
      turn: false,
    };
  });
  // It turned back at the lowest driver it reached once that driver completed it: the bottom of the stack, or a
  // driver that failed it on the way down; a completion on its way up says so too.
  const t = downs.size === 0 ? hops.length - 1 : shown.findIndex((l) => order.indexOf(l) === lowest);
  const h = hops[t];
  if (h !== undefined && (ups.size > 0 || (settled(h.down) && (t === hops.length - 1 || h.down.status === 'failed')))) {
    h.turn = true;
    h.up = { status: h.down.status === 'failed' ? 'failed' : 'done', text: 'completes it', current: false };
    for (const below of hops.slice(t + 1)) below.down = NEVER;
  }
  // back at the PnP manager once every driver above the turn has completed it (in a UMDF 1 stack the reflector
  // hears from the bus driver first, so the top driver alone does not say so)
  const turned = hops.findIndex((x) => x.turn);
  const back = turned >= 0 && settled(hops[turned].down) && hops.slice(0, turned).every((x) => settled(x.up));
  const hop = hops.findIndex((x) => x.layer === last.layer && x.driver === last.driver);
  return { irp: last.name, device, at: last.at, hops, back, latest: { hop, pass: last.pass! } };
}
