/**
 * Stands in for d3-drag in the app's build (vite.config.ts, `resolve.alias`): ≈ 1.3 KB gzip of code the lab never
 * runs, on every page's start path.
 *
 * d3-drag comes with React Flow (@xyflow/system): its `drag()` moves nodes (XYDrag, set up only for a draggable node or
 * a selection of nodes) and resizes them (XYResizer, NodeResizer, which the lab does not use). The flowchart's nodes are
 * neither draggable nor selectable (FlowPanel.tsx: `nodesDraggable={false}`, `elementsSelectable={false}`), so `drag()`
 * is never called; should it ever be, it fails loudly (this Error, naming this file) rather than doing nothing; the e2e
 * fixture fails a test on any page error. What d3-zoom uses of d3-drag while the pane is panned with the mouse is kept:
 * `dragDisable` (no native drag and no text selection while the pointer is down) and `dragEnable` (both back, and the
 * click that ends a pan swallowed), written here after d3-drag's own.
 */
import { select } from 'd3-selection';

const LEFT_OUT = 'd3-drag\'s drag() is left out of the PnP Lab build (src/ui/flow/d3DragLeftOut.ts): a node drag or resize was set up';

export function drag(): never {
  throw new Error(LEFT_OUT);
}

const capture = { capture: true, passive: false };

function swallow(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

type View = Window & { document: Document };

/** No native drag (and no text selection) in `view` while the pointer pans the pane. */
export function dragDisable(view: View): void {
  const page = select(view as unknown as Element).on('dragstart.drag', swallow, capture);
  if ('onselectstart' in view.document.documentElement) page.on('selectstart.drag', swallow, capture);
}

/** Undoes `dragDisable`; with `noclick`, the click the pan's mouseup makes is swallowed (the pan was not a click). */
export function dragEnable(view: View, noclick?: boolean): void {
  const page = select(view as unknown as Element).on('dragstart.drag', null);
  if (noclick) {
    page.on('click.drag', swallow, capture);
    setTimeout(() => page.on('click.drag', null), 0);
  }
  if ('onselectstart' in view.document.documentElement) page.on('selectstart.drag', null);
}
