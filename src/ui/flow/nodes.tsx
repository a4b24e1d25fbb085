/**
 * React Flow node and edge types of the flowchart, declared once at module scope and memoised.
 * Nodes carry their size and handle positions (buildFlow.ts), so they render no <Handle> and are
 * never measured (FlowPanel.tsx); edges draw their own label without measuring its text.
 */
import { getSmoothStepPath, type EdgeProps, type EdgeTypes, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { EdgeData, EndNodeData, LaneNodeData, RowNodeData, RowStatus, TableNodeData } from './buildFlow';
import { curvedPath } from './curvedPath';
import { LABEL_H, labelWidth } from './tableGraph';

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
        <span className={`flow-row-status min-w-0 flex-1 truncate ${current ? 'text-accent-ink/90' : 'text-muted'}`}>
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

export const NODE_TYPES: NodeTypes = { tableRow: TableRowNode, tableEnd: TableEndNode, tableFrame: TableFrameNode, lane: LaneNode };

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
