import { describe, expect, it } from 'vitest';
import { cameraFor, inView } from './camera';

const view = { width: 900, height: 400 };
const row = (x: number, y: number) => ({ x, y, w: 320, h: 73 });
const chart = { x: 0, y: 0, w: 3000, h: 2000 };

describe('cameraFor', () => {
  it('puts the current row in the upper part of the view, not in the middle of an empty half', () => {
    const focus = row(1200, 900);
    const vp = cameraFor(focus, undefined, chart, view, 1);
    const top = focus.y * vp.zoom + vp.y;
    expect(top).toBeGreaterThan(40);
    expect(top + focus.h).toBeLessThan(view.height / 2 + 20);
    expect(inView(focus, vp, view, 8)).toBe(true);
  });

  it('shows no empty space left of or above the chart when the current row is near its corner', () => {
    const focus = row(30, 60);
    const vp = cameraFor(focus, undefined, chart, view, 1.12);
    expect(vp.x).toBeGreaterThanOrEqual(0);
    expect(vp.x).toBeLessThanOrEqual(24 * 1.12 + 0.001);
    expect(vp.y).toBeLessThanOrEqual(24 * 1.12 + 0.001);
    expect(inView(focus, vp, view, 8)).toBe(true);
  });

  it('keeps the caller row in view beside the current row when both fit', () => {
    const caller = row(100, 500);
    const focus = row(520, 520);
    const vp = cameraFor(focus, caller, chart, view, 1);
    expect(inView(focus, vp, view, 8)).toBe(true);
    expect(inView({ ...caller, y: focus.y }, vp, view, 8)).toBe(true);
  });

  it('when the caller is too far to fit, the current row is centred across and fully in view', () => {
    const caller = row(100, 500);
    const focus = row(1900, 520);
    const vp = cameraFor(focus, caller, chart, view, 1.12);
    expect(inView(focus, vp, view, 8)).toBe(true);
    const mid = (focus.x + focus.w / 2) * vp.zoom + vp.x;
    expect(Math.abs(mid - view.width / 2)).toBeLessThan(1);
  });

  it('centres a chart smaller than the view', () => {
    const small = { x: 0, y: 0, w: 400, h: 300 };
    const vp = cameraFor(row(40, 100), undefined, small, view, 1);
    expect(vp.x).toBeCloseTo((view.width - 400) / 2);
  });
});

describe('cameraFor with the table around the current row', () => {
  it('shows the whole table across when it fits, and starts at its title when the row is in its first screenful', () => {
    const frame = { x: 1000, y: 300, w: 600, h: 500 };
    const focus = row(1250, 450);
    const vp = cameraFor(focus, undefined, chart, view, 1, frame);
    expect(inView({ ...frame, h: 100 }, vp, view, 0)).toBe(true);
    expect(inView(focus, vp, view, 8)).toBe(true);
  });

  it('deep in a tall table, the current row still sits in the upper part of the view', () => {
    const frame = { x: 1000, y: 100, w: 600, h: 1600 };
    const focus = row(1250, 1300);
    const vp = cameraFor(focus, undefined, chart, view, 1, frame);
    const top = focus.y * vp.zoom + vp.y;
    expect(top).toBeLessThan(view.height / 2);
    expect(inView(focus, vp, view, 8)).toBe(true);
  });
});
