/** Which rows of a table can follow which (through any exit): used to tell one run of a table from the next. */
import type { Table } from '../../engine/tables/table';
import { exitsOf, isEnd } from './tableGraph';

const cache = new Map<string, Map<string, Set<string>>>();

function closure(table: Table): Map<string, Set<string>> {
  const hit = cache.get(table.id);
  if (hit) return hit;
  const out = new Map<string, string[]>();
  for (const e of exitsOf(table)) if (!isEnd(e.to)) (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
  const result = new Map<string, Set<string>>();
  for (const row of table.rows) {
    const seen = new Set<string>();
    const stack = [...(out.get(row.id) ?? [])];
    while (stack.length) {
      const r = stack.pop()!;
      if (seen.has(r)) continue;
      seen.add(r);
      stack.push(...(out.get(r) ?? []));
    }
    result.set(row.id, seen);
  }
  cache.set(table.id, result);
  return result;
}

export function canFollow(table: Table, from: string, to: string): boolean {
  return closure(table).get(from)?.has(to) ?? false;
}

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
