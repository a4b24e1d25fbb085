/** The live flowchart: the engine's table rows on the path that is running, in swimlanes. */
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { useLab } from '../../store/labStore';
import { useUi } from '../../store/uiStore';
import { PanelHeader } from '../common/PanelHeader';
import { useReducedMotion } from '../common/hooks';
import { actionPathAt } from './actionPath';
import { buildFlow, type FlowGraph } from './buildFlow';
import { NODE_TYPES } from './nodes';
import { describeUserEvent } from '../timeline/kinds';
import { lastBefore } from '../../store/history';

const EMPTY_GRAPH: FlowGraph = { nodes: [], edges: [], focus: undefined, lanes: [] };

export function FlowPanel() {
  return (
    <section aria-labelledby="flow-title" className="flex h-full flex-col">
      <ReactFlowProvider>
        <FlowInner />
      </ReactFlowProvider>
    </section>
  );
}

function useFlowGraph() {
  const run = useLab((s) => s.run);
  const history = useLab((s) => s.history);
  const index = useLab((s) => s.index);
  const position = useLab((s) => s.position);
  return useMemo(() => {
    const stackOf = (device: string) => {
      const h = history.get(device);
      if (!h) return [];
      const placed = lastBefore(h.placements.filter((p) => p.port !== undefined), position);
      return placed?.stack ?? [];
    };
    const path = actionPathAt({ trace: run.trace, skips: run.skips, index, position, stackOf });
    const graph = path.userEvent ? buildFlow(path, path.focusDevice ? stackOf(path.focusDevice) : []) : EMPTY_GRAPH;
    return { path, graph };
  }, [run, history, index, position]);
}

function FlowInner() {
  const { path, graph } = useFlowGraph();
  const theme = useUi((s) => s.theme);
  const follow = useUi((s) => s.followFlow);
  const setFollow = useUi((s) => s.setFollowFlow);
  const reduced = useReducedMotion();
  const flow = useReactFlow();
  const playing = useLab((s) => s.playing);

  useEffect(() => {
    if (!follow || !graph.focus) return;
    const zoom = Math.max(flow.getZoom(), 0.75);
    void flow.setCenter(graph.focus.x, graph.focus.y, { zoom, duration: reduced || playing ? 0 : 250 });
  }, [follow, graph.focus, flow, reduced, playing]);

  const edges = useMemo(() => (reduced ? graph.edges.map((e) => (e.animated ? { ...e, animated: false } : e)) : graph.edges), [graph.edges, reduced]);
  const headline = path.userEvent ? describeUserEvent(path.userEvent) : undefined;

  return (
    <>
      <PanelHeader id="flow-title" title="Flowchart">
        {headline && <span className="mr-2 hidden truncate text-xs text-muted sm:inline">{headline}</span>}
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="h-3.5 w-3.5" />
          Follow
        </label>
        <button type="button" onClick={() => void flow.fitView({ duration: reduced ? 0 : 250, padding: 0.1 })} className="rounded-md border border-line px-2 py-0.5 text-xs font-medium hover:bg-sunken">
          Fit
        </button>
      </PanelHeader>
      <div className="relative min-h-0 flex-1" data-testid="flowchart">
        <ReactFlow
          nodes={graph.nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          colorMode={theme}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          minZoom={0.1}
          maxZoom={2}
          onMoveStart={(e) => {
            if (e) setFollow(false);
          }}
          aria-label="Flowchart of the engine's table rows"
        >
          <Background gap={24} size={1} />
          <Controls showInteractive={false} />
        </ReactFlow>
        {!path.userEvent && (
          <div className="pointer-events-none absolute inset-0 grid place-items-center p-6">
            <p className="max-w-sm rounded-xl border border-line bg-panel/95 p-4 text-center text-sm text-muted shadow">
              Drag a device onto a port to start. The chart draws the engine's own table rows: the PnP manager on the left, then one lane per driver of the device, lit up as the trace plays.
            </p>
          </div>
        )}
      </div>
    </>
  );
}
