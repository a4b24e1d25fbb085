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

/** A table's layout as stored in layouts.generated.json: node id → [x, y, w, h], all integers; edges are not stored (exitsOf). */
export interface StoredLayout {
  width: number;
  height: number;
  nodes: Record<string, [x: number, y: number, w: number, h: number]>;
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
