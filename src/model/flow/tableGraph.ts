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
 * A table's layout as stored in layouts.generated.json, all numbers integers and no names (they would
 * be most of the file; the app ships it), as differences where it makes the numbers small:
 * `nodes` holds the top-left [x, y] of each node of `nodeIdsOf(table)`, each as the difference from
 * the one before (the first from 0, 0), their sizes being their kind's (ROW_W × ROW_H, END_W ×
 * END_H); `routes` each exit's route in the order of `exitsOf(table)`, its first point [x1, y1] and
 * then each point as the difference from the one before; `labels` the centre [x, y] of a "fail" or
 * "skip" label by its exit's index there. The edges themselves are not stored: the app reads them
 * from the table.
 */
export interface StoredLayout {
  width: number;
  height: number;
  nodes: number[];
  routes: number[][];
  labels: Record<string, [x: number, y: number]>;
}

/** Numbers as differences from the pair before (the first pair from 0, 0), and back. */
export function toDeltas(values: readonly number[]): number[] {
  return values.map((v, i) => (i < 2 ? v : v - values[i - 2]));
}

export function fromDeltas(deltas: readonly number[]): number[] {
  const out: number[] = [];
  deltas.forEach((d, i) => out.push(i < 2 ? d : d + out[i - 2]));
  return out;
}

/** The size of a node of the flowchart: a row, or an END node. */
export function nodeSize(id: string): { w: number; h: number } {
  return isEnd(id) ? { w: END_W, h: END_H } : { w: ROW_W, h: ROW_H };
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

/** The flowchart's nodes for a table, in a fixed order: its rows, then the END nodes its exits reach, as they are first reached. */
export function nodeIdsOf(table: Table): string[] {
  const ids = table.rows.map((r) => r.id);
  for (const e of exitsOf(table)) if (isEnd(e.to) && !ids.includes(e.to)) ids.push(e.to);
  return ids;
}

export function isEnd(id: string): boolean {
  return id === END_OK || id === END_FAIL;
}
