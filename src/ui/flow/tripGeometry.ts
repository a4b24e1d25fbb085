/**
 * Where things sit in the flowchart's IRP trip node (nodes.tsx IrpTripNode): the PnP manager at the top, then one box
 * per driver, top to bottom, with the gaps between them for the arrows (down on the left, back up on the right).
 * Shared by buildFlow.ts (node size, handles, camera focus) and the node itself. Sizes are large enough to read on a
 * projector at the chart's usual zoom; a stack of more than four drivers gets tighter boxes and gaps, so that five
 * (a UMDF 1 stack with both filters) still fit the chart at 1280×720.
 */
export const TRIP = {
  width: 540,
  /** the IRP's name and the legend */
  header: 62,
  /** the PnP manager's box */
  manager: 42,
  pad: 12,
  /** width of the down (left) and up (right) columns of a box */
  side: 166,
} as const;

/** Height of a driver's box and of the gap above it (room for one arrow), for a trip through `hops` drivers. */
export function tripRows(hops: number): { box: number; gap: number } {
  return hops > 4 ? { box: 50, gap: 22 } : { box: 60, gap: 30 };
}

export function tripHeight(hops: number): number {
  const { box, gap } = tripRows(hops);
  return TRIP.header + TRIP.manager + hops * (gap + box) + TRIP.pad;
}

/** Top of the box of driver `i` (0 = the top of the stack) of `hops`. */
export function hopTop(i: number, hops: number): number {
  const { box, gap } = tripRows(hops);
  return TRIP.header + TRIP.manager + gap + i * (gap + box);
}

/** Top of the gap above driver `i` (gap 0 is between the PnP manager and the top driver). */
export function gapTop(i: number, hops: number): number {
  return hopTop(i, hops) - tripRows(hops).gap;
}

/** Centre of driver `i`'s box, where the edge to the table that driver runs for the IRP leaves (on the right). */
export function hopCentreY(i: number, hops: number): number {
  return hopTop(i, hops) + tripRows(hops).box / 2;
}

/** Centre of the PnP manager's box. */
export const MANAGER_CENTRE_Y = TRIP.header + TRIP.manager / 2;

/** x of the centre of the down (left) and up (right) columns. */
export const DOWN_X = TRIP.pad + TRIP.side / 2;
export const UP_X = TRIP.width - TRIP.pad - TRIP.side / 2;
