/** The driver stack a device gets when it is plugged in: its bus driver's PDO, filters, the function driver. */
import { PDO_CALLBACKS } from './bus/catalog';
import type { Device } from './device';
import { newLayer, type LayerState } from './framework/layerState';
import type { BusDriver } from './topology';
import type { Layer } from './trace';

const NO_CALLBACKS: ReadonlySet<string> = new Set();

/**
 * Bottom-up: the bus driver, (UMDF 1: the reflector,) lower filters, the function driver, upper filters (none has a device
 * object yet). The stack of kernel/adding-a-pnp-device-to-a-running-system.md and the "stack order"
 * of wdf/power-up-sequence-for-a-function-or-filter-driver.md (reference digest §1).
 */
export function buildLayers(d: Device, bus: BusDriver): LayerState[] {
  const c = d.config;
  const cb = (layer: Layer, own?: Record<string, string>) => new Map(Object.entries(own ?? c.layerCallbacks[layer] ?? {})) as LayerState['callbacks'];
  const layers: LayerState[] = [
    newLayer({ layer: 'bus', driver: bus.driver, framework: bus.framework, callbacks: cb('bus'), registered: PDO_CALLBACKS, isPdo: true, hasInterrupts: false, hasDma: false, hasChildList: false, ownsRequests: false, interfaces: [], staticStopCount: 0 }),
  ];
  const fw = c.framework;
  const umdf = fw === 'umdf1' ? 'Umdf' : '';
  // UMDF 1: the reflector (WUDFRd.sys) is the kernel-mode driver above the PDO; its device object passes each IRP to
  // the driver host (WUDFHost.exe), whose user-mode stack is the UMDF drivers (wdf/detailed-view-of-the-umdf-architecture.md).
  if (fw === 'umdf1') layers.push(newLayer({ layer: 'reflector', driver: 'WUDFRd', framework: 'wdm', callbacks: new Map(), registered: NO_CALLBACKS, isPdo: false, hasInterrupts: false, hasDma: false, hasChildList: false, ownsRequests: false, interfaces: [], staticStopCount: 0 }));
  const filter = (layer: 'lower-filter' | 'upper-filter', i: number) =>
    newLayer({ layer, driver: `Sim${umdf}${layer === 'lower-filter' ? 'Lower' : 'Upper'}Filter${i}`, framework: fw, callbacks: cb(layer), registered: 'all', isPdo: false, hasInterrupts: false, hasDma: false, hasChildList: false, ownsRequests: false, interfaces: [], staticStopCount: 0 });
  for (let i = 1; i <= c.filters.lower; i++) layers.push(filter('lower-filter', i));
  layers.push(newLayer({ layer: 'function', driver: fw === 'umdf1' ? `${d.model.functionDriver}Umdf` : d.model.functionDriver, framework: fw, callbacks: cb('function', c.callbacks), registered: 'all', isPdo: false, hasInterrupts: d.model.interrupts, hasDma: d.model.dma, hasChildList: d.model.ports > 0, ownsRequests: true, interfaces: d.model.interfaces, staticStopCount: c.staticStopRemove }));
  for (let i = 1; i <= c.filters.upper; i++) layers.push(filter('upper-filter', i));
  return layers;
}
