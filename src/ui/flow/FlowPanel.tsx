/** The live flowchart: the engine's table rows on the path that is running, in swimlanes. */
import { FAST_PLAYBACK } from '../../store/displayPosition';
import { useDisplayPosition, useLab, useStageShown, useUi, useVisibleEnd } from '../../store/hooks';
import { Background, Controls, getViewportForBounds, ReactFlow, ReactFlowProvider, useReactFlow, useStoreApi, type Edge, type Node } from '@xyflow/react';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { PanelHeader } from '../common/PanelHeader';
import { useReducedMotion } from '../common/hooks';
import { actionPathAt } from '../../model/flow/actionPath';
import { buildFlow, NORMAL_SCALE, PRESENTER_SCALE, type FlowGraph } from './buildFlow';
import { cameraFor, inView } from './camera';
import { EDGE_TYPES, NODE_TYPES } from './nodes';
import { skipMeasuringKnownNodes } from './staticNodes';
import { describeUserEvent } from '../timeline/kinds';
import { lastBefore } from '../../model/deviceTimeline';
import { EMBED } from '../links/useLabLinks';

const EMPTY_GRAPH: FlowGraph = { nodes: [], edges: [], focus: undefined, lanes: [] };

/** `tabs`: the stage's view tabs, shown in place of the panel's title (src/ui/stage/StageViews.tsx). */
export function FlowPanel({ tabs }: { tabs?: ReactNode } = {}) {
  return (
    <section aria-labelledby="flow-title" className="flex h-full flex-col">
      <ReactFlowProvider>
        <FlowInner tabs={tabs} />
      </ReactFlowProvider>
    </section>
  );
}

/** Reuses last frame's node and edge objects when nothing about them changed, so React Flow re-renders only what did. */
function useStable<T extends { id: string; data?: unknown; position?: unknown; className?: string; animated?: boolean; width?: number; height?: number }>(items: T[]): T[] {
  const last = useRef(new Map<string, T>());
  return useMemo(() => {
    const next = new Map<string, T>();
    const out = items.map((item) => {
      const old = last.current.get(item.id);
      const same = old !== undefined && shallowEqual(old.data, item.data) && shallowEqual(old.position, item.position) && old.className === item.className && old.animated === item.animated && old.width === item.width && old.height === item.height;
      const kept = same ? old : item;
      next.set(item.id, kept);
      return kept;
    });
    last.current = next;
    return out;
  }, [items]);
}

function shallowEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

/** Row titles are drawn at this size (flow units) in presenter mode (index.css), so this zoom puts them at 20 px on screen. */
const PRESENTER_TITLE = 18;
export const PRESENTER_ZOOM = 20 / PRESENTER_TITLE + 0.01;

function useFlowGraph(presenter: boolean) {
  const run = useLab((s) => s.run);
  const timelines = useLab((s) => s.timelines);
  const index = useLab((s) => s.index);
  // The flowchart is the costliest panel to redraw: it shows the same displayed position as every
  // other panel, deferred (React renders it after them, in the background, and skips a position the
  // next one overtakes), so it never holds up the transport, the timeline or the details.
  const position = Math.min(useDeferredValue(useDisplayPosition()), run.trace.length);
  // at a lesson's question (the cursor on it) nothing after it is drawn
  const { end } = useVisibleEnd(run.trace, position);
  const gated = end === position && end < run.trace.length;
  return useMemo(() => {
    const stackOf = (device: string) => {
      const h = timelines.get(device);
      if (!h) return [];
      const placed = lastBefore(h.placements.filter((p) => p.port !== undefined), position);
      return placed?.stack ?? [];
    };
    const path = actionPathAt({ trace: run.trace, runs: run.runs, skips: run.skips, index, position, stackOf, gated });
    const graph = path.userEvent ? buildFlow(path, path.focusDevice ? stackOf(path.focusDevice) : [], presenter ? PRESENTER_SCALE : NORMAL_SCALE) : EMPTY_GRAPH;
    return { path, graph };
  }, [run, timelines, index, position, presenter, gated]);
}

const NO_NODES: Node[] = [];
const NO_EDGES: Edge[] = [];

function FlowInner({ tabs }: { tabs?: ReactNode }) {
  const store = useStoreApi();
  // nothing for React Flow to measure: every node comes with its size and handles (staticNodes.ts)
  useState(() => skipMeasuringKnownNodes(store));
  const presenter = useUi((s) => s.presenter) && !EMBED.params.embed;
  const { path, graph } = useFlowGraph(presenter);
  const theme = useUi((s) => s.theme);
  const follow = useUi((s) => s.followFlow);
  const setFollow = useUi((s) => s.setFollowFlow);
  const reduced = useReducedMotion();
  const flow = useReactFlow();
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const readonly = useLab((s) => s.readonly);

  // Above 100 events/s nobody reads the chart row by row: it holds still (moving it would mount a
  // new screenful of rows each second) and centres on the cursor's row again when playback slows or stops.
  const hold = playing && speed > 100;
  useEffect(() => {
    const focus = graph.focusBox;
    if (!follow || !focus || hold) return;
    // Keep the zoom the user chose, within what stays readable; presenter mode zooms in until a row
    // title is 20 px on screen.
    const { width, height, transform: [tx, ty, current] } = store.getState();
    if (width === 0) return;
    let zoom = Math.min(1.6, Math.max(current, presenter ? PRESENTER_ZOOM : 0.7));
    // a focus larger than the view at that zoom (an IRP's whole trip through a deep stack) is shown whole;
    // presenter mode keeps its zoom (and follows the driver the IRP is at instead: buildFlow)
    const fits = Math.min(width / (focus.w + 48), height / (focus.h + 48));
    if (!presenter && fits < zoom) zoom = Math.max(0.5, fits);
    const view = { width, height };
    // A row already comfortably in view (and its caller, if it was) is not followed: the chart stays
    // still (nothing has to be mounted or repainted) while the cursor moves within what is shown.
    const now = { x: tx, y: ty, zoom: current };
    const margin = Math.min(width, height) * 0.12;
    if (zoom === current && inView(focus, now, view, margin) && (!graph.callerBox || inView(graph.callerBox, now, view, 0))) return;
    void flow.setViewport(cameraFor(focus, graph.callerBox, graph.bounds, view, zoom, graph.frameBox), { duration: reduced || playing ? 0 : 250 });
  }, [follow, graph.focusBox, graph.callerBox, graph.frameBox, graph.bounds, flow, store, reduced, playing, presenter, hold]);

  /**
   * Fit shows the whole chart: Follow turns off (it would move the view away at the next event) and
   * the header says so. The chart's bounds are known (buildFlow), so the fit is worked out here and
   * applied at once: React Flow's own fitView waits for the next change of nodes (none while paused).
   */
  const fit = () => {
    setFollow(false);
    const { width, height } = store.getState();
    const b = graph.bounds;
    if (!b || width === 0) return;
    void flow.setViewport(getViewportForBounds({ x: b.x, y: b.y, width: b.w, height: b.h }, width, height, 0.1, 2, 0.1), { duration: reduced ? 0 : 250 });
  };

  // a big lab that just landed gets its rows a frame after the rest of the page (store/landingStages.ts)
  const rowsShown = useStageShown('flow');
  const nodes = useStable(graph.nodes);
  // The edge into the current row marches only while paused: during playback the highlight moves anyway.
  const still = reduced || playing;
  const edges = useStable(useMemo(() => (still ? graph.edges.map((e) => (e.animated ? { ...e, animated: false } : e)) : graph.edges), [graph.edges, still]));
  const headline = path.userEvent ? describeUserEvent(path.userEvent) : undefined;

  return (
    <>
      <PanelHeader id="flow-title" title="Flowchart" tabs={tabs}>
        {playing && speed > FAST_PLAYBACK && <span className="rounded bg-warn-soft px-1.5 text-xs text-warn">{hold ? 'fast playback: holding still' : 'fast playback: catching up'}</span>}
        {headline && <span className="mr-2 hidden truncate text-xs text-muted sm:inline">{headline}</span>}
        <span role="status" className="text-xs text-muted">{follow ? '' : 'Follow is off: the view stays where it is.'}</span>
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="h-3.5 w-3.5" />
          Follow
        </label>
        <button type="button" onClick={fit} title="Show the whole chart (turns Follow off)" className="rounded-md border border-line px-2 py-0.5 text-xs font-medium hover:bg-sunken">
          Fit
        </button>
      </PanelHeader>
      <div className="relative min-h-0 flex-1" data-testid="flowchart">
        <ReactFlow
          nodes={rowsShown ? nodes : NO_NODES}
          edges={rowsShown ? edges : NO_EDGES}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          colorMode={theme}
          onlyRenderVisibleElements
          nodesDraggable={false}
          nodesConnectable={false}
          // Space is the lab's play/pause key, never React Flow's pan key (panning by drag stays);
          // nor does React Flow listen for its selection, deletion or zoom keys
          panActivationKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          deleteKeyCode={null}
          zoomActivationKeyCode={null}
          elementsSelectable={false}
          defaultViewport={{ x: 0, y: 0, zoom: 0.85 }}
          minZoom={0.1}
          maxZoom={2}
          // embedded in another page, the wheel scrolls that page (the +/- controls still zoom)
          zoomOnScroll={!EMBED.params.embed}
          preventScrolling={!EMBED.params.embed}
          onMoveStart={(e) => {
            if (e) setFollow(false);
          }}
          aria-label="Flowchart of the engine's table rows"
        >
          <Background gap={24} size={1} />
          <Controls showInteractive={false} showFitView={false} />
        </ReactFlow>
        {!path.userEvent && (
          <div className="pointer-events-none absolute inset-0 grid place-items-center p-6">
            <p className="max-w-sm rounded-xl border border-line bg-panel/95 p-4 text-center text-sm text-muted shadow">
              {readonly ? 'Press Play (or →) to watch the run.' : 'Drag a device onto a port to start.'} The chart draws the engine's own table rows: the PnP manager on the left, then one lane per driver of the device, lit up as the trace plays.
            </p>
          </div>
        )}
      </div>
    </>
  );
}
