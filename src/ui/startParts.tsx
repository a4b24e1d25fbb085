/**
 * Parts of the lab that not every page shows, chunks of their own: the page header, the resizable
 * columns, the selected event's details and the address sync (`fullLabParts.ts`: the full lab only), the hardware and
 * Device Manager (`hardwareParts.ts`: the full lab, and an embed that names them in `panels`).
 * `loadStartParts` fetches the ones this page shows before the first render (main.tsx), so nothing
 * pops in late and an embed never fetches what it does not show; the build's `start-parts.js` asks
 * the browser for the same chunks while the main script downloads (scripts/vite-plugins.ts). App.tsx
 * takes these components from here: a static import of one of them would put it back in every page's
 * bundle. A part that did not load renders nothing.
 */
import type { ComponentProps } from 'react';
import type { EmbedParams } from '../embed/params';
import { installAddressSync } from './links/address';

type HeaderPart = typeof import('./fullLabParts').Header;
type BusPanelPart = typeof import('./hardwareParts').BusPanel;
type DeviceTreePart = typeof import('./hardwareParts').DeviceTree;
type EventDetailsPart = typeof import('./fullLabParts').EventDetails;
type SplitPart = typeof import('./fullLabParts').Split;

const loaded: { Header?: HeaderPart; BusPanel?: BusPanelPart; DeviceTree?: DeviceTreePart; EventDetails?: EventDetailsPart; Split?: SplitPart } = {};

/** Fetches the parts a page with these embed parameters shows (all of them for the full lab). */
export async function loadStartParts(params: Pick<EmbedParams, 'embed' | 'panels'>): Promise<void> {
  const shows = (panel: 'hardware' | 'tree') => !params.embed || params.panels.includes(panel);
  await Promise.all([
    !params.embed && import('./fullLabParts').then((m) => {
      Object.assign(loaded, m);
      installAddressSync(m.addressSync);
    }),
    (shows('hardware') || shows('tree')) && import('./hardwareParts').then((m) => void Object.assign(loaded, m)),
  ]);
}

export function Header() {
  const Part = loaded.Header;
  return Part ? <Part /> : null;
}

export function BusPanel() {
  const Part = loaded.BusPanel;
  return Part ? <Part /> : null;
}

export function DeviceTree(props: ComponentProps<DeviceTreePart>) {
  const Part = loaded.DeviceTree;
  return Part ? <Part {...props} /> : null;
}

export function EventDetails() {
  const Part = loaded.EventDetails;
  return Part ? <Part /> : null;
}

export function Split(props: ComponentProps<SplitPart>) {
  const Part = loaded.Split;
  return Part ? <Part {...props} /> : null;
}
