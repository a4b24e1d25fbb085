/**
 * Lays out every engine table with dagre off the main thread, once, when the flowchart first
 * shows; the main thread receives each layout as it is done (tableLayout.ts caches them).
 */
import { ALL_TABLES } from '../../engine/tables/registry';
import { computeLayout } from './dagreLayout';
import { layoutOrder } from './tableLayout';

for (const table of layoutOrder(ALL_TABLES)) {
  postMessage({ id: table.id, layout: computeLayout(table) });
}
postMessage({ done: true });
