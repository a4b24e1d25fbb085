/**
 * One driver in one device's stack, as KMDF sees it: the state its tables' guards read and
 * its effects change. Names mirror the KMDF source where it has them (FxSelfManagedIoMachine states).
 */
import type { Layer } from '../trace';

export type Behavior = 'succeed' | 'fail' | 'absent' | 'hang';
export type Framework = 'kmdf' | 'wdm';
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
}

export function behaviorOf(layer: LayerState, callback: string): Behavior {
  const set = layer.callbacks.get(callback);
  if (set !== undefined) return set;
  if (layer.framework !== 'kmdf') return 'absent';
  return layer.registered === 'all' || layer.registered.has(callback) ? 'succeed' : 'absent';
}

export function newLayer(init: Pick<LayerState, 'layer' | 'driver' | 'framework' | 'callbacks' | 'registered' | 'isPdo' | 'hasInterrupts' | 'hasDma' | 'hasChildList' | 'ownsRequests' | 'interfaces' | 'staticStopCount'>): LayerState {
  return {
    ...init,
    deviceObject: false,
    power: 'D3',
    hardwarePrepared: false,
    selfManagedIo: 'Created',
    powerManagedRequest: 'none',
    nonPowerManagedRequest: false,
    interfacesEnabled: false,
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
}

/** Guards named by the KMDF tables. `loadedDrivers` answers driverNotLoaded. */
export function kmdfGuard(name: string, l: LayerState, isDriverLoaded: (driver: string) => boolean, pdoKept: boolean): boolean {
  switch (name) {
    case 'isPdo': return l.isPdo;
    case 'isFunctionOrFilter': return !l.isPdo;
    case 'hasInterrupts': return l.hasInterrupts;
    case 'hasDma': return l.hasDma;
    case 'hasChildList': return l.hasChildList;
    case 'inD0': return l.power === 'D0';
    case 'hardwarePrepared': return l.hardwarePrepared;
    case 'interfacesEnabled': return l.interfacesEnabled;
    case 'ownsPowerManagedRequest': return l.powerManagedRequest !== 'none';
    case 'ownsNonPowerManagedRequest': return l.nonPowerManagedRequest;
    case 'requestWasSuspended': return l.powerManagedRequest === 'suspended';
    case 'selfManagedIoCreated': return l.selfManagedIo === 'Created';
    case 'selfManagedIoStarted': return l.selfManagedIo === 'Started';
    case 'selfManagedIoStopped': return l.selfManagedIo === 'Stopped' || l.selfManagedIo === 'Flushed';
    case 'selfManagedIoFlushPending': return l.selfManagedIo === 'Stopped' || l.selfManagedIo === 'InitFailed';
    case 'selfManagedIoCleanupPending': return l.selfManagedIo === 'Flushed';
    case 'driverNotLoaded': return !isDriverLoaded(l.driver);
    case 'pdoKept': return l.isPdo && pdoKept;
    default: throw new Error(`unknown KMDF guard ${name}`);
  }
}

/** Effects named by the KMDF tables. */
export function kmdfEffect(name: string, l: LayerState, params: Record<string, string>): void {
  switch (name) {
    case 'hardwarePrepared': l.hardwarePrepared = true; return;
    case 'hardwareReleased': l.hardwarePrepared = false; return;
    case 'enterD0': l.power = 'D0'; return;
    case 'leaveD0': l.power = params.TargetState === 'WdfPowerDeviceD1' ? 'D1' : params.TargetState === 'WdfPowerDeviceD2' ? 'D2' : 'D3'; return;
    case 'selfManagedIoStarted': l.selfManagedIo = 'Started'; return;
    case 'selfManagedIoInitFailed': l.selfManagedIo = 'InitFailed'; return;
    case 'selfManagedIoSuspended': l.selfManagedIo = 'Stopped'; return;
    case 'selfManagedIoFlushed': l.selfManagedIo = 'Flushed'; return;
    case 'selfManagedIoCleanedUp': l.selfManagedIo = 'Final'; return;
    case 'requestSuspended': l.powerManagedRequest = 'suspended'; return;
    case 'requestResumed': l.powerManagedRequest = 'owned'; return;
    case 'powerManagedRequestDone': l.powerManagedRequest = 'none'; return;
    case 'nonPowerManagedRequestDone': l.nonPowerManagedRequest = false; return;
    case 'requestsArrive':
      if (l.ownsRequests) {
        if (l.powerManagedRequest === 'none') l.powerManagedRequest = 'owned';
        l.nonPowerManagedRequest = true;
      }
      return;
    case 'deviceObjectCreated': l.deviceObject = true; resetDeviceObject(l); return;
    case 'deviceObjectDeleted': l.deviceObject = false; return;
    case 'driverLoaded': case 'driverUnloaded': return; // handled by the lab's driver registry
    default: throw new Error(`unknown KMDF effect ${name}`);
  }
}
