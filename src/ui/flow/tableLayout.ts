/**
 * Layouts of the engine's tables for the flowchart: computed once per table by dagre in a worker
 * (layout.worker.ts, dagreLayout.ts) and cached here. The main thread never runs dagre: until a
 * table's layout has arrived, the flowchart draws that table as a placeholder and redraws when it
 * comes (subscribeLayouts), usually well under a second after the page loads.
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
const listeners = new Set<() => void>();
let version = 0;
/** Set by unit tests (and any host without workers): lays a table out synchronously when asked. */
let syncLayout: ((table: Table) => TableLayout) | undefined;

/** The layout of a table, or undefined while the worker has not delivered it yet. */
export function layoutTable(table: Table): TableLayout | undefined {
  const hit = cache.get(table.id);
  if (hit || !syncLayout) return hit;
  const layout = syncLayout(table);
  cache.set(table.id, layout);
  return layout;
}

export function setSyncLayout(compute: (table: Table) => TableLayout): void {
  syncLayout = compute;
}

/** Changes each time layouts arrive (for useSyncExternalStore). */
export function layoutsVersion(): number {
  return version;
}

export function subscribeLayouts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tables most flowcharts need first: the PnP manager's and the frameworks' start and removal tables. */
export function layoutOrder(tables: readonly Table[]): Table[] {
  const rank = (id: string) => (id.startsWith('pnp.') ? 0 : id.startsWith('kmdf.') ? 1 : id.startsWith('power.') ? 2 : 3);
  return [...tables].sort((a, b) => rank(a.id) - rank(b.id));
}

let started = false;
/** Layouts that arrive within this window are announced together (one redraw, not one per table). */
const BATCH_MS = 120;

/** Starts laying out every table in the worker; safe to call more than once. */
export function primeLayouts(): void {
  if (started || typeof Worker === 'undefined') return;
  started = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const announce = () => {
    timer = undefined;
    version++;
    for (const l of listeners) l();
  };
  try {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: string; layout: TableLayout } | { done: true }>) => {
      if ('done' in e.data) {
        worker.terminate();
        if (timer !== undefined) clearTimeout(timer);
        announce();
        return;
      }
      cache.set(e.data.id, e.data.layout);
      if (timer === undefined) timer = setTimeout(announce, BATCH_MS);
    };
    worker.onerror = () => worker.terminate();
  } catch {
    // no module workers: the flowchart shows its placeholders
  }
}
