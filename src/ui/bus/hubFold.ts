/**
 * Which hubs show their ports in the hardware panel. With a crowded bus (a full USB tree has 31 hubs and 127
 * devices) a hub below the first tier of hubs starts folded: one line says what is on its ports, and a press
 * opens it. A hub the person opened or folded stays so (by id) until the page reloads.
 */
import { create } from 'zustand';

/** More USB devices than this on the bus: hubs below the first tier start folded. */
export const CROWDED_BUS = 24;

interface HubFold {
  open: Record<string, boolean>;
  setOpen(hub: string, open: boolean): void;
}

export const useHubFold = create<HubFold>()((set) => ({
  open: {},
  setOpen: (hub, open) => set((s) => ({ open: { ...s.open, [hub]: open } })),
}));

/** Whether `hub`'s ports show: the person's choice, else open unless the bus is crowded and the hub is on another hub. */
export function useHubOpen(hub: string, crowded: boolean, onHub: boolean): boolean {
  const chosen = useHubFold((s) => s.open[hub]);
  return chosen ?? !(crowded && onHub);
}
