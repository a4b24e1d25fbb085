/** Every engine table, compiled once; the flowchart, the docs and the tests read them from here. */
import { KMDF_TABLES } from '../kmdf/tables';
import { PNP_TABLES } from '../pnp/tables';
import { UMDF1_TABLES } from '../umdf1/tables';
import { WIA_TABLES } from '../wia/tables';
import { compileTable, type CompiledTable, type Table } from './table';

export const ALL_TABLES: readonly Table[] = [...PNP_TABLES, ...KMDF_TABLES, ...UMDF1_TABLES, ...WIA_TABLES];

const compiled = new Map<string, CompiledTable>();
for (const t of ALL_TABLES) compiled.set(t.id, compileTable(t));

export function getTable(id: string): CompiledTable {
  const t = compiled.get(id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

const callbackRows = (tables: Table[]) => tables.flatMap((t) => t.rows.filter((r) => r.do === 'callback'));

/** Every callback name each framework's tables can call. */
export const FRAMEWORK_CALLBACKS: Record<'kmdf' | 'umdf1', ReadonlySet<string>> = {
  kmdf: new Set(callbackRows(KMDF_TABLES).map((r) => r.name!)),
  umdf1: new Set(callbackRows(UMDF1_TABLES).map((r) => r.name!)),
};
export const KMDF_CALLBACKS = FRAMEWORK_CALLBACKS.kmdf;

/** Callback names that appear in some row with a declared `fail` exit: the only ones a scenario may set to `fail`. */
export const FAILABLE_CALLBACKS: ReadonlySet<string> = new Set(
  callbackRows([...KMDF_TABLES, ...UMDF1_TABLES]).filter((r) => r.fail !== undefined).map((r) => r.name!),
);

/** Tables of the transitions a `failOnFirstStart` / `failOnRestart` / `failOnWake` behaviour picks from. */
const TRANSITION_TABLES: ReadonlySet<string> = new Set(['kmdf.startDown', 'kmdf.start', 'kmdf.powerUp', 'umdf1.start', 'umdf1.powerUp']);

/** Failable callbacks that run on a start or on the way back from idle: the only ones that may fail on one transition. */
export const TRANSITION_FAILABLE_CALLBACKS: ReadonlySet<string> = new Set(
  [...KMDF_TABLES, ...UMDF1_TABLES].filter((t) => TRANSITION_TABLES.has(t.id)).flatMap((t) => t.rows).filter((r) => r.do === 'callback' && r.fail !== undefined).map((r) => r.name!),
);
