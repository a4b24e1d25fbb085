import { describe, expect, it } from 'vitest';
import { ALL_TABLES } from '../../engine/tables/registry';
import { computeLayout, storedLayout } from './dagreLayout';
import { exitsOf } from './tableGraph';
import { layoutTable, STORED_LAYOUTS } from './tableLayout';

const RUN = 'src/model/flow/layouts.generated.json is stale: run `npm run layouts` (npx tsx scripts/gen-layouts.ts) and commit the result';

describe('stored table layouts (layouts.generated.json)', () => {
  it('has a layout for exactly the engine tables', () => {
    expect(Object.keys(STORED_LAYOUTS).sort(), RUN).toEqual(ALL_TABLES.map((t) => t.id).sort());
  });

  it.each(ALL_TABLES.map((t) => [t.id, t] as const))('%s is what dagre lays out today', (_, table) => {
    expect(STORED_LAYOUTS[table.id], RUN).toEqual(storedLayout(computeLayout(table)));
  });

  it('gives the app every row and END node of a table, and its declared exits as edges', () => {
    for (const table of ALL_TABLES) {
      const layout = layoutTable(table);
      const fresh = computeLayout(table);
      expect([...layout.positions.keys()]).toEqual([...fresh.positions.keys()]);
      expect(layout.edges).toEqual(exitsOf(table));
      expect(layout.edges).toEqual(fresh.edges);
      // what the app builds from the stored numbers is dagre's layout, rounded
      expect(storedLayout(layout)).toEqual(storedLayout(fresh));
      expect([...layout.routes.keys()]).toEqual([...fresh.routes.keys()]);
    }
  });
});
