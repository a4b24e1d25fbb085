/** Every engine table, compiled once; the flowchart, the docs and the tests read them from here. */
import { KMDF_TABLES } from '../kmdf/tables';
import { PNP_TABLES } from '../pnp/tables';
import { compileTable, type CompiledTable, type Table } from './table';

export const ALL_TABLES: readonly Table[] = [...PNP_TABLES, ...KMDF_TABLES];

const compiled = new Map<string, CompiledTable>();
for (const t of ALL_TABLES) compiled.set(t.id, compileTable(t));

export function getTable(id: string): CompiledTable {
  const t = compiled.get(id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

/** Callback names that appear in some row with a declared `fail` exit: the only ones a scenario may set to `fail`. */
export const FAILABLE_CALLBACKS: ReadonlySet<string> = new Set(
  KMDF_TABLES.flatMap((t) => t.rows.filter((r) => r.do === 'callback' && r.fail !== undefined).map((r) => r.name!)),
);

/** Every callback name any KMDF table can call. */
export const KMDF_CALLBACKS: ReadonlySet<string> = new Set(
  KMDF_TABLES.flatMap((t) => t.rows.filter((r) => r.do === 'callback').map((r) => r.name!)),
);
