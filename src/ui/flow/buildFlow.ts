/**
 * Turns the rows the engine went through (actionPath.ts) into React Flow nodes and edges:
 * one swimlane per actor, one frame per table run, every row of that table as a node and every
 * declared exit as an edge, each with the status the cursor gives it. Pure: no React, no DOM.
 */
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import { END_FAIL, type Row, type Table } from '../../engine/tables/table';
import type { ActionPath, Instance, LayerLike, Outcome, RowRef } from '../../model/flow/actionPath';
import { docsUrl } from './docsUrl';
import { driverLaneKey, laneRank, laneTitle, parseDriverLane, sharedLaneOf, type LaneKind } from '../../model/flow/lanes';
import { pathBetween } from '../../model/flow/reach';
import { edgeKey, isEnd, type EdgeRoute, type ExitKind, type TableLayout } from '../../model/flow/tableGraph';
import type { IrpTrip } from '../../model/flow/irpTrip';
import { layoutTable } from '../../model/flow/tableLayout';
import { TABLES, tablesForIrp } from '../../model/flow/tables';
import { hopCentreY, hopTop, MANAGER_CENTRE_Y, TRIP, tripHeight, tripRows } from './tripGeometry';

export type RowStatus = 'current' | 'done' | 'pending' | 'implied' | 'failed' | 'skipped' | 'warn' | 'idle';
export type EdgeStatus = 'idle' | 'taken' | 'failed' | 'current';

export interface RowNodeData extends Record<string, unknown> {
  title: string;
  rowId: string;
  tableId: string;
  kind: string;
  status: RowStatus;
  reason?: string;
  note?: string;
  cite: string;
  citeUrl: string;
  count: number;
}

export interface EndNodeData extends Record<string, unknown> {
  end: 'ok' | 'fail';
  reached: boolean;
}

export interface TableNodeData extends Record<string, unknown> {
  title: string;
  tableId: string;
  cite: string;
  citeUrl: string;
  device?: string;
  expected: boolean;
  earlier: boolean;
}

export interface LaneNodeData extends Record<string, unknown> {
  title: string;
  kind: LaneKind;
  empty?: string;
}

export interface IrpTripNodeData extends Record<string, unknown> {
  trip: IrpTrip;
}

export interface EdgeData extends Record<string, unknown> {
  status: EdgeStatus;
  /** labels are drawn this many times larger than the layout's (presenter mode) */
  labelScale?: number;
  kind: ExitKind | 'invoke';
  /** the route through the gaps between rows, in its table's coordinates (edges between tables have none) */
  route?: EdgeRoute;
  /** where the table's origin is in the flow: the route is drawn moved by it */
  dx?: number;
  dy?: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FlowGraph {
  nodes: Node[];
  edges: Edge[];
  /** centre of the row under the cursor, for following it */
  focus: { x: number; y: number } | undefined;
  /** the row under the cursor */
  focusBox?: Box;
  /** the table frame around it (its title names the IRP or call that ran the table) */
  frameBox?: Box;
  /** the row in another lane that ran the current row's table (a PnP manager IRP row, a client's call): kept in view beside it */
  callerBox?: Box;
  /** the whole chart */
  bounds?: Box;
  lanes: { key: string; title: string }[];
}

/**
 * How big the chart is drawn. Presenter mode stretches every table's stored layout (an affine
 * scale keeps every route between the rows it ran between) so row titles can be drawn large and
 * wrap to two lines; frame and lane headings grow with them.
 */
export interface FlowScale {
  sx: number;
  sy: number;
  frameHead: number;
  laneHead: number;
  labelScale: number;
}

export const NORMAL_SCALE: FlowScale = { sx: 1, sy: 1, frameHead: 50, laneHead: 46, labelScale: 1 };
export const PRESENTER_SCALE: FlowScale = { sx: 1.12, sy: 1.35, frameHead: 62, laneHead: 58, labelScale: 1.3 };

const scaledLayouts = new WeakMap<TableLayout, Map<string, TableLayout>>();

/** A table's layout stretched by (sx, sy): positions, sizes, routes and label centres (cached). */
export function scaleLayout(layout: TableLayout, sx: number, sy: number): TableLayout {
  if (sx === 1 && sy === 1) return layout;
  const key = `${sx}x${sy}`;
  let byScale = scaledLayouts.get(layout);
  const hit = byScale?.get(key);
  if (hit) return hit;
  const positions: TableLayout['positions'] = new Map();
  for (const [id, p] of layout.positions) positions.set(id, { x: p.x * sx, y: p.y * sy, w: p.w * sx, h: p.h * sy });
  const routes: TableLayout['routes'] = new Map();
  for (const [k, r] of layout.routes) {
    routes.set(k, { points: r.points.map((p) => ({ x: p.x * sx, y: p.y * sy })), label: r.label ? { x: r.label.x * sx, y: r.label.y * sy } : undefined });
  }
  const scaled: TableLayout = { width: layout.width * sx, height: layout.height * sy, positions, edges: layout.edges, routes };
  if (!byScale) scaledLayouts.set(layout, (byScale = new Map()));
  byScale.set(key, scaled);
  return scaled;
}

const LANE_PAD = 14;
const FRAME_PAD = 10;
const FRAME_GAP = 34;
const LANE_GAP = 18;
const MIN_LANE_W = 290;
/** The column between the PnP manager and the drivers where the IRP's trip through the stack is drawn. */
const TRIP_LANE_W = TRIP.width + 2 * LANE_PAD;
const TRIP_ID = 'irp-trip';

/**
 * Nodes come with their size and their handles' positions, so React Flow draws them and their edges
 * in the frame they mount and never has to measure them (see useStaticNodes in FlowPanel.tsx).
 */
function sized(w: number, h: number, handles: NodeHandle[] = []): Pick<Node, 'width' | 'height' | 'measured' | 'handles'> {
  return { width: w, height: h, measured: { width: w, height: h }, handles };
}

const handleCache = new Map<string, NodeHandle[]>();

/**
 * Top (in) and bottom (out) handles; rows also take edges from other lanes on the left and send on
 * the right. Where React Flow would put a 5×5 px <Handle> (centred on the border: base.css).
 */
function handlesFor(w: number, h: number, sides: boolean): NodeHandle[] {
  const key = `${w}x${h}:${sides}`;
  const hit = handleCache.get(key);
  if (hit) return hit;
  const s = HANDLE_SIZE;
  const out: NodeHandle[] = [
    { id: 'in-top', type: 'target', position: Position.Top, x: w / 2 - s / 2, y: -s / 2, width: s, height: s },
    { id: 'out-bottom', type: 'source', position: Position.Bottom, x: w / 2 - s / 2, y: h - s / 2, width: s, height: s },
  ];
  if (sides) {
    out.push({ id: 'in-left', type: 'target', position: Position.Left, x: -s / 2, y: h / 2 - s / 2, width: s, height: s });
    out.push({ id: 'out-right', type: 'source', position: Position.Right, x: w - s / 2, y: h / 2 - s / 2, width: s, height: s });
  }
  handleCache.set(key, out);
  return out;
}

const HANDLE_SIZE = 5;

interface Shown {
  inst: Instance;
  expected: boolean;
  earlier: boolean;
}

function exitFor(row: Row, outcome: Outcome): { to: string | undefined; kind: ExitKind } {
  if (outcome === 'fail') return { to: row.fail, kind: 'fail' };
  if (outcome === 'skip') return row.skipTo !== undefined ? { to: row.skipTo, kind: 'skip' } : { to: row.next, kind: 'next' };
  return { to: row.next, kind: 'next' };
}

interface Walk {
  rows: Map<string, RowStatus>;
  edges: Map<string, EdgeStatus>;
  ends: Set<string>;
}

const edgeId = (key: string, from: string, to: string, kind: string) => `${key}/${from}>${to}:${kind}`;

/** The path one table run took: visited rows, the silent rows between them, and the exits used. */
function walk(table: Table, inst: Instance, current: RowRef | undefined, finished: boolean): Walk {
  const rows = new Map<string, RowStatus>();
  const edges = new Map<string, EdgeStatus>();
  const ends = new Set<string>();
  const byId = new Map(table.rows.map((r) => [r.id, r]));
  const statusOf = (id: string): RowStatus => {
    const v = inst.visits.get(id)!;
    if (current && current.key === inst.key && current.row === id) return 'current';
    if (v.outcome === 'fail') return 'failed';
    if (v.outcome === 'skip') return 'skipped';
    if (v.outcome === 'warn') return 'warn';
    if (v.pending) return 'pending';
    return v.implied ? 'implied' : 'done';
  };
  const take = (from: string, to: string, kind: string) => {
    edges.set(edgeId(inst.key, from, to, kind), kind === 'fail' || to === END_FAIL ? 'failed' : 'taken');
  };
  const connect = (from: string | undefined, to: string) => {
    if (from === undefined) {
      if (to === table.start) return;
      const p = pathBetween(table, table.start, to);
      if (!p) return;
      p.rows.forEach((r, i) => {
        if (i < p.rows.length - 1) {
          if (!rows.has(r)) rows.set(r, 'implied');
          take(r, p.rows[i + 1], p.kinds[i]);
        }
      });
      return;
    }
    const v = inst.visits.get(from)!;
    const exit = exitFor(byId.get(from)!, v.outcome);
    if (exit.to === to) return take(from, to, exit.kind);
    const rest = exit.to !== undefined && !isEnd(exit.to) ? pathBetween(table, exit.to, to) : undefined;
    if (rest && exit.to !== undefined) {
      take(from, exit.to, exit.kind);
      rest.rows.forEach((r, i) => {
        if (i < rest.rows.length - 1) {
          if (!rows.has(r)) rows.set(r, 'implied');
          take(r, rest.rows[i + 1], rest.kinds[i]);
        }
      });
      return;
    }
    const p = pathBetween(table, from, to);
    p?.rows.forEach((r, i) => {
      if (i < p.rows.length - 1) take(r, p.rows[i + 1], p.kinds[i]);
    });
  };
  let prev: string | undefined;
  for (const id of inst.order) {
    connect(prev, id);
    rows.set(id, statusOf(id));
    prev = id;
  }
  if (finished && prev !== undefined) {
    let at = prev;
    let outcome = inst.visits.get(at)!.outcome;
    for (let guard = 0; guard < table.rows.length + 1; guard++) {
      const exit = exitFor(byId.get(at)!, outcome);
      if (exit.to === undefined) break;
      take(at, exit.to, exit.kind);
      if (isEnd(exit.to)) {
        ends.add(exit.to);
        break;
      }
      if (rows.has(exit.to)) break;
      rows.set(exit.to, 'implied');
      at = exit.to;
      outcome = 'ok';
    }
  }
  if (current && current.key === inst.key) {
    for (const [id, st] of edges) if (id.includes(`>${current.row}:`) && st === 'taken') edges.set(id, 'current');
  }
  return { rows, edges, ends };
}

function ancestorsOf(path: ActionPath, key: string | undefined): Set<string> {
  const out = new Set<string>();
  let k = key;
  for (let guard = 0; k !== undefined && guard < 20; guard++) {
    out.add(k);
    const inst = path.instances.get(k);
    k = inst?.parent?.key ?? inst?.invokedBy?.key;
  }
  return out;
}

/** Whether `ref`'s row ran `inst`'s table, directly or through the runs between them. */
function ranBy(path: ActionPath, inst: Instance, ref: RowRef): boolean {
  let up: RowRef | undefined = inst.invokedBy ?? inst.parent;
  for (let guard = 0; up !== undefined && guard < 20; guard++) {
    if (up.key === ref.key && up.row === ref.row) return true;
    const next = path.instances.get(up.key);
    up = next?.invokedBy ?? next?.parent;
  }
  return false;
}

/** `ref`, or the first row above it whose table run is shown (a run ran by a run that is not drawn hangs off what is). */
function shownCaller(path: ActionPath, ref: RowRef | undefined, shown: ReadonlySet<string>): RowRef | undefined {
  for (let guard = 0; ref !== undefined && guard < 20; guard++) {
    if (shown.has(ref.key)) return ref;
    const up = path.instances.get(ref.key);
    ref = up?.parent ?? up?.invokedBy;
  }
  return undefined;
}

/** Which table runs each lane shows: the manager's, and the latest group of each driver of the focus device. */
function chooseShown(path: ActionPath, stack: readonly LayerLike[]): Map<string, Shown[]> {
  const lanes = new Map<string, Shown[]>();
  const all = [...path.instances.values()].sort((a, b) => a.first - b.first);
  lanes.set('pnp', all.filter((i) => i.lane === 'pnp').map((inst) => ({ inst, expected: false, earlier: false })));
  const focus = path.focusDevice;
  const driverLanes: string[] = focus === undefined ? [] : stack.map((l) => driverLaneKey(focus, l.layer, l.driver));
  for (const inst of all) {
    const d = parseDriverLane(inst.lane);
    if (d && d.device === focus && !driverLanes.includes(inst.lane)) driverLanes.push(inst.lane);
    if (!d && inst.lane !== 'pnp' && !lanes.has(inst.lane)) lanes.set(inst.lane, []);
  }
  for (const lane of driverLanes) {
    const inLane = all.filter((i) => i.lane === lane);
    const roots = inLane.filter((i) => !i.parent || !path.instances.has(i.parent.key) || path.instances.get(i.parent.key)!.lane !== lane);
    const root = roots[roots.length - 1];
    const group: Instance[] = [];
    if (root) {
      for (const i of inLane) {
        if (i.first < root.first) continue;
        if (i === root || ancestorsOf(path, i.key).has(root.key)) group.push(i);
      }
    }
    const m = path.managerRow;
    // the lane's latest group is the manager's current row's doing (directly, or through a table it ran in another lane)
    const fresh = root !== undefined && m !== undefined && ranBy(path, root, m);
    const framework = stack.find((l) => driverLaneKey(focus!, l.layer, l.driver) === lane)?.framework;
    if (!fresh && m?.irp && framework !== 'wdm') {
      const expectedTable = tablesForIrp(m.irp, undefined)[0];
      if (expectedTable && TABLES.has(expectedTable) && (!root || root.table !== expectedTable || !fresh)) {
        const inst: Instance = { key: `${lane}::${expectedTable}`, lane, table: expectedTable, device: focus, visits: new Map(), order: [], first: Number.MAX_SAFE_INTEGER, last: 0 };
        lanes.set(lane, [{ inst, expected: true, earlier: false }]);
        continue;
      }
    }
    lanes.set(lane, group.map((inst) => ({ inst, expected: false, earlier: !fresh && m !== undefined })));
  }
  for (const inst of all) if (!parseDriverLane(inst.lane) && inst.lane !== 'pnp') lanes.get(inst.lane)!.push({ inst, expected: false, earlier: false });
  return lanes;
}

/** The row in another lane whose call ran the current row's table: up through parent tables in the same lane to the first call from elsewhere. */
function callerOf(path: ActionPath): RowRef | undefined {
  const current = path.current && path.instances.get(path.current.key);
  if (!current) return undefined;
  let inst: Instance | undefined = current;
  for (let guard = 0; inst && guard < 20; guard++) {
    const ref: RowRef | undefined = inst.invokedBy ?? inst.parent;
    if (!ref) return undefined;
    const from = path.instances.get(ref.key);
    if (!from) return undefined;
    if (from.lane !== current.lane) return ref;
    inst = from;
  }
  return undefined;
}

/**
 * For an edge from the PnP manager's row `ref` to a table in driver lane `lane`: the index of that driver's box in the
 * trip when `ref` sent the travelling IRP (the edge then leaves from that box), else -1.
 */
function tripHopOf(path: ActionPath, drawn: boolean): (ref: RowRef, lane: string) => number {
  const trip = path.trip;
  if (!trip || !drawn || trip.at === undefined) return () => -1;
  return (ref, lane) => {
    if (!ref.key.endsWith(`::${trip.at!.split('/')[0]}`) || ref.row !== trip.at!.split('/')[1]) return -1;
    return trip.hops.findIndex((h) => driverLaneKey(trip.device, h.layer, h.driver) === lane);
  };
}

/**
 * The IRP's trip (nodes.tsx IrpTripNode) in its column at `x`, level with the row that sent it, with an edge from that
 * row. While the cursor is on one of its events the camera centres on it, so the whole trip stays in view.
 */
function placeTrip(trip: IrpTrip, x: number, laneHead: number, nodes: Node[], edges: Edge[]): { lane: Node; bottom: number; focus: FlowGraph['focus']; box: Box; hopBox: Box | undefined; senderBox: Box | undefined } {
  const sender = trip.at === undefined ? undefined : nodes.findLast((n) => n.type === 'tableRow' && n.id.endsWith(`::${trip.at}`));
  const top = laneHead + LANE_PAD;
  const y = sender ? Math.max(top, sender.position.y + (sender.height ?? 0) / 2 - MANAGER_CENTRE_Y) : top;
  const h = tripHeight(trip.hops.length);
  const s = HANDLE_SIZE;
  const handles: NodeHandle[] = [
    { id: 'in-left', type: 'target', position: Position.Left, x: -s / 2, y: MANAGER_CENTRE_Y - s / 2, width: s, height: s },
    // one per driver, on the right: to the table that driver runs for the IRP, in its lane
    ...trip.hops.map((_, i): NodeHandle => ({ id: `hop-${i}`, type: 'source', position: Position.Right, x: TRIP.width - s / 2, y: hopCentreY(i, trip.hops.length) - s / 2, width: s, height: s })),
  ];
  nodes.push({
    id: TRIP_ID, type: 'irpTrip', position: { x: x + LANE_PAD, y }, ...sized(TRIP.width, h, handles), draggable: false, selectable: false, zIndex: 2,
    data: { trip } satisfies IrpTripNodeData,
  });
  if (sender) {
    edges.push({
      id: `${sender.id}=>${TRIP_ID}`, source: sender.id, target: TRIP_ID, sourceHandle: 'out-right', targetHandle: 'in-left',
      type: 'flow', data: { status: 'taken', kind: 'invoke' } satisfies EdgeData, className: 'flow-edge flow-edge-invoke', zIndex: 2,
    });
  }
  const onTrip = trip.hops.some((hop) => hop.down.current || hop.up.current);
  const lane: Node = {
    id: `lane:${TRIP_ID}`, type: 'lane', position: { x, y: 0 }, width: TRIP_LANE_W, draggable: false, selectable: false, focusable: false, zIndex: -1,
    data: { title: 'The IRP through the stack', kind: 'manager' } satisfies LaneNodeData,
  };
  const box: Box = { x: x + LANE_PAD, y, w: TRIP.width, h };
  const at = trip.hops.findIndex((hop) => hop.down.current || hop.up.current);
  const hopBox: Box | undefined = at < 0 ? undefined : { x: x + LANE_PAD, y: y + hopTop(at, trip.hops.length), w: TRIP.width, h: tripRows(trip.hops.length).box };
  const senderBox: Box | undefined = sender ? { x: sender.position.x, y: sender.position.y, w: sender.width ?? 0, h: sender.height ?? 0 } : undefined;
  return { lane, bottom: y + h + LANE_PAD, focus: onTrip ? { x: x + LANE_PAD + TRIP.width / 2, y: y + h / 2 } : undefined, box, hopBox, senderBox };
}

export function buildFlow(path: ActionPath, stack: readonly LayerLike[], scale: FlowScale = NORMAL_SCALE): FlowGraph {
  const { frameHead: FRAME_HEAD, laneHead: LANE_HEAD } = scale;
  const shownByLane = chooseShown(path, stack);
  // Driver lanes are drawn under ids without the device, so when the focus moves to another device
  // with the same stack React Flow updates the same nodes instead of mounting new ones.
  const devicePrefix = path.focusDevice !== undefined ? `drv:${path.focusDevice}:` : undefined;
  const did = (key: string) => (devicePrefix && key.startsWith(devicePrefix) ? `drv:${key.slice(devicePrefix.length)}` : key);
  const laneKeys = [...shownByLane.keys()].sort((a, b) => laneRank(a) - laneRank(b));
  const onPath = ancestorsOf(path, path.current?.key);
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const lanes: FlowGraph['lanes'] = [];
  let focus: FlowGraph['focus'];
  let focusBox: Box | undefined;
  let frameBox: Box | undefined;
  let callerBox: Box | undefined;
  const caller = callerOf(path);
  const callerId = caller ? `${did(caller.key)}/${caller.row}` : undefined;
  let x = 0;
  let tallest = 0;
  const laneNodes: Node[] = [];
  const shownKeys = new Set<string>();
  const pending: { inst: Instance; start: string }[] = [];
  let tripX: number | undefined;

  for (const lane of laneKeys) {
    const shown = shownByLane.get(lane)!;
    const framework = stack.find((l) => path.focusDevice !== undefined && driverLaneKey(path.focusDevice, l.layer, l.driver) === lane)?.framework;
    const title = laneTitle(lane, framework);
    const width = Math.max(MIN_LANE_W * scale.sx, ...shown.map((s) => scaleLayout(layoutTable(TABLES.get(s.inst.table)!), scale.sx, scale.sy).width + 2 * FRAME_PAD + 2 * LANE_PAD));
    let y = LANE_HEAD + LANE_PAD;
    for (const { inst, expected, earlier } of shown) {
      const table = TABLES.get(inst.table)!;
      const layout = scaleLayout(layoutTable(table), scale.sx, scale.sy);
      const frameW = width - 2 * LANE_PAD;
      const frameH = FRAME_HEAD + layout.height + FRAME_PAD;
      const fx = x + LANE_PAD;
      const fy = y;
      const finished = !expected && !onPath.has(inst.key) && inst.last < path.count;
      const w = expected ? { rows: new Map<string, RowStatus>(), edges: new Map<string, EdgeStatus>(), ends: new Set<string>() } : walk(table, inst, path.current, finished);
      shownKeys.add(inst.key);
      nodes.push({
        id: `${did(inst.key)}#frame`, type: 'tableFrame', position: { x: fx, y: fy }, ...sized(frameW, frameH), draggable: false, selectable: false, focusable: false, zIndex: 0,
        data: { title: table.title, tableId: table.id, cite: table.cite, citeUrl: docsUrl(table.cite), device: inst.device, expected, earlier } satisfies TableNodeData,
      });
      const ox = fx + (frameW - layout.width) / 2;
      const oy = fy + FRAME_HEAD;
      for (const [id, p] of layout.positions) {
        const nodeId = `${did(inst.key)}/${id}`;
        const position = { x: ox + p.x, y: oy + p.y };
        if (isEnd(id)) {
          nodes.push({ id: nodeId, type: 'tableEnd', position, ...sized(p.w, p.h, handlesFor(p.w, p.h, false)), draggable: false, selectable: false, focusable: false, zIndex: 1, data: { end: id === END_FAIL ? 'fail' : 'ok', reached: w.ends.has(id) } satisfies EndNodeData });
          continue;
        }
        const row = table.rows.find((r) => r.id === id)!;
        const visit = inst.visits.get(id);
        const status = w.rows.get(id) ?? 'idle';
        const cite = row.cite ?? table.cite;
        nodes.push({
          id: nodeId, type: 'tableRow', position, ...sized(p.w, p.h, handlesFor(p.w, p.h, true)), draggable: false, zIndex: 1,
          data: { title: row.name ?? row.id, rowId: row.id, tableId: table.id, kind: row.do, status, reason: visit?.reason, note: row.note, cite, citeUrl: docsUrl(cite), count: visit?.events.length ?? 0 } satisfies RowNodeData,
        });
        if (status === 'current') {
          focus = { x: position.x + p.w / 2, y: position.y + p.h / 2 };
          focusBox = { x: position.x, y: position.y, w: p.w, h: p.h };
          frameBox = { x: fx, y: fy, w: frameW, h: frameH };
        }
        if (callerId === nodeId) callerBox = { x: position.x, y: position.y, w: p.w, h: p.h };
      }
      for (const e of layout.edges) {
        const status = w.edges.get(edgeId(inst.key, e.from, e.to, e.kind)) ?? 'idle';
        const route = layout.routes.get(edgeKey(e));
        edges.push({
          id: edgeId(did(inst.key), e.from, e.to, e.kind), source: `${did(inst.key)}/${e.from}`, target: `${did(inst.key)}/${e.to}`, type: 'flow',
          sourceHandle: 'out-bottom', targetHandle: 'in-top',
          label: e.kind === 'next' ? undefined : e.kind,
          // the cached route and two numbers: equal data from one build to the next keeps the edge as it is
          data: { status, kind: e.kind, route, dx: ox, dy: oy, ...(scale.labelScale !== 1 ? { labelScale: scale.labelScale } : {}) } satisfies EdgeData,
          className: `flow-edge flow-edge-${status}${e.kind !== 'next' ? ` flow-edge-${e.kind}` : ''}`,
          animated: status === 'current', zIndex: 1,
        });
      }
      pending.push({ inst, start: table.start });
      y += frameH + FRAME_GAP;
    }
    tallest = Math.max(tallest, y);
    const shared = sharedLaneOf(lane.split('::')[0]);
    const kind: LaneKind = lane === 'pnp' ? 'manager' : parseDriverLane(lane) ? 'driver' : shared?.kind ?? 'service';
    const empty = shown.length > 0 ? undefined : framework === 'wdm' ? 'WDM driver: it handles the IRPs itself, with no framework callbacks to show.' : 'Nothing ran here yet in this action.';
    laneNodes.push({ id: `lane:${did(lane)}`, type: 'lane', position: { x, y: 0 }, width, draggable: false, selectable: false, focusable: false, zIndex: -1, data: { title, kind, empty } satisfies LaneNodeData });
    lanes.push({ key: did(lane), title });
    x += width + LANE_GAP;
    // the IRP's trip goes right after the PnP manager that sent it, before the drivers it travels through
    if (lane === 'pnp' && path.trip && path.trip.hops.length > 0) {
      tripX = x;
      x += TRIP_LANE_W + LANE_GAP;
    }
  }
  if (path.trip && tripX !== undefined) {
    const placed = placeTrip(path.trip, tripX, LANE_HEAD, nodes, edges);
    laneNodes.push(placed.lane);
    tallest = Math.max(tallest, placed.bottom);
    // the cursor on one of the IRP's events: the camera keeps the whole trip in view, with the row that sent it
    // (in presenter mode, where the trip is drawn larger than the chart at 1280×720, the driver it is at)
    if (placed.focus) {
      focus = placed.focus;
      focusBox = scale !== NORMAL_SCALE && placed.hopBox ? placed.hopBox : placed.box;
      frameBox = placed.box;
      callerBox = placed.senderBox;
    }
  }
  for (const ln of laneNodes) {
    Object.assign(ln, sized(ln.width!, Math.max(tallest, 200)));
  }
  const tripHop = tripHopOf(path, tripX !== undefined);
  for (const { inst, start } of pending) {
    for (const direct of [inst.parent, inst.invokedBy]) {
      // the row that ran the table, or, when its run is not shown (another device's driver), the shown row that led to it
      const ref = shownCaller(path, direct, shownKeys);
      if (!ref) continue;
      // a driver's table for the travelling IRP hangs off that driver's box in the trip, where its work happens
      const hop = direct === inst.invokedBy && ref === direct ? tripHop(ref, inst.lane) : -1;
      if (hop >= 0) {
        edges.push({
          id: `${TRIP_ID}/hop-${hop}=>${did(inst.key)}`, source: TRIP_ID, sourceHandle: `hop-${hop}`, target: `${did(inst.key)}/${start}`, targetHandle: 'in-left',
          type: 'flow', data: { status: 'taken', kind: 'invoke' } satisfies EdgeData, className: 'flow-edge flow-edge-invoke', zIndex: 2,
        });
        continue;
      }
      const sameLane = path.instances.get(ref.key)?.lane === inst.lane;
      edges.push({
        id: `${did(ref.key)}/${ref.row}=>${did(inst.key)}`, source: `${did(ref.key)}/${ref.row}`, target: `${did(inst.key)}/${start}`,
        sourceHandle: sameLane ? 'out-bottom' : 'out-right', targetHandle: sameLane ? 'in-top' : 'in-left',
        type: 'flow', data: { status: 'taken', kind: 'invoke' } satisfies EdgeData, className: 'flow-edge flow-edge-invoke', zIndex: 2,
      });
    }
  }
  const bounds: Box = { x: 0, y: 0, w: Math.max(0, x - LANE_GAP), h: Math.max(tallest, 200) };
  return { nodes: [...laneNodes, ...nodes], edges, focus, focusBox, frameBox, callerBox: focusBox ? callerBox : undefined, bounds, lanes };
}
