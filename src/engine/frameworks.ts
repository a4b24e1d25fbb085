/** What differs between KMDF and UMDF 1: their tables, callback return types, and what a hung callback does. */
import { KMDF_IRP_TABLES } from './kmdf/tables';
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
