/**
 * A small adapter over React Flow's internals: nodes whose size and handles are given are not
 * measured again.
 *
 * Every node of the flowchart comes with its size and its handles' positions (buildFlow.ts: `width`,
 * `height`, `measured`, `handles`) and renders no <Handle>, so there is nothing to measure. React Flow
 * (@xyflow/react 12) still observes each node as it mounts and re-measures it through its store's
 * `updateNodeInternals`; finding no <Handle> in the node's DOM, it would replace the given handles
 * with none and drop the node's edges, and it reads the layout of every node that mounts. React Flow
 * has no public option to skip that, so this wraps the store's `updateNodeInternals` to pass on only
 * the nodes whose size or handles are not known yet.
 *
 * What it relies on, checked by staticNodes.test.ts against the installed @xyflow/react (so an
 * upgrade that changes them fails that test; the types fail `tsc` first where they changed):
 * - the store's `updateNodeInternals(updates, params)`, which the node renderer's ResizeObserver calls;
 * - the store's `nodeLookup`, whose nodes have `measured` and `internals.handleBounds` filled in from
 *   the `width`/`height`/`measured`/`handles` a node is given.
 * If the store lacks them at run time, it says so in the console (every e2e test fails on that).
 */
import type { ReactFlowState } from '@xyflow/react';

type MeasuringState = Pick<ReactFlowState, 'updateNodeInternals' | 'nodeLookup'>;

/** What `skipMeasuringKnownNodes` needs of React Flow's store (`useStoreApi()`). */
export interface MeasuringStore {
  getState(): MeasuringState;
  setState(partial: Partial<MeasuringState>): void;
}

const installed = new WeakSet<MeasuringStore>();

export const INTERNALS_CHANGED = "PnP Lab: React Flow's store no longer has updateNodeInternals and nodeLookup (src/ui/flow/staticNodes.ts): the flowchart's nodes are measured again and may lose their edges.";

/**
 * Makes the store's measuring step skip nodes whose size and handles are known. Call it before
 * <ReactFlow> first renders (its node renderer picks up `updateNodeInternals` then). False when
 * React Flow's store does not look as expected (and the console says so).
 */
export function skipMeasuringKnownNodes(store: MeasuringStore): boolean {
  if (installed.has(store)) return true;
  const state = store.getState();
  const measure = state.updateNodeInternals;
  if (typeof measure !== 'function' || !(state.nodeLookup instanceof Map)) {
    console.error(INTERNALS_CHANGED);
    return false;
  }
  installed.add(store);
  store.setState({
    updateNodeInternals: (updates, params) => {
      const { nodeLookup } = store.getState();
      let unknown: typeof updates | undefined;
      for (const [id, update] of updates) {
        const n = nodeLookup.get(id);
        if (n?.measured.width && n.measured.height && n.internals.handleBounds) continue;
        (unknown ??= new Map()).set(id, update);
      }
      if (unknown) measure(unknown, params);
    },
  });
  return true;
}
