/**
 * Lays out one engine table as a top-down graph of its rows and exits with dagre. Runs only at
 * development time: in scripts/gen-layouts.ts, which stores every table's layout in
 * layouts.generated.json, and in the unit test that checks that file is up to date. The app reads
 * the stored layouts (tableLayout.ts) and never loads dagre.
 */
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type { Table } from '../../engine/tables/table';
import { edgeKey, END_H, END_W, exitsOf, isEnd, LABEL_H, labelWidth, ROW_H, ROW_W, type StoredLayout, type TableLayout } from './tableGraph';

export function computeLayout(table: Table): TableLayout {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 26, marginx: 12, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const row of table.rows) g.setNode(row.id, { width: ROW_W, height: ROW_H });
  const edges = exitsOf(table);
  for (const e of edges) {
    if (isEnd(e.to) && !g.hasNode(e.to)) g.setNode(e.to, { width: END_W, height: END_H });
    // a "fail" or "skip" label gets room of its own, so no edge or row runs over it
    const label = e.kind === 'next' ? {} : { width: labelWidth(e.kind), height: LABEL_H, labelpos: 'c' };
    g.setEdge(e.from, e.to, { weight: e.kind === 'next' ? 3 : 1, minlen: 1, ...label }, edgeKey(e));
  }
  dagreLayout(g);
  const positions: TableLayout['positions'] = new Map();
  let width = 0;
  let height = 0;
  for (const id of g.nodes()) {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    positions.set(id, { x, y, w: n.width, h: n.height });
    width = Math.max(width, x + n.width);
    height = Math.max(height, y + n.height);
  }
  const routes: TableLayout['routes'] = new Map();
  for (const e of edges) {
    const r = g.edge({ v: e.from, w: e.to, name: edgeKey(e) }) as { points: { x: number; y: number }[]; x?: number; y?: number };
    routes.set(edgeKey(e), { points: r.points.map((p) => ({ x: p.x, y: p.y })), label: e.kind !== 'next' && r.x !== undefined && r.y !== undefined ? { x: r.x, y: r.y } : undefined });
  }
  return { width: width + 12, height: height + 8, positions, edges, routes };
}

/** Rounded to whole pixels (`+ 0` turns -0 into 0, which JSON would not keep apart anyway). */
const px = (v: number) => Math.round(v) + 0;

/** A layout as layouts.generated.json stores it: every number rounded, edges left out (the app reads them from the table). */
export function storedLayout(layout: TableLayout): StoredLayout {
  const nodes: StoredLayout['nodes'] = {};
  for (const [id, p] of layout.positions) nodes[id] = [px(p.x), px(p.y), px(p.w), px(p.h)];
  const routes: StoredLayout['routes'] = {};
  const labels: StoredLayout['labels'] = {};
  for (const [key, r] of layout.routes) {
    routes[key] = r.points.flatMap((p) => [px(p.x), px(p.y)]);
    if (r.label) labels[key] = [px(r.label.x), px(r.label.y)];
  }
  return { width: px(layout.width), height: px(layout.height), nodes, routes, labels };
}
