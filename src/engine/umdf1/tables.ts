/**
 * UMDF 1: the COM callbacks a user-mode driver gets while its stack handles one PnP or power IRP.
 * Sources: wdf/a-user-plugs-in-a-device-umdf.md, wdf/a-user-unplugs-a-device-umdf.md (seed),
 * wdf/the-pnp-manager-redistributes-system-resources-umdf.md, wdf/a-device-enters-a-low-power-state-umdf.md,
 * wdf/a-device-returns-to-its-working-state-umdf.md and the wudfddi reference pages. The state model
 * (framework/layerState.ts) and the rows' words (framework/layerHost.ts) are shared with KMDF.
 */
import { END_FAIL, END_OK } from '../tables/table';
import type { LayerTable } from '../framework/layerHost';

const PLUG_IN = 'wdf/a-user-plugs-in-a-device-umdf.md';
const UNPLUG = 'wdf/a-user-unplugs-a-device-umdf.md';
const REBALANCE = 'wdf/the-pnp-manager-redistributes-system-resources-umdf.md';
const LOW_POWER = 'wdf/a-device-enters-a-low-power-state-umdf.md';
const WORKING = 'wdf/a-device-returns-to-its-working-state-umdf.md';
/** The reference page (MicrosoftDocs/windows-driver-docs-ddi, wudfddi/…-onselfmanagedioinit.md): a failed Init gets Flush and Cleanup. */
const INIT_DDI = 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wudfddi/nf-wudfddi-ipnpcallbackselfmanagedio-onselfmanagedioinit';

export const umdf1PowerDown: LayerTable = {
  id: 'umdf1.powerDown',
  title: 'Leave D0 (UMDF 1 driver)',
  cite: UNPLUG,
  start: 'AlreadyInDx',
  rows: [
    { id: 'AlreadyInDx', do: 'framework', name: 'Already in a low-power state', when: 'notInD0', next: END_OK, skipTo: 'SelfManagedIoSuspend', note: 'A Dx IRP for a device already in Dx (an idle device at shutdown) changes nothing.' },
    { id: 'SelfManagedIoSuspend', do: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoSuspend', when: 'selfManagedIoStarted', effect: 'selfManagedIoSuspended', next: 'StopPowerManagedQueues' },
    { id: 'StopPowerManagedQueues', do: 'callback', name: 'IQueueCallbackIoStop::OnIoStop', args: { Queue: 'power-managed', ActionFlags: 'WdfRequestStopActionSuspend' }, when: 'ownsPowerManagedRequest', effect: 'requestSuspended', next: 'SendWaitWake', note: 'The low-power page names OnSelfManagedIoStop here; the reference says UMDF never calls it and the figure shows OnIoStop.' },
    { id: 'SendWaitWake', do: 'sendWaitWake', name: 'IRP_MN_WAIT_WAKE', args: { PowerState: 'PowerSystemWorking' }, when: 'armsForWake', next: 'ArmWakeFromS0', cite: 'kernel/irp-mn-wait-wake.md', note: 'Lab choice, as KMDF does (the UMDF 1 pages do not say when the wait-wake IRP goes out): once I/O has stopped, before the driver arms the device.' },
    { id: 'ArmWakeFromS0', do: 'callback', name: 'IPowerPolicyCallbackWakeFromS0::OnArmWakeFromS0', when: 'armsForWake', effect: 'wakeArmed', next: 'D0Exit', cite: LOW_POWER, note: 'Only for transitions to low power with wake armed.' },
    { id: 'D0Exit', do: 'callback', name: 'IPnpCallback::OnD0Exit', args: { newState: '$TargetState' }, effect: 'leaveD0', next: END_OK, note: 'Stop here if transitioning to a low-power state.' },
  ],
};

export const umdf1PowerUp: LayerTable = {
  id: 'umdf1.powerUp',
  title: 'Return to D0 (UMDF 1 driver)',
  cite: WORKING,
  start: 'D0Entry',
  rows: [
    { id: 'D0Entry', do: 'callback', name: 'IPnpCallback::OnD0Entry', args: { previousState: '$PreviousState' }, effect: 'enterD0', next: 'WakeFromS0Triggered', fail: END_FAIL },
    { id: 'WakeFromS0Triggered', do: 'callback', name: 'IPowerPolicyCallbackWakeFromS0::OnWakeFromS0Triggered', when: 'wokeBySignal', next: 'DisarmWakeFromS0', note: 'Lab choice, as KMDF calls EvtDeviceWakeFromS0Triggered (source: PowerPolWokeFromS0NotifyDriver): when the device signalled wake, before the disarm.' },
    { id: 'DisarmWakeFromS0', do: 'callback', name: 'IPowerPolicyCallbackWakeFromS0::OnDisarmWakeFromS0', when: 'wakeArmed', effect: 'wakeDisarmed', next: 'IoResume' },
    { id: 'IoResume', do: 'callback', name: 'IQueueCallbackIoResume::OnIoResume', args: { Queue: 'power-managed' }, when: 'requestWasSuspended', effect: 'requestResumed', next: 'SelfManagedIoRestart' },
    { id: 'SelfManagedIoRestart', do: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoRestart', when: 'selfManagedIoStopped', effect: 'selfManagedIoStarted', next: END_OK },
  ],
};

export const umdf1Start: LayerTable = {
  id: 'umdf1.start',
  title: 'IRP_MN_START_DEVICE (UMDF 1 driver)',
  cite: PLUG_IN,
  start: 'PrepareHardware',
  rows: [
    { id: 'PrepareHardware', do: 'callback', name: 'IPnpCallbackHardware::OnPrepareHardware', effect: 'hardwarePrepared', effectOnFail: 'hardwarePrepared', next: 'D0Entry', fail: 'ReleaseHardwareAfterFailure', note: 'The UMDF counterpart of IRP_MN_START_DEVICE.' },
    { id: 'D0Entry', do: 'callback', name: 'IPnpCallback::OnD0Entry', args: { previousState: '$PreviousState' }, effect: 'enterD0', next: 'IoResume', fail: 'ReleaseHardwareAfterFailure', note: 'If it fails the framework removes the device; OnD0Exit is not called.' },
    { id: 'IoResume', do: 'callback', name: 'IQueueCallbackIoResume::OnIoResume', args: { Queue: 'power-managed' }, when: 'requestWasSuspended', effect: 'requestResumed', next: 'SelfManagedIoInit', note: 'Only if OnIoStop was called at the last power-down.' },
    { id: 'SelfManagedIoInit', do: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoInit', when: 'selfManagedIoCreated', effect: 'selfManagedIoStarted', effectOnFail: 'selfManagedIoInitFailed', next: 'EnableInterfaces', skipTo: 'SelfManagedIoRestart', fail: 'PowerDownAfterInitFailure', cite: INIT_DDI, note: 'If it fails the framework does not start the device: it leaves D0, releases the hardware and flushes here; OnSelfManagedIoCleanup waits for IRP_MN_REMOVE_DEVICE (as KMDF does).' },
    { id: 'SelfManagedIoRestart', do: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoRestart', when: 'selfManagedIoStopped', effect: 'selfManagedIoStarted', next: 'EnableInterfaces' },
    { id: 'EnableInterfaces', do: 'enableInterfaces', name: 'IoSetDeviceInterfaceState', when: 'interfacesToEnable', next: 'RequestsArrive', cite: 'kernel/starting-a-device.md', note: 'Lab choice: as in KMDF (PnpEventEnableInterfaces), before the start IRP is completed to the layer above; the UMDF 1 pages do not say when the framework enables the interfaces its driver created.' },
    { id: 'RequestsArrive', do: 'framework', name: 'Queues deliver requests', effect: 'requestsArrive', next: END_OK },
    { id: 'ReleaseHardwareAfterFailure', do: 'callback', name: 'IPnpCallbackHardware::OnReleaseHardware', effect: 'hardwareReleased', next: END_FAIL, note: 'OnReleaseHardware is called even when OnPrepareHardware failed.' },
    // A failed OnSelfManagedIoInit: the same teardown as KMDF's (pnpstatemachine.cpp PnpEventFailedOwnHardware, PnpEventFailed):
    // leave D0, release the hardware, flush, all inside the failing start IRP. OnSelfManagedIoCleanup runs "after the device is
    // removed" (wudfddi/nf-wudfddi-ipnpcallbackselfmanagedio-onselfmanagediocleanup.md), in umdf1.remove.
    { id: 'PowerDownAfterInitFailure', do: 'table', table: 'umdf1.powerDown', params: { TargetState: 'WdfPowerDeviceD3Final' }, next: 'ReleaseHardwareAfterInitFailure', cite: INIT_DDI },
    { id: 'ReleaseHardwareAfterInitFailure', do: 'callback', name: 'IPnpCallbackHardware::OnReleaseHardware', effect: 'hardwareReleased', next: 'FlushAfterInitFailure' },
    { id: 'FlushAfterInitFailure', do: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush', effect: 'selfManagedIoFlushed', next: END_FAIL, cite: INIT_DDI, note: 'The device is not started: Flush now, Cleanup once IRP_MN_REMOVE_DEVICE arrives.' },
  ],
};

export const umdf1QueryRemove: LayerTable = {
  id: 'umdf1.queryRemove',
  title: 'IRP_MN_QUERY_REMOVE_DEVICE (UMDF 1 driver)',
  cite: UNPLUG,
  start: 'QueryRemove',
  rows: [
    { id: 'QueryRemove', do: 'callback', name: 'IPnpCallback::OnQueryRemove', next: 'EnsureDeviceAwake', fail: END_FAIL, note: 'The only way a UMDF 1 driver can veto an orderly removal.' },
    { id: 'EnsureDeviceAwake', do: 'requestD0', name: 'IRP_MN_SET_POWER', when: 'deviceIdle', next: END_OK, fail: END_FAIL, note: 'Lab choice, as KMDF does (source: PnpEventQueryRemoveEnsureDeviceAwake): an idle device is brought back to D0 after the query callback succeeds. No page lists a query as a reason to return to D0, and the UMDF 1 pages are silent.' },
  ],
};

export const umdf1QueryStop: LayerTable = {
  id: 'umdf1.queryStop',
  title: 'IRP_MN_QUERY_STOP_DEVICE (UMDF 1 driver)',
  cite: REBALANCE,
  start: 'QueryStop',
  rows: [
    { id: 'QueryStop', do: 'callback', name: 'IPnpCallback::OnQueryStop', next: 'EnsureDeviceAwake', fail: END_FAIL, note: 'A failure keeps the device from being stopped (not called by UMDF 1.7 and earlier).' },
    { id: 'EnsureDeviceAwake', do: 'requestD0', name: 'IRP_MN_SET_POWER', when: 'deviceIdle', next: END_OK, fail: END_FAIL, note: 'Lab choice, as KMDF does (source: PnpEventQueryRemoveEnsureDeviceAwake): an idle device is brought back to D0 after the query callback succeeds. No page lists a query as a reason to return to D0, and the UMDF 1 pages are silent.' },
  ],
};

export const umdf1Stop: LayerTable = {
  id: 'umdf1.stop',
  title: 'IRP_MN_STOP_DEVICE (UMDF 1 driver)',
  cite: REBALANCE,
  start: 'PowerDown',
  rows: [
    { id: 'PowerDown', do: 'table', table: 'umdf1.powerDown', params: { TargetState: 'WdfPowerDeviceD3Final' }, when: 'inD0', next: 'ReleaseHardware' },
    { id: 'ReleaseHardware', do: 'callback', name: 'IPnpCallbackHardware::OnReleaseHardware', when: 'hardwarePrepared', effect: 'hardwareReleased', next: END_OK, note: 'Stop here if rebalancing resources.' },
  ],
};

export const umdf1Remove: LayerTable = {
  id: 'umdf1.remove',
  title: 'IRP_MN_REMOVE_DEVICE (UMDF 1 driver)',
  cite: UNPLUG,
  start: 'PowerDown',
  rows: [
    { id: 'PowerDown', do: 'table', table: 'umdf1.powerDown', params: { TargetState: 'WdfPowerDeviceD3Final' }, when: 'inD0', next: 'ReleaseHardware' },
    { id: 'ReleaseHardware', do: 'callback', name: 'IPnpCallbackHardware::OnReleaseHardware', when: 'hardwarePrepared', effect: 'hardwareReleased', next: 'DisableInterfaces', note: 'The UMDF figure says "not called if the target state is WdfPowerDeviceD3Final"; the KMDF figure limits that to system shutdown, which is how the lab reads it.' },
    { id: 'DisableInterfaces', do: 'disableInterfaces', name: 'IoSetDeviceInterfaceState', when: 'interfacesEnabled', next: 'PurgePowerManagedQueues', cite: 'kernel/removing-a-device-in-a-function-driver.md', note: 'Step 6 of the page: "Disable any device interfaces by calling IoSetDeviceInterfaceState".' },
    { id: 'PurgePowerManagedQueues', do: 'callback', name: 'IQueueCallbackIoStop::OnIoStop', args: { Queue: 'power-managed', ActionFlags: 'WdfRequestStopActionPurge' }, when: 'ownsPowerManagedRequest', effect: 'powerManagedRequestDone', next: 'SelfManagedIoFlush' },
    { id: 'SelfManagedIoFlush', do: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush', when: 'selfManagedIoFlushPending', effect: 'selfManagedIoFlushed', next: 'PurgeNonPowerManagedQueues' },
    { id: 'PurgeNonPowerManagedQueues', do: 'callback', name: 'IQueueCallbackIoStop::OnIoStop', args: { Queue: 'non-power-managed', ActionFlags: 'WdfRequestStopActionPurge' }, when: 'ownsNonPowerManagedRequest', effect: 'nonPowerManagedRequestDone', next: 'SelfManagedIoCleanup' },
    { id: 'SelfManagedIoCleanup', do: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup', when: 'selfManagedIoCleanupPending', effect: 'selfManagedIoCleanedUp', next: 'DeviceRemoved' },
    { id: 'DeviceRemoved', do: 'framework', name: 'Device removed', effect: 'deviceObjectDeleted', next: END_OK },
  ],
};

/**
 * IRP_MN_SURPRISE_REMOVAL. OnSurpriseRemoval "is not guaranteed to occur in any particular order with the
 * other callbacks": the lab lets the seed pick one of four places and says which in the event's args.
 */
export const umdf1SurpriseRemoval: LayerTable = {
  id: 'umdf1.surpriseRemoval',
  title: 'IRP_MN_SURPRISE_REMOVAL (UMDF 1 driver)',
  cite: UNPLUG,
  start: 'ChooseOrder',
  rows: [
    { id: 'ChooseOrder', do: 'chooseSurpriseSlot', name: 'Seed picks where OnSurpriseRemoval falls', next: 'SurpriseRemovalFirst' },
    { id: 'SurpriseRemovalFirst', do: 'callback', name: 'IPnpCallback::OnSurpriseRemoval', args: { Order: 'first, before the power-down' }, when: 'surpriseSlot0', next: 'CancelWaitWake' },
    { id: 'CancelWaitWake', do: 'cancelWaitWake', name: 'IoCancelIrp', when: 'waitWakeSentByThisDriver', next: 'PowerDown', cite: 'kernel/canceling-a-wait-wake-irp.md', note: 'The power policy owner of an idle device cancels the wait-wake IRP it sent.' },
    { id: 'PowerDown', do: 'table', table: 'umdf1.powerDown', params: { TargetState: 'WdfPowerDeviceD3Final' }, when: 'inD0', next: 'SurpriseRemovalAfterPowerDown', note: 'Only if the device was in its working state.' },
    { id: 'SurpriseRemovalAfterPowerDown', do: 'callback', name: 'IPnpCallback::OnSurpriseRemoval', args: { Order: 'after the power-down, before OnReleaseHardware' }, when: 'surpriseSlot1', next: 'ReleaseHardware' },
    { id: 'ReleaseHardware', do: 'callback', name: 'IPnpCallbackHardware::OnReleaseHardware', when: 'hardwarePrepared', effect: 'hardwareReleased', next: 'SurpriseRemovalAfterRelease' },
    { id: 'SurpriseRemovalAfterRelease', do: 'callback', name: 'IPnpCallback::OnSurpriseRemoval', args: { Order: 'after OnReleaseHardware' }, when: 'surpriseSlot2', next: 'DisableInterfaces' },
    { id: 'DisableInterfaces', do: 'disableInterfaces', name: 'IoSetDeviceInterfaceState', when: 'interfacesEnabled', next: 'PurgePowerManagedQueues', cite: 'kernel/handling-an-irp-mn-surprise-removal-request.md' },
    { id: 'PurgePowerManagedQueues', do: 'callback', name: 'IQueueCallbackIoStop::OnIoStop', args: { Queue: 'power-managed', ActionFlags: 'WdfRequestStopActionPurge' }, when: 'ownsPowerManagedRequest', effect: 'powerManagedRequestDone', next: 'SelfManagedIoFlush' },
    { id: 'SelfManagedIoFlush', do: 'callback', name: 'IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush', when: 'selfManagedIoFlushPending', effect: 'selfManagedIoFlushed', next: 'SurpriseRemovalLast' },
    { id: 'SurpriseRemovalLast', do: 'callback', name: 'IPnpCallback::OnSurpriseRemoval', args: { Order: 'last, after OnSelfManagedIoFlush' }, when: 'surpriseSlot3', next: END_OK, note: 'OnSelfManagedIoCleanup waits for IRP_MN_REMOVE_DEVICE, as in KMDF.' },
  ],
};

export const umdf1LoadDriver: LayerTable = {
  id: 'umdf1.loadDriver',
  title: 'Driver load (UMDF 1)',
  cite: PLUG_IN,
  start: 'OnInitialize',
  rows: [{ id: 'OnInitialize', do: 'callback', name: 'IDriverEntry::OnInitialize', when: 'driverNotLoaded', effect: 'driverLoaded', next: END_OK }],
};

export const umdf1AddDevice: LayerTable = {
  id: 'umdf1.addDevice',
  title: 'AddDevice (UMDF 1 driver)',
  cite: PLUG_IN,
  start: 'OnDeviceAdd',
  rows: [{ id: 'OnDeviceAdd', do: 'callback', name: 'IDriverEntry::OnDeviceAdd', args: { pWdfDeviceInit: 'IWDFDeviceInitialize' }, effect: 'deviceObjectCreated', next: END_OK, fail: END_FAIL, note: 'The driver calls IWDFDriver::CreateDevice, which registers its callback interfaces.' }],
};

export const umdf1UnloadDriver: LayerTable = {
  id: 'umdf1.unloadDriver',
  title: 'Driver unload (UMDF 1)',
  cite: 'wdf/using-device-pooling-in-umdf-drivers.md',
  start: 'OnDeinitialize',
  rows: [{ id: 'OnDeinitialize', do: 'callback', name: 'IDriverEntry::OnDeinitialize', effect: 'driverUnloaded', next: END_OK, cite: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wudfddi/nf-wudfddi-idriverentry-ondeinitialize', note: 'The framework calls it before it unloads the driver, once the driver has no device left (when it unloads is the lab\u2019s choice: the UMDF remove page is silent).' }],
};

/**
 * The reflector (WUDFRd.sys): the kernel-mode driver of a UMDF 1 stack. IRPs reach it, and it sends them to the driver
 * host process (WUDFHost.exe), where the UMDF drivers' callbacks run; what they forward comes back to it and goes down
 * the kernel stack (wdf/detailed-view-of-the-umdf-architecture.md, figure: up and down device objects in the reflector).
 * Once the reflector has terminated the host, it completes the PnP and power IRPs itself
 * (wdf/how-umdf-handles-driver-failures.md, wdf/determining-why-the-reflector-terminated-the-host-process.md).
 */
const ARCHITECTURE = 'wdf/detailed-view-of-the-umdf-architecture.md';

export const umdf1ReflectorAddDevice: LayerTable = {
  id: 'umdf1.reflectorAddDevice',
  title: 'AddDevice (reflector, WUDFRd.sys)',
  cite: ARCHITECTURE,
  start: 'AddDevice',
  rows: [{ id: 'AddDevice', do: 'framework', name: 'Reflector device object; the driver manager starts WUDFHost.exe', effect: 'deviceObjectCreated', next: END_OK, note: 'After the kernel-mode stack has been built, the reflector notifies the driver manager, which launches the driver host process to build the user-mode stack.' }],
};

export const umdf1Reflect: LayerTable = {
  id: 'umdf1.reflect',
  title: 'A PnP or power IRP reaches the reflector',
  cite: ARCHITECTURE,
  start: 'ToHost',
  rows: [
    { id: 'ToHost', do: 'framework', name: 'Send the IRP to the driver host (WUDFHost.exe)', when: 'hostRunning', next: END_OK, skipTo: 'HostGone', note: 'The reflector turns the IRP into a message to the host, where the UMDF drivers\' callbacks run; on the way down it then passes the IRP on to the kernel drivers below.' },
    { id: 'HostGone', do: 'framework', name: 'Handle the IRP without the host', next: END_OK, cite: 'wdf/how-umdf-handles-driver-failures.md', note: 'The host process was terminated: no UMDF callback runs; the reflector completes what the drivers would have done.' },
  ],
};

export const umdf1ReflectRemove: LayerTable = {
  id: 'umdf1.reflectRemove',
  title: 'IRP_MN_REMOVE_DEVICE reaches the reflector',
  cite: ARCHITECTURE,
  start: 'ToHost',
  rows: [
    { id: 'ToHost', do: 'framework', name: 'Send the IRP to the driver host (WUDFHost.exe)', when: 'hostRunning', next: 'DeleteDevice', skipTo: 'DeleteDevice', note: 'The host tears down the user-mode stack; then the reflector passes the IRP down and deletes its own device object.' },
    { id: 'DeleteDevice', do: 'framework', name: 'Delete the reflector device object', effect: 'deviceObjectDeleted', next: END_OK },
  ],
};

export const UMDF1_TABLES: LayerTable[] = [
  umdf1ReflectorAddDevice, umdf1Reflect, umdf1ReflectRemove,
  umdf1PowerDown, umdf1PowerUp, umdf1Start, umdf1QueryRemove, umdf1QueryStop, umdf1Stop, umdf1Remove, umdf1SurpriseRemoval,
  umdf1LoadDriver, umdf1AddDevice, umdf1UnloadDriver,
];

export const UMDF1_IRP_TABLES: Record<string, string> = {
  IRP_MN_START_DEVICE: 'umdf1.start',
  IRP_MN_QUERY_REMOVE_DEVICE: 'umdf1.queryRemove',
  IRP_MN_REMOVE_DEVICE: 'umdf1.remove',
  IRP_MN_SURPRISE_REMOVAL: 'umdf1.surpriseRemoval',
  IRP_MN_QUERY_STOP_DEVICE: 'umdf1.queryStop',
  IRP_MN_STOP_DEVICE: 'umdf1.stop',
  'IRP_MN_SET_POWER:D0': 'umdf1.powerUp',
  'IRP_MN_SET_POWER:Dx': 'umdf1.powerDown',
};
