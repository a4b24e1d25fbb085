/** How one row of a table leads to another (through its declared exits): the flowchart draws the rows a run went through between two it saw. */
import type { Table } from '../../engine/tables/table';
import { exitsOf } from './tableGraph';

/** Shortest chain of rows from `from` to `to` (both included), or undefined. */
export function pathBetween(table: Table, from: string, to: string): { rows: string[]; kinds: string[] } | undefined {
  const edges = exitsOf(table);
  const prev = new Map<string, { row: string; kind: string }>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const r = queue.shift()!;
    if (r === to) break;
    for (const e of edges) {
      if (e.from !== r || seen.has(e.to)) continue;
      seen.add(e.to);
      prev.set(e.to, { row: r, kind: e.kind });
      queue.push(e.to);
    }
  }
  if (!seen.has(to)) return undefined;
  const rows = [to];
  const kinds: string[] = [];
  let cur = to;
  while (cur !== from) {
    const p = prev.get(cur)!;
    rows.unshift(p.row);
    kinds.unshift(p.kind);
    cur = p.row;
  }
  return { rows, kinds };
}
