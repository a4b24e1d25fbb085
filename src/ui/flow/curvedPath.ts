/**
 * An SVG path through a layout's edge points as a uniform B-spline (the curve dagre's own renderers
 * draw): it starts at the first point, ends at the last, and bends smoothly near the others. The
 * points are moved by (dx, dy): from their table's coordinates to the flow's.
 */
import type { Point } from '../../model/flow/tableGraph';

const f = (v: number) => Math.round(v * 10) / 10;

export function curvedPath(route: readonly Point[], dx = 0, dy = 0): string {
  const points = dx === 0 && dy === 0 ? route : route.map((p) => ({ x: p.x + dx, y: p.y + dy }));
  const [first, second] = points;
  if (points.length === 2) return `M${f(first.x)},${f(first.y)}L${f(second.x)},${f(second.y)}`;
  let d = `M${f(first.x)},${f(first.y)}L${f((5 * first.x + second.x) / 6)},${f((5 * first.y + second.y) / 6)}`;
  const bezier = (p0: Point, p1: Point, p: Point) => {
    d += `C${f((2 * p0.x + p1.x) / 3)},${f((2 * p0.y + p1.y) / 3)} ${f((p0.x + 2 * p1.x) / 3)},${f((p0.y + 2 * p1.y) / 3)} ${f((p0.x + 4 * p1.x + p.x) / 6)},${f((p0.y + 4 * p1.y + p.y) / 6)}`;
  };
  for (let i = 2; i < points.length; i++) bezier(points[i - 2], points[i - 1], points[i]);
  const last = points[points.length - 1];
  bezier(points[points.length - 2], last, last);
  return `${d}L${f(last.x)},${f(last.y)}`;
}
