/**
 * The driver registry: which drivers are loaded. Driver unload: once no stack keeps a device object of a driver, the driver is unloaded (its
 * framework's unloadDriver table runs), except the boot drivers of the built-in buses and WDM drivers.
 * Once all of a driver's devices are gone, its Unload runs (kernel/state-transitions-for-pnp-devices.md,
 * reference digest §3.8); the tables it runs (kmdf.unloadDriver, umdf1's) cite their own pages.
 */
import { BUILT_IN_BUSES } from './bus/catalog';
import type { Device } from './device';
import { FRAMEWORKS } from './frameworks';
import { LayerHost } from './framework/layerHost';
import type { LayerState } from './framework/layerState';
import type { Drivers, EngineContext } from './context';
import type { Yield } from './scheduler';
import { getTable } from './tables/registry';
import { runTable } from './tables/table';

/** Drivers that are loaded at boot for the built-in buses and never unload. */
export const BOOT_DRIVERS: ReadonlySet<string> = new Set(BUILT_IN_BUSES.map((b) => b.busDriver));

export class DriverRegistry implements Drivers {
  private readonly loaded = new Set<string>(BOOT_DRIVERS);

  constructor(private readonly ctx: EngineContext) {}

  isDriverLoaded(driver: string): boolean {
    return this.loaded.has(driver);
  }

  markDriverLoaded(driver: string): void {
    this.loaded.add(driver);
  }

  markDriverUnloaded(driver: string): void {
    this.loaded.delete(driver);
  }

  /** Unloads each loaded driver left with no device object; undefined when there is none (nothing to do). */
  unloadUnusedDrivers(d: Device, cause: number | undefined): Generator<Yield, void, void> | undefined {
    return unloadDriversWithoutDeviceObjects(this.ctx, this.loaded, d, cause);
  }
}

/** A driver's layer whose unload runs. */
interface UnloadOwner {
  device: Device;
  layer: LayerState;
}

/**
 * Unloads each of the `loaded` drivers left with no device object, in load order, after `d`'s
 * removal; undefined when there is none (nothing to do).
 */
export function unloadDriversWithoutDeviceObjects(ctx: EngineContext, loaded: ReadonlySet<string>, d: Device, cause: number | undefined): Generator<Yield, void, void> | undefined {
  // one pass over the stacks finds the drivers that keep a device object (usually all loaded ones)
  const inUse = driversWithDeviceObjects(ctx.devnodes.deviceList);
  let i = 0;
  for (const driver of loaded) {
    if (!inUse.has(driver) && unloadTarget(ctx.devnodes.deviceList, driver, d)) return unloadFrom(ctx, [...loaded], i, d, cause);
    i++;
  }
  return undefined;
}

function* unloadFrom(ctx: EngineContext, drivers: string[], first: number, d: Device, cause: number | undefined): Generator<Yield, void, void> {
  for (let i = first; i < drivers.length; i++) {
    const owner = unloadTarget(ctx.devnodes.deviceList, drivers[i], d);
    if (!owner) continue;
    yield* runTable(getTable(FRAMEWORKS[owner.layer.framework as 'kmdf' | 'umdf1'].unloadDriver), new LayerHost(ctx, owner.device, owner.layer, cause, false), {});
  }
}

function driversWithDeviceObjects(devices: readonly Device[]): Set<string> {
  const out = new Set<string>();
  for (const dev of devices) {
    for (const l of dev.layers) if (l.deviceObject) out.add(l.driver);
  }
  return out;
}

/** The layer whose driver unload runs, when the driver is loaded for no device object (and not a boot or WDM driver). */
function unloadTarget(devices: readonly Device[], driver: string, d: Device): UnloadOwner | undefined {
  if (BOOT_DRIVERS.has(driver) || hasDeviceObject(devices, driver)) return undefined;
  const owner = unloadOwner(devices, driver, d);
  return owner && owner.layer.framework !== 'wdm' ? owner : undefined;
}

/** Whether some stack has a device object of the driver. */
function hasDeviceObject(devices: readonly Device[], driver: string): boolean {
  for (const dev of devices) {
    for (const l of dev.layers) if (l.driver === driver && l.deviceObject) return true;
  }
  return false;
}

/** The layer whose unload the driver runs: one in `d`'s stack if there is one (the last there), else the first found. */
function unloadOwner(devices: readonly Device[], driver: string, d: Device): UnloadOwner | undefined {
  let owner: UnloadOwner | undefined;
  for (const dev of devices) {
    for (const l of dev.layers) {
      if (l.driver !== driver) continue;
      if (!owner || dev === d) owner = { device: dev, layer: l };
    }
  }
  return owner;
}
