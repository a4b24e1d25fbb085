/**
 * The d3-transition stand-in (d3TransitionLite.ts, aliased in vite.config.ts) drives d3-zoom as React Flow uses it:
 * a timed transform eased from start to end, start and end events, a gesture's interrupt, a newer transition
 * pre-empting an older one. Frames come from a hand-driven requestAnimationFrame.
 */
import { select } from 'd3-selection';
import { interrupt } from 'd3-transition';
import { interpolateZoom } from 'd3-interpolate';
import { zoom, zoomIdentity, type ZoomTransform } from 'd3-zoom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let queue: { id: number; cb: (now: number) => void }[] = [];
let ids = 0;
/** Runs the callbacks waiting for the next frame at `now`. */
function frameAt(now: number): void {
  const due = queue;
  queue = [];
  for (const f of due) f.cb(now);
}

beforeEach(() => {
  queue = [];
  Object.assign(globalThis, {
    requestAnimationFrame: (cb: (now: number) => void) => {
      queue.push({ id: ++ids, cb });
      return ids;
    },
    cancelAnimationFrame: (id: number) => {
      queue = queue.filter((f) => f.id !== id);
    },
  });
});
afterEach(() => {
  delete (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame;
  delete (globalThis as { cancelAnimationFrame?: unknown }).cancelAnimationFrame;
});

function pane() {
  const node = {} as Element;
  const events: string[] = [];
  const seen: ZoomTransform[] = [];
  const z = zoom<Element, unknown>()
    .extent([[0, 0], [100, 100]])
    .on('start', () => events.push('start'))
    .on('zoom', (e: { transform: ZoomTransform }) => seen.push(e.transform))
    .on('end', () => events.push('end'));
  return { node, z, events, seen };
}

describe('d3TransitionLite under d3-zoom', () => {
  it('eases a transform from where the view is to the target over the duration, and ends on it exactly', () => {
    const { node, z, events, seen } = pane();
    const target = zoomIdentity.translate(40, 0);
    let ended = false;
    z.transform(select(node).transition().duration(100).on('end', () => (ended = true)) as never, target);
    expect(seen).toEqual([]); // it starts on the next frame
    frameAt(1000);
    expect(events).toEqual(['start']);
    // d3-zoom's path (interpolateZoom about the extent's centre) at d3's cubic in-out of the elapsed time
    const path = interpolateZoom([50, 50, 100], [10, 50, 100]);
    const xAt = (eased: number) => 50 - path(eased)[0] * (100 / path(eased)[2]);
    frameAt(1050);
    expect(seen.at(-1)!.x).toBeCloseTo(xAt(0.5), 9);
    frameAt(1075); // ease(0.75) = 0.9375
    expect(seen.at(-1)!.x).toBeCloseTo(xAt(0.9375), 9);
    frameAt(1100);
    expect(seen.at(-1)).toEqual(target);
    expect(events).toEqual(['start', 'end']);
    expect(ended).toBe(true);
    expect(queue).toEqual([]);
  });

  it('stops where it is when a gesture interrupts it (interrupt(node)), ending the zoom gesture', () => {
    const { node, z, events, seen } = pane();
    z.transform(select(node).transition().duration(100) as never, zoomIdentity.translate(40, 0));
    frameAt(0);
    frameAt(50);
    const at = seen.length;
    interrupt(node);
    expect(events).toEqual(['start', 'end']);
    frameAt(100);
    expect(seen.length).toBe(at);
    expect(queue).toEqual([]);
  });

  it('a newer transition takes over when it starts, and one interrupted before it starts never runs', () => {
    const { node, z, seen } = pane();
    z.transform(select(node).transition().duration(100) as never, zoomIdentity.translate(40, 0));
    frameAt(0);
    z.transform(select(node).transition().duration(100) as never, zoomIdentity.translate(-40, 0));
    frameAt(10);
    frameAt(110);
    expect(seen.at(-1)).toEqual(zoomIdentity.translate(-40, 0));
    // scheduled, then interrupted (selection.interrupt()) before its first frame
    z.transform(select(node).transition().duration(100) as never, zoomIdentity.translate(90, 0));
    select(node).interrupt();
    frameAt(200);
    frameAt(400);
    expect(seen.at(-1)).toEqual(zoomIdentity.translate(-40, 0));
  });

  it('fails loudly on what it leaves out', () => {
    const { node } = pane();
    const t = select(node).transition() as unknown as Record<string, unknown>;
    expect(t.attr).toBeUndefined();
    expect(() => (t.on as (n: string, f: () => void) => void)('tick', () => undefined)).toThrow(TypeError);
    interrupt(node);
  });
});
