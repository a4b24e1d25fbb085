/**
 * The lab's driver sources, parsed (docs/driver-sources.md). Load this module lazily (`import('./sources')`): the
 * texts are ~10 KB gzip and most visits never show them.
 */
import { functionNamed, parseSource, type DriverFunction, type DriverSource, type SourceId } from './format';
import { KMDF_BUS } from './kmdfBus';
import { KMDF_FILTER } from './kmdfFilter';
import { KMDF_FUNCTION } from './kmdfFunction';
import { UMDF1_DRIVER } from './umdf1Driver';
import { WIA_MINIDRIVER } from './wiaMinidriver';
import type { Layer } from '../engine/trace';

export const SOURCE_SPECS = [KMDF_FUNCTION, KMDF_FILTER, KMDF_BUS, UMDF1_DRIVER, WIA_MINIDRIVER] as const;

export const DRIVER_SOURCES: Readonly<Record<SourceId, DriverSource>> = Object.fromEntries(
  SOURCE_SPECS.map((s) => [s.id, parseSource(s)]),
) as Record<SourceId, DriverSource>;

/**
 * The sources a callback event's layer may run, in the order to look in. A KMDF and a UMDF 1 callback never share a
 * name (`EvtDeviceD0Entry`, `IPnpCallback::OnD0Entry`), so the name picks the framework; the bus layer is always
 * KMDF (USBHUB3; pci.sys calls no callbacks), and the reflector (WUDFRd.sys) none.
 */
const LAYER_SOURCES: Record<Layer, readonly SourceId[]> = {
  bus: ['kmdf-bus'],
  reflector: [],
  'lower-filter': ['kmdf-filter', 'umdf1-driver'],
  function: ['kmdf-function', 'umdf1-driver'],
  'upper-filter': ['kmdf-filter', 'umdf1-driver'],
};

export interface Located {
  source: DriverSource;
  fn: DriverFunction;
}

/** The function a `callback` event ran (its `name` and `layer`), if the lab has a source for it. */
export function locateCallback(name: string, layer: Layer): Located | undefined {
  for (const id of LAYER_SOURCES[layer]) {
    const source = DRIVER_SOURCES[id];
    const fn = functionNamed(source, name);
    if (fn) return { source, fn };
  }
  return undefined;
}

/** The minidriver method a `wia` event with component `minidriver` ran (`drvAcquireItemData`, `IStiUSD::LockDevice`). */
export function locateMinidriverCall(name: string): Located | undefined {
  const source = DRIVER_SOURCES['wia-minidriver'];
  const fn = functionNamed(source, name);
  return fn && { source, fn };
}

export { functionNamed, type DriverFunction, type DriverSource, type SourceId };
export { lineForResult, showBehaviour, RESULTS, type BehaviourView } from './behaviour';
