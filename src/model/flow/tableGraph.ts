/**
 * The graph the flowchart draws for one engine table: its rows and END nodes, their sizes, and its
 * declared exits. Shared by the layout generator (dagreLayout.ts, scripts/gen-layouts.ts) and the
 * app (tableLayout.ts); imports no layouts, so the generator still runs when the generated file is
 * stale or broken.
 */
import { END_FAIL, END_OK, type Table } from '../../engine/tables/table';

export const ROW_W = 286;
export const ROW_H = 54;
export const END_W = 96;
export const END_H = 30;

export type ExitKind = 'next' | 'fail' | 'skip';

/** Height of an edge label ("fail", "skip": 11px text on a small background). */
export const LABEL_H = 16;

/** Width of an edge label's background for `text`. */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 6.6) + 10;
}

export interface TableEdge {
  from: string;
  to: string;
  kind: ExitKind;
}

export interface Point {
  x: number;
  y: number;
}

/** Where dagre routes an edge: from the source's border through the gaps between rows to the target's border; and its label's centre. */
export interface EdgeRoute {
  points: Point[];
  label?: Point;
}

export interface TableLayout {
  width: number;
  height: number;
  /** top-left of each row (and each END node used: '@ok', '@fail') */
  positions: Map<string, { x: number; y: number; w: number; h: number }>;
  edges: TableEdge[];
  /** each edge's route, by edgeKey */
  routes: Map<string, EdgeRoute>;
}

/**
 * A table's layout as stored in layouts.generated.json, all numbers integers: node id → [x, y, w, h];
 * edge key → its route's points as [x1, y1, x2, y2, …]; edge key → its label's centre [x, y]. The
 * edges themselves are not stored: the app reads them from the table (exitsOf).
 */
export interface StoredLayout {
  width: number;
  height: number;
  nodes: Record<string, [x: number, y: number, w: number, h: number]>;
  routes: Record<string, number[]>;
  labels: Record<string, [x: number, y: number]>;
}

/** An edge's name in routes: `from>to:kind`. */
export function edgeKey(e: TableEdge): string {
  return `${e.from}>${e.to}:${e.kind}`;
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
