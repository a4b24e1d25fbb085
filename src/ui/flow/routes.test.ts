import { describe, expect, it } from 'vitest';
import { ALL_TABLES } from '../../engine/tables/registry';
import { curvedPath } from './curvedPath';
import { edgeKey, LABEL_H, labelWidth, type Point } from '../../model/flow/tableGraph';
import { layoutTable } from '../../model/flow/tableLayout';

type Box = { x: number; y: number; w: number; h: number };
const inside = (p: Point, b: Box, margin: number) => p.x > b.x + margin && p.x < b.x + b.w - margin && p.y > b.y + margin && p.y < b.y + b.h - margin;
const near = (p: Point, b: Box) => p.x >= b.x - 2 && p.x <= b.x + b.w + 2 && p.y >= b.y - 2 && p.y <= b.y + b.h + 2;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** points along each straight piece of a route, every 4 px */
function along(points: Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 4));
    for (let k = 0; k <= n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  return out;
}

describe('edge routes in the stored layouts', () => {
  it.each(ALL_TABLES.map((t) => [t.id, t] as const))('%s: every exit runs from its row to its target, through no other row, its label on no row', (_, table) => {
    const layout = layoutTable(table);
    for (const e of layout.edges) {
      const route = layout.routes.get(edgeKey(e));
      expect(route, edgeKey(e)).toBeDefined();
      const { points, label } = route!;
      expect(near(points[0], layout.positions.get(e.from)!), `${edgeKey(e)} starts at ${e.from}`).toBe(true);
      expect(near(points[points.length - 1], layout.positions.get(e.to)!), `${edgeKey(e)} ends at ${e.to}`).toBe(true);
      for (const [id, box] of layout.positions) {
        if (id === e.from || id === e.to) continue;
        expect(along(points).some((p) => inside(p, box, 3)), `${edgeKey(e)} crosses ${id}`).toBe(false);
        if (label) expect(overlap({ x: label.x - labelWidth(e.kind) / 2, y: label.y - LABEL_H / 2, w: labelWidth(e.kind), h: LABEL_H }, box), `label of ${edgeKey(e)} on ${id}`).toBe(false);
      }
      expect(label !== undefined, `${edgeKey(e)} has a label`).toBe(e.kind !== 'next');
    }
  });
});

describe('curvedPath', () => {
  it('draws a straight line between two points', () => {
    expect(curvedPath([{ x: 0, y: 0 }, { x: 10, y: 20 }])).toBe('M0,0L10,20');
  });

  it('moves the route from its table into the flow by (dx, dy)', () => {
    expect(curvedPath([{ x: 0, y: 0 }, { x: 10, y: 20 }], 5, 1)).toBe('M5,1L15,21');
  });

  it('starts at the first point and ends at the last, bending through the middle ones', () => {
    const d = curvedPath([{ x: 0, y: 0 }, { x: 60, y: 30 }, { x: 0, y: 60 }]);
    expect(d.startsWith('M0,0L10,5C')).toBe(true);
    expect(d.endsWith('L0,60')).toBe(true);
    // the curve's middle knot is pulled towards (60, 30): (0 + 4·60 + 0) / 6 = 40
    expect(d).toContain(' 40,30');
  });
});
