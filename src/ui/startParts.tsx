/**
 * Parts of the lab that not every page shows, chunks of their own: the page header, the resizable
 * columns, the selected event's details and the address sync (`fullLabParts.ts`: the full lab only), the hardware and
 * Device Manager (`hardwareParts.ts`: the full lab, and an embed that names them in `panels`), and
 * the timeline (`timeline/TimelinePanel.tsx`: fetched at start where it shows at first; an embed 1000
 * px wide or less may hold it in a tab not selected yet, layout/embedArrangement.ts). `loadStartParts` fetches the ones this page shows at
 * first before the first render (main.tsx), so nothing pops in late and an embed never fetches what
 * it does not show; the build's `start-parts.js` asks the browser for the same chunks while the main
 * script downloads (scripts/vite-plugins.ts). A panel in a tab is fetched when the tabs are reached
 * for (`preloadPanels`), at the latest when its tab is selected ("Loading…" meanwhile). App.tsx
 * takes these components from here: a static import of one of them would put it back in every page's
 * bundle. A part that did not load renders nothing.
 */
import { Suspense, use, type ComponentProps } from 'react';
import type { EmbedParams, Panel } from '../embed/params';
import { panelsShownAtFirst } from './layout/embedArrangement';
import { installAddressSync } from './links/address';

type HeaderPart = typeof import('./fullLabParts').Header;
type BusPanelPart = typeof import('./hardwareParts').BusPanel;
type DeviceTreePart = typeof import('./hardwareParts').DeviceTree;
type EventDetailsPart = typeof import('./fullLabParts').EventDetails;
type SplitPart = typeof import('./fullLabParts').Split;

const loaded: { Header?: HeaderPart; BusPanel?: BusPanelPart; DeviceTree?: DeviceTreePart; EventDetails?: EventDetailsPart; Split?: SplitPart } = {};

type TimelinePart = typeof import('./timeline/TimelinePanel').TimelinePanel;
let timelinePart: TimelinePart | undefined;
let timelineFetch: Promise<void> | undefined;
// a part that did not load renders nothing (the promise never fails)
const fetchTimeline = () => (timelineFetch ??= import('./timeline/TimelinePanel').then((m) => void (timelinePart = m.TimelinePanel), () => undefined));

/** Fetches the parts of these panels (in tabs not selected yet) ahead of showing them. */
export function preloadPanels(panels: readonly Panel[]): Promise<unknown> {
  return panels.includes('timeline') ? fetchTimeline() : Promise.resolve();
}

/**
 * Fetches the parts a page with these embed parameters shows: the full lab's, the hardware and Device
 * Manager if the page has them, the timeline if it shows at first (all of them for the full lab).
 */
export async function loadStartParts(params: Pick<EmbedParams, 'embed' | 'panels'>): Promise<void> {
  const has = (panel: Panel) => !params.embed || params.panels.includes(panel);
  const atFirst = !params.embed || panelsShownAtFirst(params.panels, matchMedia('(min-width: 1001px)').matches, !matchMedia('(min-width: 560px)').matches).includes('timeline');
  await Promise.all([
    !params.embed && import('./fullLabParts').then((m) => {
      Object.assign(loaded, m);
      installAddressSync(m.addressSync);
    }),
    (has('hardware') || has('tree')) && import('./hardwareParts').then((m) => void Object.assign(loaded, m)),
    atFirst && fetchTimeline(),
  ]);
}

/**
 * The timeline: at once when it was fetched at start, else fetched when first shown ("Loading…"
 * meanwhile). Its elements are the same either way, so it is never mounted a second time.
 */
export function TimelinePanel() {
  return <Suspense fallback={<p className="p-3 text-sm text-muted" role="status">Loading…</p>}><TimelineLoaded /></Suspense>;
}

function TimelineLoaded() {
  if (!timelinePart) use(fetchTimeline());
  const Part = timelinePart;
  return Part ? <Part /> : null;
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
