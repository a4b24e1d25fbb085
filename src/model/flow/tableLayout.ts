/**
 * Layouts of the engine's tables for the flowchart. They are computed ahead of time by dagre
 * (dagreLayout.ts) and stored in layouts.generated.json by `npm run layouts`
 * (npx tsx scripts/gen-layouts.ts), so neither dagre nor any layout work ships with the app; a unit
 * test (layouts.test.ts) fails when the stored layouts no longer match the tables. A table's edges
 * are its declared exits, read from the table itself.
 */
import type { Table } from '../../engine/tables/table';
import generated from './layouts.generated.json';
import { edgeKey, exitsOf, fromDeltas, nodeIdsOf, nodeSize, type Point, type StoredLayout, type TableLayout } from './tableGraph';

export const STORED_LAYOUTS: Readonly<Record<string, StoredLayout>> = generated as unknown as Record<string, StoredLayout>;

const cache = new Map<string, TableLayout>();

const STALE = 'run `npm run layouts` (npx tsx scripts/gen-layouts.ts)';

/** The layout of a table (built from the stored one on first use, then cached). */
export function layoutTable(table: Table): TableLayout {
  const hit = cache.get(table.id);
  if (hit) return hit;
  const stored = STORED_LAYOUTS[table.id];
  if (!stored) throw new Error(`No stored layout for table ${table.id}: ${STALE}`);
  // the stored numbers are in the order of the table's nodes and exits (tableGraph.ts, StoredLayout)
  const ids = nodeIdsOf(table);
  const edges = exitsOf(table);
  if (stored.nodes.length !== 2 * ids.length || stored.routes.length !== edges.length) throw new Error(`The stored layout of table ${table.id} does not fit the table: ${STALE}`);
  const corners = fromDeltas(stored.nodes);
  const positions: TableLayout['positions'] = new Map();
  ids.forEach((id, i) => positions.set(id, { x: corners[2 * i], y: corners[2 * i + 1], ...nodeSize(id) }));
  const routes: TableLayout['routes'] = new Map();
  edges.forEach((e, i) => {
    const flat = fromDeltas(stored.routes[i]);
    const points: Point[] = [];
    for (let j = 0; j + 1 < flat.length; j += 2) points.push({ x: flat[j], y: flat[j + 1] });
    const l = stored.labels[i];
    routes.set(edgeKey(e), { points, label: l ? { x: l[0], y: l[1] } : undefined });
  });
  const layout: TableLayout = { width: stored.width, height: stored.height, positions, edges, routes };
  cache.set(table.id, layout);
  return layout;
}
