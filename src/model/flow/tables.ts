/** The engine's tables, indexed for the flowchart: by id, and which table each driver runs for an IRP. */
import { ALL_TABLES } from '../../engine/tables/registry';
import { systemGraph } from '../../engine/tables/systemGraph';
import type { Row, Table } from '../../engine/tables/table';

export const TABLES: ReadonlyMap<string, Table> = new Map(ALL_TABLES.map((t) => [t.id, t]));

export function rowOf(tableId: string, rowId: string): Row | undefined {
  return TABLES.get(tableId)?.rows.find((r) => r.id === rowId);
}

/**
 * Which framework table a driver runs for an IRP (`IRP_MN_X`, or `IRP_MN_X:down`/`:up` for IRPs
 * handled in both directions), for every framework the engine has (the engine's systemGraph).
 */
export function tablesForIrp(irp: string, pass: unknown): readonly string[] {
  return systemGraph().irpTables.get(typeof pass === 'string' ? `${irp}:${pass}` : irp) ?? [];
}
