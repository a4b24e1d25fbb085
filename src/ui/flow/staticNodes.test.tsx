/**
 * The adapter over React Flow's internals (staticNodes.ts), checked against the installed @xyflow/react:
 * its store is made by rendering a ReactFlowProvider on the server (no DOM needed), with nodes given as
 * buildFlow.ts gives them. If an upgrade changes what the adapter relies on, a test here fails and says what.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Position, ReactFlowProvider, useStoreApi, type Node, type ReactFlowState } from '@xyflow/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { INTERNALS_CHANGED, skipMeasuringKnownNodes } from './staticNodes';

/** A node as buildFlow.ts makes one: its size and its handles given. */
const known: Node = {
  id: 'known', position: { x: 0, y: 0 }, data: {}, width: 286, height: 54, measured: { width: 286, height: 54 },
  handles: [{ id: 'in', type: 'target', position: Position.Top, x: 143, y: 0 }, { id: 'out', type: 'source', position: Position.Bottom, x: 143, y: 54 }],
};
/** A node React Flow has to measure. */
const unknown: Node = { id: 'unknown', position: { x: 0, y: 100 }, data: {} };

type FlowStore = ReturnType<typeof useStoreApi>;

function reactFlowStore(nodes: Node[]): FlowStore {
  let store: FlowStore | undefined;
  function Capture() {
    store = useStoreApi();
    return null;
  }
  renderToString(<ReactFlowProvider initialNodes={nodes}><Capture /></ReactFlowProvider>);
  return store!;
}

const update = (id: string) => [id, { id, nodeElement: {} as HTMLDivElement, force: true }] as const;

describe('React Flow internals the flowchart relies on (staticNodes.ts)', () => {
  it('the store has updateNodeInternals and a nodeLookup whose nodes carry the size and handles they were given', () => {
    const store = reactFlowStore([known, unknown]);
    const state = store.getState();
    expect(typeof state.updateNodeInternals).toBe('function');
    expect(state.nodeLookup).toBeInstanceOf(Map);
    const n = state.nodeLookup.get('known')!;
    expect(n.measured).toEqual({ width: 286, height: 54 });
    expect(n.internals.handleBounds?.source?.map((h) => [h.id, h.x, h.y])).toEqual([['out', 143, 54]]);
    expect(n.internals.handleBounds?.target?.map((h) => [h.id, h.x, h.y])).toEqual([['in', 143, 0]]);
    expect(state.nodeLookup.get('unknown')!.internals.handleBounds).toBeUndefined();
  });

  it('the node renderer measures nodes by calling the store\'s updateNodeInternals from a ResizeObserver', () => {
    const pkg = dirname(createRequire(import.meta.url).resolve('@xyflow/react/package.json'));
    const code = readFileSync(join(pkg, 'dist/esm/index.mjs'), 'utf8');
    // useResizeObserver: reads updateNodeInternals from the store and hands it every observed node, forced
    expect(code).toMatch(/\(s\) => s\.updateNodeInternals;\s*function useResizeObserver\(\)/);
    expect(code).toMatch(/new ResizeObserver\(\(entries\) => \{[\s\S]{0,400}?force: true,[\s\S]{0,80}?updateNodeInternals\(updates\);/);
  });
});

describe('skipMeasuringKnownNodes', () => {
  it('passes on only the nodes whose size or handles are not known, with the same parameters', () => {
    const store = reactFlowStore([known, unknown]);
    const measure = vi.fn();
    store.setState({ updateNodeInternals: measure });
    expect(skipMeasuringKnownNodes(store)).toBe(true);
    store.getState().updateNodeInternals(new Map([update('known')]), { triggerFitView: false });
    expect(measure).not.toHaveBeenCalled();
    store.getState().updateNodeInternals(new Map([update('known'), update('unknown')]), { triggerFitView: false });
    expect(measure).toHaveBeenCalledTimes(1);
    expect([...measure.mock.calls[0][0].keys()]).toEqual(['unknown']);
    expect(measure.mock.calls[0][1]).toEqual({ triggerFitView: false });
    // installed once per store (React runs a state initialiser twice in StrictMode)
    expect(skipMeasuringKnownNodes(store)).toBe(true);
    store.getState().updateNodeInternals(new Map([update('unknown')]));
    expect(measure).toHaveBeenCalledTimes(2);
  });

  it('says so, and changes nothing, when the store does not look as expected', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const odd = { getState: () => ({}) as ReactFlowState, setState: vi.fn() };
    expect(skipMeasuringKnownNodes(odd)).toBe(false);
    expect(error).toHaveBeenCalledWith(INTERNALS_CHANGED);
    expect(odd.setState).not.toHaveBeenCalled();
    error.mockRestore();
  });
});
