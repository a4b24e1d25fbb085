/** A scenario device at run time: its place on the bus, its devnode, and its driver stack. */
import type { Capabilities, DeviceModel, ModelId } from './bus/catalog';
import type { Behavior, LayerState } from './framework/layerState';
import type { Layer, TraceEvent } from './trace';

export interface DeviceConfig {
  id: string;
  model: ModelId;
  framework: 'kmdf' | 'umdf1';
  filters: { lower: number; upper: number };
  /** The function driver's callbacks. */
  callbacks: Record<string, Behavior>;
  /** Callbacks of the other layers (an extension of the scenario format). */
  layerCallbacks: Partial<Record<Layer, Record<string, Behavior>>>;
  /** Outstanding WdfDeviceSetStaticStopRemove(FALSE) calls in the function driver. */
  staticStopRemove: number;
  capabilities: Capabilities;
  /** Handles applications hold open on the device. */
  openHandles: number;
  /** Scanners: the WIA options (document feeder, sheets loaded, careless minidriver). */
  wia?: { feeder: boolean; pages: number; careless: boolean };
}

/** Devnode states from the figure in kernel/state-transitions-for-pnp-devices.md. */
export type PnpState =
  | 'PhysicallyAbsent' | 'PhysicallyPresent' | 'Enumerated' | 'EnumeratedAndDriversInitialized'
  | 'FdoAndFilterDosAttached' | 'Started' | 'StopPending' | 'Stopped' | 'RemovePending' | 'SurpriseRemoved';

/** Device Manager problem codes the lab can show. */
export type Problem = 'CM_PROB_DISABLED' | 'CM_PROB_FAILED_START' | 'CM_PROB_FAILED_ADD' | 'CM_PROB_HELD_FOR_EJECT' | 'CM_PROB_FAILED_POST_START';

export interface Device {
  id: string;
  config: DeviceConfig;
  model: DeviceModel;
  /** Port it is plugged into (`usb-root-hub:1`, `hub:2`, `pci-bus:1`), or undefined when unplugged. */
  port: string | undefined;
  /** Id of the bus or hub that owns the port. */
  parent: string | undefined;
  state: PnpState;
  problem: Problem | undefined;
  /** Bottom-up: bus (PDO), lower filters, function (FDO), upper filters. */
  layers: LayerState[];
  openHandles: number;
  resourcesRaw: string;
  resourcesTranslated: string;
  /** Rebalances so far (the new resources move). */
  assignments: number;
  /** Its bus driver has reported it missing since it was last plugged in (EvtDeviceReportedMissing runs once). */
  reportedMissing: boolean;
  /** The last `idle` step asked for wake from S0 (IdleCanWakeFromS0); a `wake` without `by` follows it. */
  idleArmsForWake: boolean;
  /** The irp events of the IRP_MN_WAIT_WAKE pending for the device (one per driver), until it completes or is cancelled. */
  waitWake: TraceEvent[] | undefined;
  /** Times the UMDF driver manager restarted the device after a host failure (reset by plug and enable). */
  hostRestarts: number;
}

export function hasStack(d: Device): boolean {
  return d.layers.length > 0 && d.layers[0].deviceObject;
}

export function functionLayer(d: Device): LayerState | undefined {
  return d.layers.find((l) => l.layer === 'function');
}

/** Instance path as Device Manager shows it (also the VetoName of a veto). */
export function instancePath(d: Device): string {
  return `${d.model.hardwareId}\\${d.id}`;
}
