/**
 * Where the flowchart's camera goes to follow the cursor (pure: no React, no DOM). The current row
 * sits in the upper part of the view, where the eye starts reading, with what runs after it below;
 * the row in another lane that called its table stays in view beside it when both fit at the zoom
 * given (else the current row is centred across). The view shows no empty space beyond the chart's
 * edges when the chart is larger than the view.
 */
import type { Box } from './buildFlow';

export interface View {
  width: number;
  height: number;
}

/** React Flow's viewport: the flow point (0, 0) is drawn at (x, y), scaled by zoom. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Room kept around the rows framed, in flow units. */
const MARGIN = 24;
/** Where the current row's centre goes, as a fraction of the view's height from the top. */
const READ_AT = 0.36;

/** One axis: start of the visible span of `size` flow units, kept inside [lo, hi] when the chart is larger than the view. */
function clampAxis(start: number, size: number, lo: number, hi: number): number {
  if (hi - lo <= size) return (lo + hi) / 2 - size / 2;
  return Math.max(lo, Math.min(start, hi - size));
}

/**
 * `frame`: the table around the current row. When it fits across the view it is centred (the whole
 * table in view, not one row with bits of neighbours); when the current row is within the first
 * screenful of its table, the view starts at the table's title, which names what ran it.
 */
export function cameraFor(focus: Box, caller: Box | undefined, bounds: Box | undefined, view: View, zoom: number, frame?: Box): Viewport {
  const w = view.width / zoom;
  const h = view.height / zoom;
  let left = focus.x + focus.w / 2 - w / 2;
  if (frame && frame.w + 2 * MARGIN <= w) left = frame.x + frame.w / 2 - w / 2;
  if (caller) {
    const from = Math.min(caller.x, focus.x) - MARGIN;
    const to = Math.max(caller.x + caller.w, focus.x + focus.w) + MARGIN;
    if (to - from <= w) left = (from + to) / 2 - w / 2;
  }
  let top = focus.y + focus.h / 2 - READ_AT * h;
  if (frame && focus.y + focus.h + MARGIN - (frame.y - MARGIN / 2) <= h * 0.95) top = Math.min(top, frame.y - MARGIN / 2);
  if (bounds) {
    left = clampAxis(left, w, bounds.x - MARGIN, bounds.x + bounds.w + MARGIN);
    top = clampAxis(top, h, bounds.y - MARGIN, bounds.y + bounds.h + MARGIN);
  }
  // whatever the clamping did, the current row stays in view
  left = Math.min(left, focus.x - MARGIN / 2);
  left = Math.max(left, focus.x + focus.w + MARGIN / 2 - w);
  top = Math.min(top, focus.y - MARGIN / 2);
  top = Math.max(top, focus.y + focus.h + MARGIN / 2 - h);
  return { x: -left * zoom, y: -top * zoom, zoom };
}

/** True when the box is drawn inside the view with `margin` px to spare on every side. */
export function inView(box: Box, vp: Viewport, view: View, margin: number): boolean {
  const x = box.x * vp.zoom + vp.x;
  const y = box.y * vp.zoom + vp.y;
  return x >= margin && y >= margin && x + box.w * vp.zoom <= view.width - margin && y + box.h * vp.zoom <= view.height - margin;
}
