/** The device being dragged with the pointer, and what is under it. */
import { create } from 'zustand';

export interface DragState {
  device: string | undefined;
  x: number;
  y: number;
  /** port id under the pointer, or 'palette' */
  over: string | undefined;
  start(device: string, x: number, y: number): void;
  move(x: number, y: number, over: string | undefined): void;
  end(): void;
}

export const useDrag = create<DragState>()((set) => ({
  device: undefined,
  x: 0,
  y: 0,
  over: undefined,
  start: (device, x, y) => set({ device, x, y, over: undefined }),
  move: (x, y, over) => set({ x, y, over }),
  end: () => set({ device: undefined, over: undefined }),
}));

/** The drop target under a point: a port (`data-port`) or the bench (`data-drop="palette"`). */
export function dropTargetAt(x: number, y: number): string | undefined {
  const el = document.elementFromPoint(x, y);
  const port = el?.closest<HTMLElement>('[data-port]');
  if (port) return port.dataset.port;
  if (el?.closest('[data-drop="palette"]')) return 'palette';
  return undefined;
}
