/**
 * Stands in for d3-color in the app's build (vite.config.ts, `resolve.alias`): ≈ 4.4 KB gzip of code
 * the lab never runs, on every page's start path.
 *
 * d3-color comes with React Flow's viewport code (@xyflow/system → d3-zoom → d3-interpolate and
 * d3-transition) and serves colour tweens only: d3-transition's `attr()`/`style()` and
 * d3-interpolate's `interpolate()` given a colour string or a colour object. React Flow's animated
 * viewport changes (the lab's camera, `setViewport(…, { duration })`) tween numbers: d3-zoom's
 * `interpolateZoom`, or `interpolate` on `[x, y, width]` arrays for `interpolate: 'linear'`; the lab
 * animates nothing else through d3. Should a colour tween ever be asked for, it fails loudly (this
 * Error, naming this file) rather than drawing a wrong colour; the e2e fixture fails a test on any page
 * error. `color` stays a plain function so that d3-interpolate's `value instanceof color` is false.
 */
const LEFT_OUT = 'd3-color is left out of the PnP Lab build (src/ui/flow/d3ColorLeftOut.ts): a colour tween was asked for';

export function color(): never {
  throw new Error(LEFT_OUT);
}

export { color as cubehelix, color as gray, color as hcl, color as hsl, color as lab, color as lch, color as rgb };
