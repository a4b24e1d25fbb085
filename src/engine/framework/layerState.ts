/**
 * One driver in one device's stack, as its framework (KMDF or UMDF 1) sees it: the state the
 * tables' guards read and their effects change. Names mirror the KMDF source where it has them
 * (FxSelfManagedIoMachine states). UMDF 1 keeps the same state: its callbacks differ, not its model.
 */
import type { Layer } from '../trace';

/** The resource lists of a device that needs none (USB): the start IRP carries none (kernel/adding-a-pnp-device-to-a-running-system.md). */
export const NO_RESOURCES = '(none: the USB host controller owns the hardware resources)';

export type Behavior = 'succeed' | 'fail' | 'absent' | 'hang' | TransitionFailure;
/**
 * Fails on one transition only, succeeds on the others: the first IRP_MN_START_DEVICE this device object
 * handles, a later one (after a stop, or a kept PDO enabled again), or the way back to D0 from idle.
 */
export type TransitionFailure = 'failOnFirstStart' | 'failOnRestart' | 'failOnWake';
export const TRANSITION_FAILURES: readonly TransitionFailure[] = ['failOnFirstStart', 'failOnRestart', 'failOnWake'];
/** Tables that bring a device object back to D0 from idle ('failOnWake'); the start tables are the others' ('failOnFirstStart', 'failOnRestart'). */
const WAKE_TABLES: ReadonlySet<string> = new Set(['kmdf.powerUp', 'umdf1.powerUp']);

/** What a transition failure does in the table being run: fail on its own transition, succeed on the others. */
export function onTransition(behavior: TransitionFailure, l: LayerState, tableId: string): 'fail' | 'succeed' {
  const transition = WAKE_TABLES.has(tableId) ? 'failOnWake' : l.starts === 0 ? 'failOnFirstStart' : 'failOnRestart';
  return transition === behavior ? 'fail' : 'succeed';
}
export type Framework = 'kmdf' | 'umdf1' | 'wdm';
/** FxSelfManagedIoMachine states that matter for which callback runs. */
export type SelfManagedIoState = 'Created' | 'Started' | 'InitFailed' | 'Stopped' | 'Flushed' | 'Final';
export type DevicePowerState = 'D0' | 'D1' | 'D2' | 'D3';

export interface LayerState {
  layer: Layer;
  driver: string;
  framework: Framework;
  /** What each callback does; a name missing here is `succeed` if registered by default, else absent. */
  callbacks: Map<string, Behavior>;
  /** Callbacks this driver registers when the scenario says nothing. */
  registered: ReadonlySet<string> | 'all';
  isPdo: boolean;
  hasInterrupts: boolean;
  hasDma: boolean;
  hasChildList: boolean;
  /** Whether the driver keeps requests from its queues (the function driver does; filters pass them on). */
  ownsRequests: boolean;
  interfaces: readonly string[];
  // runtime
  deviceObject: boolean;
  power: DevicePowerState;
  hardwarePrepared: boolean;
  selfManagedIo: SelfManagedIoState;
  powerManagedRequest: 'none' | 'owned' | 'suspended';
  nonPowerManagedRequest: boolean;
  interfacesEnabled: boolean;
  /** Outstanding WdfDeviceSetStaticStopRemove(FALSE) calls. */
  staticStopCount: number;
  /** The power policy owner armed the device to wake itself from idle (S0). */
  wakeArmed: boolean;
  /** The bus driver enabled wake at the bus for this PDO. */
  wakeArmedAtBus: boolean;
  /** UMDF 1: the reflector terminated the driver host process; no more callbacks reach the driver. */
  hostTerminated: boolean;
  /** UMDF 1: where OnSurpriseRemoval falls in the current surprise removal (picked by the seed). */
  surpriseSlot: number;
  /** IRP_MN_START_DEVICE requests this device object has handled (0 until its first start ends). */
  starts: number;
}

export function behaviorOf(layer: LayerState, callback: string): Behavior {
  const set = layer.callbacks.size === 0 ? undefined : layer.callbacks.get(callback);
  if (set !== undefined) return set;
  if (layer.framework === 'wdm' || layer.hostTerminated) return 'absent';
  return layer.registered === 'all' || layer.registered.has(callback) ? 'succeed' : 'absent';
}

type LayerInit = Pick<LayerState, 'layer' | 'driver' | 'framework' | 'callbacks' | 'registered' | 'isPdo' | 'hasInterrupts' | 'hasDma' | 'hasChildList' | 'ownsRequests' | 'interfaces' | 'staticStopCount'>;

export function newLayer(i: LayerInit): LayerState {
  // Written out field by field (no spread): every layer gets the same object shape.
  return {
    layer: i.layer, driver: i.driver, framework: i.framework, callbacks: i.callbacks, registered: i.registered,
    isPdo: i.isPdo, hasInterrupts: i.hasInterrupts, hasDma: i.hasDma, hasChildList: i.hasChildList,
    ownsRequests: i.ownsRequests, interfaces: i.interfaces, staticStopCount: i.staticStopCount,
    deviceObject: false, power: 'D3', hardwarePrepared: false, selfManagedIo: 'Created', powerManagedRequest: 'none',
    nonPowerManagedRequest: false, interfacesEnabled: false, wakeArmed: false, wakeArmedAtBus: false, hostTerminated: false,
    surpriseSlot: -1, starts: 0,
  };
}

/** A new device object (AddDevice again after a disable) starts its state machines afresh. */
export function resetDeviceObject(l: LayerState): void {
  l.power = 'D3';
  l.hardwarePrepared = false;
  l.selfManagedIo = 'Created';
  l.powerManagedRequest = 'none';
  l.nonPowerManagedRequest = false;
  l.interfacesEnabled = false;
  l.wakeArmed = false;
  l.hostTerminated = false;
  l.starts = 0;
}

/** What needs to know which drivers are loaded (the driver registry). */
export interface LoadedDrivers {
  isDriverLoaded(driver: string): boolean;
}
