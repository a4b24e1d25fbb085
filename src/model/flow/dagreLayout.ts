/**
 * Lays out one engine table as a top-down graph of its rows and exits with dagre. Runs only at
 * development time: in scripts/gen-layouts.ts, which stores every table's layout in
 * layouts.generated.json, and in the unit test that checks that file is up to date. The app reads
 * the stored layouts (tableLayout.ts) and never loads dagre.
 */
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type { Table } from '../../engine/tables/table';
import { edgeKey, exitsOf, LABEL_H, labelWidth, nodeIdsOf, nodeSize, toDeltas, type StoredLayout, type TableLayout } from './tableGraph';

export function computeLayout(table: Table): TableLayout {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 26, marginx: 12, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of nodeIdsOf(table)) {
    const { w, h } = nodeSize(id);
    g.setNode(id, { width: w, height: h });
  }
  const edges = exitsOf(table);
  for (const e of edges) {
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

/**
 * A layout as layouts.generated.json stores it (tableGraph.ts, StoredLayout): every number rounded,
 * nodes in the order of `nodeIdsOf(table)` (the layout's own order) and routes in the order of its
 * edges, `exitsOf(table)`, without their names, as differences; the edges are left out (the app reads
 * them from the table).
 */
export function storedLayout(layout: TableLayout): StoredLayout {
  const corners: number[] = [];
  for (const [id, p] of layout.positions) {
    const size = nodeSize(id);
    // the format keeps no sizes: each node must have its kind's
    if (px(p.w) !== size.w || px(p.h) !== size.h) throw new Error(`node ${id} is ${p.w}×${p.h}, not ${size.w}×${size.h}: the stored layout format keeps no sizes`);
    corners.push(px(p.x), px(p.y));
  }
  const routes: StoredLayout['routes'] = [];
  const labels: StoredLayout['labels'] = {};
  layout.edges.forEach((e, i) => {
    const r = layout.routes.get(edgeKey(e));
    routes.push(r ? toDeltas(r.points.flatMap((p) => [px(p.x), px(p.y)])) : []);
    if (r?.label) labels[i] = [px(r.label.x), px(r.label.y)];
  });
  return { width: px(layout.width), height: px(layout.height), nodes: toDeltas(corners), routes, labels };
}
