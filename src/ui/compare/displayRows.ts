/**
 * How the aligned rows of a step are drawn: as a side-by-side diff does, the events between two pairs that are in one
 * run only (or moved) stand next to each other, A's on the left and B's on the right, instead of each on a row of its
 * own with the other lane empty. The pairs stay on their rows.
 */
import type { AlignedRow, Mark } from '../../model/compare/align';

export interface SideCell {
  index: number;
  mark: Mark;
}

export interface DisplayRow {
  key: string;
  a?: SideCell;
  b?: SideCell;
}

export function displayRows(rows: readonly AlignedRow[]): DisplayRow[] {
  const out: DisplayRow[] = [];
  let left: SideCell[] = [];
  let right: SideCell[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(left.length, right.length); k++) {
      const a = left[k];
      const b = right[k];
      out.push({ key: `${a?.index ?? ''}:${b?.index ?? ''}`, a, b });
    }
    left = [];
    right = [];
  };
  for (const r of rows) {
    if (r.a !== undefined && r.b !== undefined) {
      flush();
      out.push({ key: `${r.a}:${r.b}`, a: { index: r.a, mark: r.mark }, b: { index: r.b, mark: r.mark } });
    } else if (r.a !== undefined) left.push({ index: r.a, mark: r.mark });
    else if (r.b !== undefined) right.push({ index: r.b, mark: r.mark });
  }
  flush();
  return out;
}
