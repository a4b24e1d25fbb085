/** What differs between KMDF and UMDF 1: their tables, callback return types, and what a hung callback does. */
import { KMDF_IRP_TABLES } from './kmdf/tables';
import { powerKind } from './pnp/irps';
import type { Invocation } from './tables/vocabulary';
import { UMDF1_IRP_TABLES } from './umdf1/tables';

export interface FrameworkSpec {
  /** Table each driver runs for an IRP (`IRP_MN_SET_POWER:D0`/`:Dx`, `IRP_MN_FILTER_RESOURCE_REQUIREMENTS:down`/`:up`). */
  irpTables: Record<string, string>;
  loadDriver: string;
  addDevice: string;
  unloadDriver: string;
  success: string;
  failure: string;
  /** Callbacks declared VOID: their events carry no result. */
  voidCallbacks: ReadonlySet<string>;
}

export const FRAMEWORKS: Record<'kmdf' | 'umdf1', FrameworkSpec> = {
  kmdf: {
    irpTables: KMDF_IRP_TABLES,
    loadDriver: 'kmdf.loadDriver',
    addDevice: 'kmdf.addDevice',
    unloadDriver: 'kmdf.unloadDriver',
    success: 'STATUS_SUCCESS',
    failure: 'STATUS_UNSUCCESSFUL',
    voidCallbacks: new Set([
      'EvtDeviceSurpriseRemoval', 'EvtDeviceSelfManagedIoFlush', 'EvtDeviceSelfManagedIoCleanup', 'EvtIoStop', 'EvtIoResume',
      'EvtCleanupCallback', 'EvtDestroyCallback', 'EvtDriverUnload', 'EvtChildListScanForChildren', 'EvtDeviceRelationsQuery',
      'EvtDeviceDisableWakeAtBus', 'EvtDeviceDisarmWakeFromS0', 'EvtDeviceReportedMissing', 'EvtDeviceWakeFromS0Triggered',
    ]),
  },
  umdf1: {
    irpTables: UMDF1_IRP_TABLES,
    loadDriver: 'umdf1.loadDriver',
    addDevice: 'umdf1.addDevice',
    unloadDriver: 'umdf1.unloadDriver',
    success: 'S_OK',
    failure: 'E_FAIL',
    voidCallbacks: new Set([
      'IPnpCallback::OnSurpriseRemoval', 'IQueueCallbackIoStop::OnIoStop', 'IQueueCallbackIoResume::OnIoResume',
      'IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush', 'IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup',
      'IDriverEntry::OnDeinitialize', 'IPowerPolicyCallbackWakeFromS0::OnDisarmWakeFromS0', 'IPowerPolicyCallbackWakeFromS0::OnWakeFromS0Triggered',
    ]),
  },
};

/**
 * How long the UMDF reflector waits for the driver host before it terminates WUDFHost.exe:
 * "The default timeout interval is 60 seconds" (wdf/how-umdf-enforces-time-outs.md).
 */
export const REFLECTOR_TIMEOUT_MS = 60_000;

/** The UMDF 1 reflector's table for an IRP: it carries the IRP to the driver host, and deletes its device object on a remove. */
export function reflectorTable(irp: string): string {
  return irp === 'IRP_MN_REMOVE_DEVICE' ? 'umdf1.reflectRemove' : 'umdf1.reflect';
}

/**
 * The tables the drivers of a stack run for `irp`, in every framework and for every pass, and the reflector's (what an
 * IRP row invokes: systemGraph). IRP_MN_SET_POWER: `state` (the row's args.State) picks the D0 or Dx tables.
 */
export function irpInvocations(irp: string, state?: string): Invocation[] {
  const name = irp === 'IRP_MN_SET_POWER' ? `${irp}:${powerKind(state)}` : irp;
  const out: Invocation[] = [{ table: reflectorTable(irp), kind: 'irp', irp: name }];
  for (const spec of Object.values(FRAMEWORKS)) {
    for (const [key, table] of Object.entries(spec.irpTables)) if (key === name || key.startsWith(`${name}:`)) out.push({ table, kind: 'irp', irp: key });
  }
  return out;
}

/** Each framework's table for a role every driver of a stack plays (DriverEntry, AddDevice, unload). */
export function roleInvocations(role: 'loadDriver' | 'addDevice' | 'unloadDriver'): Invocation[] {
  return Object.values(FRAMEWORKS).map((spec) => ({ table: spec[role], kind: 'role' as const }));
}
