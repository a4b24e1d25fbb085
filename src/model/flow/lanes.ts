/**
 * Swimlanes of the flowchart. A table's lane follows from who runs it (the engine's systemGraph): the PnP
 * manager's tables (pnp., and the power manager's power.) share one lane, the WIA service's another;
 * framework tables (kmdf., umdf1., ...) run inside one driver, so they get one lane per driver of the
 * device's stack. A lane for notification clients is declared here so their tables find a lane the day
 * the engine has them.
 */
import { systemGraph } from '../../engine/tables/systemGraph';
import type { Layer } from '../../engine/trace';

export type LaneKind = 'manager' | 'driver' | 'clients' | 'service';

/** Tables that are not run inside one driver, by id prefix. Every other prefix is a driver framework. */
const SHARED_LANES: Record<string, { kind: LaneKind; title: string }> = {
  pnp: { kind: 'manager', title: 'PnP manager' },
  notify: { kind: 'clients', title: 'Notification clients' },
  wia: { kind: 'service', title: 'WIA service and minidriver' },
};

/** Order of lanes from left to right: the manager, the driver stack bottom-up, then the rest. */
export const LAYER_ORDER: readonly Layer[] = ['bus', 'reflector', 'lower-filter', 'function', 'upper-filter'];

export const LAYER_TITLES: Record<string, string> = {
  bus: 'Bus driver (PDO)',
  reflector: 'Reflector (kernel)',
  'lower-filter': 'Lower filter',
  function: 'Function driver (FDO)',
  'upper-filter': 'Upper filter',
};

export function tablePrefix(tableId: string): string {
  const dot = tableId.indexOf('.');
  return dot < 0 ? tableId : tableId.slice(0, dot);
}

/** The shared lane of each host that is not a driver (systemGraph's GraphTable.host). */
const HOST_LANES: Record<string, string> = { 'PnP manager': 'pnp', 'WIA service': 'wia' };

const tableLanes = new Map(systemGraph().tables.map((t) => [t.id, HOST_LANES[t.host]]));

/** The shared lane of a table (by its host), or of a lane key (`pnp`, `wia`); undefined for a driver's. */
export function sharedLaneOf(tableOrLane: string): { key: string; kind: LaneKind; title: string } | undefined {
  const key = tableLanes.has(tableOrLane) ? tableLanes.get(tableOrLane) : tablePrefix(tableOrLane);
  const lane = key === undefined ? undefined : SHARED_LANES[key];
  return lane ? { key: key!, ...lane } : undefined;
}

export function driverLaneKey(device: string, layer: string, driver: string): string {
  return `drv:${device}:${layer}:${driver}`;
}

export function parseDriverLane(key: string): { device: string; layer: string; driver: string } | undefined {
  if (!key.startsWith('drv:')) return undefined;
  const [, device, layer, driver] = key.split(':');
  return { device, layer, driver };
}

export function laneRank(key: string): number {
  if (key === 'pnp') return 0;
  const d = parseDriverLane(key);
  if (d) return 1 + Math.max(0, LAYER_ORDER.indexOf(d.layer as Layer));
  return 10;
}

export function laneTitle(key: string, framework?: string): string {
  const d = parseDriverLane(key);
  if (d) return `${LAYER_TITLES[d.layer] ?? d.layer} · ${d.driver}${framework ? ` (${framework.toUpperCase()})` : ''}`;
  return SHARED_LANES[key]?.title ?? key;
}
