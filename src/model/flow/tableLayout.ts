/**
 * Layouts of the engine's tables for the flowchart. They are computed ahead of time by dagre
 * (dagreLayout.ts) and stored in layouts.generated.json by `npm run layouts`
 * (npx tsx scripts/gen-layouts.ts), so neither dagre nor any layout work ships with the app; a unit
 * test (layouts.test.ts) fails when the stored layouts no longer match the tables. A table's edges
 * are its declared exits, read from the table itself.
 */
import type { Table } from '../../engine/tables/table';
import generated from './layouts.generated.json';
import { exitsOf, type Point, type StoredLayout, type TableLayout } from './tableGraph';

export const STORED_LAYOUTS: Readonly<Record<string, StoredLayout>> = generated as unknown as Record<string, StoredLayout>;

const cache = new Map<string, TableLayout>();

/** The layout of a table (built from the stored one on first use, then cached). */
export function layoutTable(table: Table): TableLayout {
  const hit = cache.get(table.id);
  if (hit) return hit;
  const stored = STORED_LAYOUTS[table.id];
  if (!stored) throw new Error(`No stored layout for table ${table.id}: run \`npm run layouts\` (npx tsx scripts/gen-layouts.ts)`);
  const positions: TableLayout['positions'] = new Map();
  for (const [id, [x, y, w, h]] of Object.entries(stored.nodes)) positions.set(id, { x, y, w, h });
  const routes: TableLayout['routes'] = new Map();
  for (const [key, flat] of Object.entries(stored.routes)) {
    const points: Point[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) points.push({ x: flat[i], y: flat[i + 1] });
    const l = stored.labels[key];
    routes.set(key, { points, label: l ? { x: l[0], y: l[1] } : undefined });
  }
  const layout: TableLayout = { width: stored.width, height: stored.height, positions, edges: exitsOf(table), routes };
  cache.set(table.id, layout);
  return layout;
}
