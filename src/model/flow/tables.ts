/** The engine's tables, indexed for the flowchart: by id, and which rows can run which table. */
import { FRAMEWORKS } from '../../engine/frameworks';
import { ALL_TABLES } from '../../engine/tables/registry';
import type { Row, Table } from '../../engine/tables/table';

export const TABLES: ReadonlyMap<string, Table> = new Map(ALL_TABLES.map((t) => [t.id, t]));

export function rowOf(tableId: string, rowId: string): Row | undefined {
  return TABLES.get(tableId)?.rows.find((r) => r.id === rowId);
}

/** For each table, the rows (of any table) whose `table` field runs it. */
export const INVOKERS: ReadonlyMap<string, readonly { table: string; row: string }[]> = (() => {
  const m = new Map<string, { table: string; row: string }[]>();
  for (const t of ALL_TABLES) {
    for (const r of t.rows) {
      if (!r.table) continue;
      const list = m.get(r.table) ?? [];
      list.push({ table: t.id, row: r.id });
      m.set(r.table, list);
    }
  }
  return m;
})();

/**
 * Which framework table a driver runs for an IRP (`IRP_MN_X`, or `IRP_MN_X:down`/`:up` for IRPs
 * handled in both directions), for every framework the engine has.
 */
const IRP_TABLE_MAPS: readonly Record<string, string>[] = Object.values(FRAMEWORKS).map((f) => f.irpTables);

export function tablesForIrp(irp: string, pass: unknown): string[] {
  const key = typeof pass === 'string' ? `${irp}:${pass}` : irp;
  return IRP_TABLE_MAPS.map((m) => m[key]).filter((t): t is string => t !== undefined);
}
