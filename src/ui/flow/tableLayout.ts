/** Lays out one engine table as a top-down graph of its rows and exits (dagre), once per table. */
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import { END_FAIL, END_OK, type Table } from '../../engine/tables/table';

export const ROW_W = 286;
export const ROW_H = 54;
export const END_W = 96;
export const END_H = 30;

export type ExitKind = 'next' | 'fail' | 'skip';

export interface TableEdge {
  from: string;
  to: string;
  kind: ExitKind;
}

export interface TableLayout {
  width: number;
  height: number;
  /** top-left of each row (and each END node used: '@ok', '@fail') */
  positions: Map<string, { x: number; y: number; w: number; h: number }>;
  edges: TableEdge[];
}

export function exitsOf(table: Table): TableEdge[] {
  const edges: TableEdge[] = [];
  for (const row of table.rows) {
    edges.push({ from: row.id, to: row.next, kind: 'next' });
    if (row.fail !== undefined) edges.push({ from: row.id, to: row.fail, kind: 'fail' });
    if (row.skipTo !== undefined) edges.push({ from: row.id, to: row.skipTo, kind: 'skip' });
  }
  return edges;
}

export function isEnd(id: string): boolean {
  return id === END_OK || id === END_FAIL;
}

const cache = new Map<string, TableLayout>();

export function layoutTable(table: Table): TableLayout {
  const hit = cache.get(table.id);
  if (hit) return hit;
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 26, marginx: 12, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const row of table.rows) g.setNode(row.id, { width: ROW_W, height: ROW_H });
  const edges = exitsOf(table);
  for (const e of edges) {
    if (isEnd(e.to) && !g.hasNode(e.to)) g.setNode(e.to, { width: END_W, height: END_H });
    g.setEdge(e.from, e.to, { weight: e.kind === 'next' ? 3 : 1, minlen: 1 }, `${e.from}>${e.to}:${e.kind}`);
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
  const layout = { width: width + 12, height: height + 8, positions, edges };
  cache.set(table.id, layout);
  return layout;
}
