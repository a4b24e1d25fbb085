/** A PnP operation as the PnP manager carries it out (pnp/manager.ts), and the veto that can end it. */
import type { Device, Problem } from '../device';
import type { LayerState } from '../framework/layerState';
import type { RowRef } from '../inspect';

export interface Veto {
  VetoType: 'PNP_VetoDevice' | 'PNP_VetoOutstandingOpen' | 'PNP_VetoNonDisableable' | 'PNP_VetoWindowsApp' | 'PNP_VetoWindowsService' | 'PNP_VetoDriver';
  /** What the veto type's text string names (sdk-api cfg/ne-cfg-pnp_veto_type.md): a device instance path, a service name, … */
  VetoName: string;
  /** PNP_VetoWindowsService: the lab's id of the notification client whose callback said no (VetoName is the service's name) */
  Client?: string;
  Operation: 'QueryRemove' | 'QueryStop' | 'Disable' | 'HwProfileChange';
  Driver?: string;
  Status?: string;
  /** PNP_VetoNonDisableable: the reasons the device cannot be disabled (the debugger's DisableableDepends). */
  DisableableDepends?: string;
  /** PNP_VetoOutstandingOpen: the lab id of the device whose handle is open (VetoName is its instance path) */
  OpenOn?: string;
  /** PNP_VetoOutstandingOpen: the notification clients holding a handle on it, comma-separated */
  Clients?: string;
  /** PNP_VetoOutstandingOpen: how many handles the applications hold on it (the device's openHandles) */
  AppHandles?: string;
}

/** One PnP operation, possibly spanning several devnodes (a hub and the devices on it). */
export interface PnpRequest {
  cause: number | undefined;
  /** Problem code a kept PDO gets when this operation removes its drivers. */
  problem?: Problem;
  mode?: 'eject' | 'disable';
  /** Devnodes whose drivers this operation removes: their children lose their PDOs. */
  removing: Set<Device>;
  /** Stacks that received IRP_MN_QUERY_REMOVE_DEVICE (they get the cancel). */
  queried: Device[];
  veto?: Veto;
  /** The driver that failed the last IRP of this operation that failed (it reports its device failed). */
  failedBy?: LayerState;
  /** Inspection (engine/inspect.ts): the run and row that queued the request, when one did. */
  queuedBy: RowRef | undefined;
}
