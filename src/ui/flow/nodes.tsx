/**
 * React Flow node and edge types of the flowchart, declared once at module scope and memoised.
 * Nodes carry their size and handle positions (buildFlow.ts), so they render no <Handle> and are
 * never measured (FlowPanel.tsx); edges draw their own label without measuring its text.
 */
import { getSmoothStepPath, type EdgeProps, type EdgeTypes, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { EdgeData, EndNodeData, IrpTripNodeData, LaneNodeData, RowNodeData, RowStatus, TableNodeData } from './buildFlow';
import { curvedPath } from './curvedPath';
import type { HopMark, HopStatus, IrpTrip, TripHop } from '../../model/flow/irpTrip';
import { DOWN_X, gapTop, hopTop, TRIP, tripRows, UP_X } from './tripGeometry';
import { LABEL_H, labelWidth } from '../../model/flow/tableGraph';

const STATUS_CLASSES: Record<RowStatus, string> = {
  idle: 'border-line bg-panel text-muted',
  implied: 'border-dashed border-accent/70 bg-panel text-ink',
  done: 'border-accent/60 bg-accent-soft text-ink',
  pending: 'border-dashed border-accent bg-accent-soft/50 text-ink',
  current: 'flow-row-current border-accent bg-accent text-accent-ink',
  failed: 'border-bad bg-bad-soft text-bad',
  skipped: 'border-dashed border-skip/60 bg-skip-soft text-skip',
  warn: 'border-bad bg-bad-soft text-bad',
};

const STATUS_WORDS: Record<RowStatus, string> = {
  idle: 'not reached', implied: 'passed', done: 'done', pending: 'STATUS_PENDING…', current: 'now', failed: 'failed', skipped: 'skipped', warn: 'hung',
};

/**
 * A Windows name with places to wrap: after "_", "::", "/" and before each capital that starts a
 * word (EvtDevice|Filter|Remove…), so a long callback name wraps onto a second line instead of being
 * cut; the name reads and copies as it is.
 */
function Wrappable({ text }: { text: string }) {
  const parts = text.split(/(?<=_|::|\/)|(?<=[a-z0-9])(?=[A-Z])/);
  return <>{parts.map((p, i) => (i === 0 ? p : [<wbr key={i} />, p]))}</>;
}

function skipText(reason: string | undefined): string {
  if (!reason) return 'skipped';
  return /\s/.test(reason) ? `skipped: ${reason}` : `skipped: ${reason} is false`;
}

const TableRowNode = memo(function TableRowNode({ data }: NodeProps) {
  const d = data as RowNodeData;
  const current = d.status === 'current';
  return (
    <div
      className={`flex h-full w-full flex-col justify-center gap-0.5 rounded-lg border-2 px-2.5 py-1 ${STATUS_CLASSES[d.status]}`}
      title={d.note ?? undefined}
      data-row={`${d.tableId}/${d.rowId}`}
      data-status={d.status}
    >
      <div className="flow-row-title font-mono font-semibold" title={d.title}><Wrappable text={d.title} /></div>
      <div className="flex items-center gap-1.5">
        <span className={`flow-row-status min-w-0 flex-1 truncate ${current ? 'text-accent-ink/90' : 'text-muted'}`} title={d.status === 'skipped' ? skipText(d.reason) : undefined}>
          {d.status === 'skipped' ? skipText(d.reason) : `${d.rowId} · ${STATUS_WORDS[d.status]}${d.count > 1 ? ` ×${d.count}` : ''}`}
        </span>
        <a
          href={d.citeUrl}
          target="_blank"
          rel="noreferrer"
          className={`flow-row-status nodrag nopan shrink-0 rounded px-1 font-bold underline-offset-2 hover:underline ${current ? 'text-accent-ink' : 'text-accent'}`}
          aria-label={`Microsoft page for ${d.title}: ${d.cite}`}
          title={d.cite}
        >
          ↗
        </a>
      </div>
    </div>
  );
});

const TableEndNode = memo(function TableEndNode({ data }: NodeProps) {
  const d = data as EndNodeData;
  const tone = d.end === 'fail' ? (d.reached ? 'border-bad bg-bad text-panel' : 'border-bad/40 text-bad') : d.reached ? 'border-ok bg-ok text-panel' : 'border-ok/40 text-ok';
  return (
    <div className={`flow-end grid h-full w-full place-items-center rounded-full border-2 font-bold ${tone}`}>
      {d.end === 'fail' ? 'ends: failed' : 'ends: ok'}
    </div>
  );
});

const TableFrameNode = memo(function TableFrameNode({ data }: NodeProps) {
  const d = data as TableNodeData;
  return (
    <div className={`h-full w-full rounded-xl border bg-panel/70 ${d.expected ? 'border-dashed border-line' : 'border-line'} ${d.earlier ? 'opacity-60' : ''}`}>
      <div className="flex items-start gap-2 px-3 pt-2">
        <div className="min-w-0 flex-1">
          <div className="flow-frame-title truncate font-semibold">{d.title}</div>
          <div className="flow-frame-sub truncate font-mono text-muted">
            {d.tableId}{d.device ? ` · ${d.device}` : ''}{d.expected ? ' · next' : d.earlier ? ' · earlier' : ''}
          </div>
        </div>
        <a href={d.citeUrl} target="_blank" rel="noreferrer" className="flow-frame-sub nodrag nopan shrink-0 font-semibold text-accent underline-offset-2 hover:underline" title={d.cite} aria-label={`Microsoft page for ${d.title}`}>
          page↗
        </a>
      </div>
    </div>
  );
});

const LaneNode = memo(function LaneNode({ data }: NodeProps) {
  const d = data as LaneNodeData;
  return (
    <div className={`h-full w-full rounded-2xl border ${d.kind === 'manager' ? 'border-accent/30 bg-accent-soft/40' : 'border-line bg-sunken/60'}`}>
      <div className="flow-lane-title px-4 pt-3 font-bold uppercase tracking-wide text-muted">{d.title}</div>
      {d.empty && <div className="px-4 pt-2 text-xs text-muted">{d.empty}</div>}
    </div>
  );
});

const PILL_CLASSES: Record<HopStatus, string> = {
  idle: 'border-line bg-panel text-muted',
  pending: 'border-dashed border-accent bg-accent-soft/50 text-ink italic',
  done: 'border-accent/60 bg-accent-soft text-ink',
  failed: 'border-bad bg-bad-soft text-bad',
  unreached: 'border-dashed border-skip/60 bg-skip-soft text-skip',
};

/** Short names of the drivers, to leave room for the statuses. */
const HOP_TITLES: Record<string, string> = { bus: 'Bus driver', reflector: 'Reflector', 'lower-filter': 'Lower filter', function: 'Function driver', 'upper-filter': 'Upper filter' };

const reached = (m: HopMark) => m.status !== 'idle' && m.status !== 'unreached';

/** One side of a driver's box: where the IRP is on its way down (left) or back up (right). */
function Pill({ mark, arrow, side }: { mark: HopMark; arrow: string; side: 'down' | 'up' }) {
  return (
    <div
      className={`flex min-w-0 items-center gap-1 rounded-md border-2 px-1 py-0.5 font-mono text-[14px] leading-tight ${mark.current ? 'border-accent bg-accent text-accent-ink' : PILL_CLASSES[mark.status]}`}
      style={{ width: TRIP.side }}
      title={`${side === 'down' ? 'On its way down' : 'On its way back up'}: ${mark.text}`}
      data-side={side}
      data-status={mark.current ? 'current' : mark.status}
    >
      <span aria-hidden="true" className="font-sans text-[15px] font-bold">{arrow}</span>
      <span className="truncate">{mark.text}</span>
    </div>
  );
}

/** An arrow in the gap above driver `i`: down into it on the left, up out of it on the right. */
function Arrow({ i, n, side, taken, current, hidden }: { i: number; n: number; side: 'down' | 'up'; taken: boolean; current: boolean; hidden: boolean }) {
  if (hidden) return null;
  const gap = tripRows(n).gap;
  const colour = current ? 'var(--color-accent)' : taken ? 'color-mix(in oklab, var(--color-accent) 70%, transparent)' : 'var(--color-line)';
  const x = side === 'down' ? DOWN_X : UP_X;
  const head = 7;
  return (
    <div aria-hidden="true" className="absolute" style={{ left: x - 8, top: gapTop(i, n) + 3, width: 16, height: gap - 6 }} data-arrow={`${side}-${i}`} data-taken={taken}>
      <div className="absolute left-1/2 -translate-x-1/2" style={{ top: side === 'down' ? 0 : head, bottom: side === 'down' ? head : 0, borderLeft: `${current ? 4 : 3}px ${taken ? 'solid' : 'dashed'} ${colour}` }} />
      <div
        className="absolute left-1/2 -translate-x-1/2"
        style={{
          [side === 'down' ? 'bottom' : 'top']: 0,
          borderLeft: `${head}px solid transparent`,
          borderRight: `${head}px solid transparent`,
          [side === 'down' ? 'borderTop' : 'borderBottom']: `${head + 2}px solid ${colour}`,
        }}
      />
    </div>
  );
}

/** What the reflector's one box stands for (wdf/detailed-view-of-the-umdf-architecture.md). */
const REFLECTOR_NOTE = 'The reflector stands for its two device objects: on the way down its up device object takes the IRP to the driver host first; on the way back up its down device object has the bus driver\'s completion before the host\'s drivers.';

function HopBox({ hop, i, n, active }: { hop: TripHop; i: number; n: number; active: boolean }) {
  const current = hop.down.current || hop.up.current;
  return (
    <div
      className={`absolute flex items-center gap-1.5 rounded-lg border-2 px-1.5 ${current ? 'flow-row-current border-accent bg-accent-soft' : active ? 'border-accent bg-panel' : 'border-line bg-panel'}`}
      style={{ left: TRIP.pad - 6, top: hopTop(i, n), width: TRIP.width - 2 * TRIP.pad + 12, height: tripRows(n).box }}
      title={hop.layer === 'reflector' ? REFLECTOR_NOTE : undefined}
      data-hop={hop.layer}
      data-turn={hop.turn || undefined}
      data-current={current || undefined}
    >
      <Pill mark={hop.down} arrow="↓" side="down" />
      <div className="min-w-0 flex-1 text-center leading-tight">
        <div className="trip-hop-title truncate text-[15.5px] font-semibold text-ink">{HOP_TITLES[hop.layer] ?? hop.title}</div>
        <div className="truncate font-mono text-[12.5px] text-muted">{hop.driver}</div>
      </div>
      <Pill mark={hop.up} arrow={hop.turn ? '↩' : '↑'} side="up" />
    </div>
  );
}

/** The trip in words, for screen readers. */
function describeTrip(t: IrpTrip): string {
  const hops = t.hops.map((h) => `${HOP_TITLES[h.layer] ?? h.title} ${h.driver}: down ${h.down.text}, up ${h.up.text}`).join('; ');
  return `${t.irp} on ${t.device}, through the stack from the top: ${hops}.${t.back ? ' Completed back to the PnP manager.' : ''}`;
}

/**
 * An IRP's trip through the device's stack: it enters at the top, passes down driver by driver (left column), turns
 * where a driver completes it, and its completion comes back up (right column). Each side of a driver's box says
 * what that driver did with it, as of the cursor.
 */
const IrpTripNode = memo(function IrpTripNode({ data }: NodeProps) {
  const { trip } = data as IrpTripNodeData;
  const turn = trip.hops.findIndex((h) => h.turn);
  const n = trip.hops.length;
  const top = trip.hops[0];
  const final = top === undefined ? undefined : top.turn ? top.down.text : top.up.text;
  return (
    <div className="relative h-full w-full rounded-xl border-2 border-accent/50 bg-panel shadow-md" role="group" aria-label={describeTrip(trip)} data-testid="irp-trip" data-irp={trip.irp}>
      <div className="px-3 pt-2">
        <div className="trip-irp truncate font-mono text-[17px] font-bold text-ink">{trip.irp}</div>
        <div className="text-[13.5px] text-muted">
          to <span className="font-mono text-ink">{trip.device}</span>: <span className="font-bold text-accent">↓</span> passed down the stack · <span className="font-bold text-accent">↑</span> completed back up
        </div>
      </div>
      <div
        className={`absolute flex items-center justify-between rounded-lg border-2 px-2 text-[13.5px] ${trip.back ? 'border-accent/60 bg-accent-soft' : 'border-line bg-sunken'}`}
        style={{ left: TRIP.pad - 6, top: TRIP.header, width: TRIP.width - 2 * TRIP.pad + 12, height: TRIP.manager }}
        data-testid="irp-trip-manager"
      >
        <span className="text-muted">sends it <span className="font-bold text-accent" aria-hidden="true">↓</span></span>
        <span className="font-semibold text-ink">PnP manager</span>
        <span className={`truncate font-mono ${trip.back ? 'text-ink' : 'text-muted'}`} style={{ maxWidth: TRIP.side }}>
          <span className="font-sans font-bold text-accent" aria-hidden="true">↑</span> {trip.back ? final : 'waits'}
        </span>
      </div>
      {trip.hops.map((h, i) => {
        const below = turn >= 0 && i > turn;
        // lit once the completion has passed both ends (a UMDF 1 reflector has it from the bus driver before the drivers below it)
        const upTaken = i === 0 ? trip.back : reached(trip.hops[i - 1].up) && reached(h.up);
        return (
          <div key={`${h.layer}:${h.driver}`} className="contents">
            <Arrow i={i} n={n} side="down" taken={reached(h.down)} current={h.down.current} hidden={h.down.status === 'unreached'} />
            <Arrow i={i} n={n} side="up" taken={upTaken} current={upTaken && i > 0 && trip.hops[i - 1].up.current} hidden={below || h.down.status === 'unreached'} />
            <HopBox hop={h} i={i} n={n} active={trip.latest.hop === i} />
          </div>
        );
      })}
    </div>
  );
});

export const NODE_TYPES: NodeTypes = { tableRow: TableRowNode, tableEnd: TableEndNode, tableFrame: TableFrameNode, lane: LaneNode, irpTrip: IrpTripNode };

/**
 * An exit of a table row. Inside a table it follows the route the layout computed (through the gaps
 * between rows, its label where room was made for it); between tables it is a smooth step.
 */
const FlowEdge = memo(function FlowEdge({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd, style, data }: EdgeProps) {
  const d = data as EdgeData | undefined;
  let path: string;
  let lx: number;
  let ly: number;
  if (d?.route && d.route.points.length >= 2) {
    const { points, label } = d.route;
    const dx = d.dx ?? 0;
    const dy = d.dy ?? 0;
    path = curvedPath(points, dx, dy);
    const at = label ?? points[Math.floor(points.length / 2)];
    lx = at.x + dx;
    ly = at.y + dy;
  } else {
    [path, lx, ly] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  }
  const text = typeof label === 'string' ? label : undefined;
  const k = d?.labelScale ?? 1;
  return (
    <>
      <path d={path} className="react-flow__edge-path" fill="none" markerEnd={markerEnd} style={style} />
      {text && (
        <g transform={`translate(${lx} ${ly})${k !== 1 ? ` scale(${k})` : ''}`} className="react-flow__edge-textwrapper">
          <rect className="react-flow__edge-textbg" x={-labelWidth(text) / 2} y={-LABEL_H / 2} width={labelWidth(text)} height={LABEL_H} rx={3} />
          <text className="react-flow__edge-text" textAnchor="middle" dy="0.35em">{text}</text>
        </g>
      )}
    </>
  );
});

export const EDGE_TYPES: EdgeTypes = { flow: FlowEdge };
