/**
 * PnP IRPs: which way each one travels through a stack. Source: the kernel pages for each IRP
 * (kernel/irp-mn-*.md) and kernel/passing-pnp-irps-down-the-device-stack.md.
 * - down: the top driver acts first, then passes it down; a driver that fails it completes it there.
 * - up: every driver passes it down first and acts on the way back up, the bus driver first.
 * - both: drivers act on the way down and again on the way up (resource requirements filtering).
 */
import type { Invocation } from '../tables/vocabulary';
export type IrpDirection = 'down' | 'up' | 'both';

export const IRP_DIRECTION: Record<string, IrpDirection> = {
  IRP_MN_START_DEVICE: 'up',
  IRP_MN_QUERY_REMOVE_DEVICE: 'down',
  IRP_MN_REMOVE_DEVICE: 'down',
  IRP_MN_CANCEL_REMOVE_DEVICE: 'up',
  IRP_MN_STOP_DEVICE: 'down',
  IRP_MN_QUERY_STOP_DEVICE: 'down',
  IRP_MN_CANCEL_STOP_DEVICE: 'up',
  IRP_MN_SURPRISE_REMOVAL: 'down',
  IRP_MN_QUERY_DEVICE_RELATIONS: 'down',
  IRP_MN_QUERY_ID: 'down',
  IRP_MN_QUERY_CAPABILITIES: 'down',
  IRP_MN_QUERY_DEVICE_TEXT: 'down',
  IRP_MN_QUERY_BUS_INFORMATION: 'down',
  IRP_MN_QUERY_RESOURCES: 'down',
  IRP_MN_QUERY_RESOURCE_REQUIREMENTS: 'down',
  IRP_MN_QUERY_PNP_DEVICE_STATE: 'down',
  IRP_MN_FILTER_RESOURCE_REQUIREMENTS: 'both',
  IRP_MN_WAIT_WAKE: 'down',
};

/**
 * IRP_MN_SET_POWER: a power-down is handled top-down, a power-up bottom-up (bus driver first), as
 * wdf/a-device-enters-a-low-power-state.md and wdf/a-device-returns-to-its-working-state.md describe.
 */
export function irpDirection(irp: string, args: Record<string, string> | undefined): IrpDirection {
  if (irp === 'IRP_MN_SET_POWER') return args?.State === 'PowerDeviceD0' ? 'up' : 'down';
  const d = IRP_DIRECTION[irp];
  if (!d) throw new Error(`no direction for ${irp}`);
  return d;
}

/**
 * Information IRPs sent to a new PDO before its drivers load. The page says their order is not
 * guaranteed; the lab shuffles them with the scenario's seed. Source: kernel/adding-a-pnp-device-to-a-running-system.md.
 */
export const INFORMATION_IRPS: ReadonlyArray<{ name: string; args?: Record<string, string> }> = [
  { name: 'IRP_MN_QUERY_ID', args: { IdType: 'BusQueryDeviceID' } },
  { name: 'IRP_MN_QUERY_ID', args: { IdType: 'BusQueryInstanceID' } },
  { name: 'IRP_MN_QUERY_ID', args: { IdType: 'BusQueryHardwareIDs' } },
  { name: 'IRP_MN_QUERY_ID', args: { IdType: 'BusQueryCompatibleIDs' } },
  { name: 'IRP_MN_QUERY_ID', args: { IdType: 'BusQueryContainerID' } },
  { name: 'IRP_MN_QUERY_CAPABILITIES' },
  { name: 'IRP_MN_QUERY_DEVICE_TEXT', args: { DeviceTextType: 'DeviceTextDescription' } },
  { name: 'IRP_MN_QUERY_DEVICE_TEXT', args: { DeviceTextType: 'DeviceTextLocationInformation' } },
  { name: 'IRP_MN_QUERY_BUS_INFORMATION' },
  { name: 'IRP_MN_QUERY_RESOURCES' },
  { name: 'IRP_MN_QUERY_RESOURCE_REQUIREMENTS' },
];

/**
 * AddDevice order: source kernel/adding-a-pnp-device-to-a-running-system.md step 8. A UMDF 1 device's reflector comes
 * first: "After the kernel-mode stack has been built, the reflector notifies the driver manager to start construction
 * of the user-mode stack" (wdf/detailed-view-of-the-umdf-architecture.md).
 */
export const ADD_DEVICE_ORDER = ['reflector', 'lower-filter', 'function', 'upper-filter'] as const;

/** Virtual time a driver's handling of an IRP costs (a driver that only passes it on costs nothing). */
export const IRP_COST_MS = 1;

/** D0, Dx (a device power state) or Sx (a system power state: no framework callbacks): the pass of an IRP_MN_SET_POWER. */
export function powerKind(state: string | undefined): string {
  if (state === 'PowerDeviceD0') return 'D0';
  return state?.startsWith('PowerSystem') ? 'Sx' : 'Dx';
}

/** The tables a bus driver runs while it reports its children (busRelations.ts; a KMDF bus driver's, a WDM one runs none). */
export const BUS_RELATIONS_TABLES: readonly Invocation[] = [{ table: 'kmdf.createPdo', kind: 'runs' }, { table: 'kmdf.reportedMissing', kind: 'runs' }];
