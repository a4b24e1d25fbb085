/**
 * KMDF: what the framework calls in ONE driver of a stack while that driver handles one PnP IRP.
 * The PnP manager's tables (pnp/tables.ts) decide which IRP goes to which layer in which order;
 * these tables decide the callbacks inside one layer. Orders follow the Microsoft pages cited on
 * each table and were checked against the KMDF source (microsoft/Windows-Driver-Frameworks,
 * src/framework/shared/irphandlers/pnp/pnpstatemachine.cpp, powerstatemachine.cpp,
 * selfmanagediostatemachine.cpp); conflicts and choices are in docs/fidelity.md.
 *
 * Rows speak the framework's words (framework/layerHost.ts: LAYER_ACTIONS, LAYER_GUARDS, LAYER_EFFECTS, each with its sentence).
 */
import { END_FAIL, END_OK } from '../tables/table';
import type { LayerTable } from '../framework/layerHost';

const IRP_MAP = 'wdf/wdm-irps-and-kmdf-event-callback-functions.md';
const PLUG_IN = 'wdf/a-user-plugs-in-a-device.md';
const UNPLUG = 'wdf/a-user-unplugs-a-device.md';
const SURPRISE = 'wdf/surprise-removal-sequence.md';
const STOP_REQUESTS = 'wdf/handling-requests-to-stop-a-device.md';
const REBALANCE = 'wdf/the-pnp-manager-redistributes-system-resources.md';
const SELF_MANAGED = 'wdf/using-self-managed-i-o.md';

const RESOURCES = { ResourcesRaw: '$ResourcesRaw', ResourcesTranslated: '$ResourcesTranslated' };

/**
 * The failed path's cleanup (pnpstatemachine.cpp PnpEventFailed → PnpCleanupForRemove): interfaces disabled,
 * power-managed queues purged, EvtDeviceSelfManagedIoFlush. Rows `<prefix>DisableInterfaces…`; the flush row's id is `flushId`.
 * A later IRP_MN_SURPRISE_REMOVAL then finds all of it done and calls only EvtDeviceSurpriseRemoval
 * (PnpEventFailedSurpriseRemoved).
 */
function failedCleanup(flushId: string): LayerTable['rows'] {
  return [
    { id: 'DisableInterfacesAfterFailure', do: 'disableInterfaces', name: 'IoSetDeviceInterfaceState', when: 'interfacesEnabled', next: 'PurgeAfterFailure', note: 'The failed path disables the interfaces (source: PnpCleanupForRemove).' },
    { id: 'PurgeAfterFailure', do: 'callback', name: 'EvtIoStop', args: { Queue: 'power-managed', ActionFlags: 'WdfRequestStopActionPurge' }, when: 'ownsPowerManagedRequest', effect: 'powerManagedRequestDone', next: flushId, cite: IRP_MAP },
    { id: flushId, do: 'callback', name: 'EvtDeviceSelfManagedIoFlush', when: 'selfManagedIoFlushPending', effect: 'selfManagedIoFlushed', next: END_FAIL, cite: SELF_MANAGED },
  ];
}


/**
 * A child's PDO about to enter D0 while its hub is idle in Dx: it takes a power reference on the hub and waits until the
 * hub is back in D0 (the hub's own power-up, pnp/tables.ts power.parentPowerUp). DDI wdfpdo/nf-wdfpdo-wdfpdoinitremovepowerdependencyonparent.md:
 * "the framework requires that a parent bus driver enter the D0 device power state before a child device enters D0";
 * source: powerstatemachine.cpp PowerStartingChild / PowerCheckParentState(ArmedForWake) → pdopower.cpp PowerCheckParentOverload.
 */
const PARENT_TO_D0 = { id: 'ParentToD0', do: 'powerUpParent', name: 'Power reference on the parent (parent to D0 first)', table: 'power.parentPowerUp', when: 'parentInDx', cite: 'wdf/power-up-sequence-for-a-bus-driver.md', note: 'A child enters D0 only after its parent has: the PDO power-references its hub, which, idle in Dx, comes back to D0 first (source: PowerCheckParentOverload \u2192 PowerPolicyCanChildPowerUp). Without that dependency (WdfPdoInitRemovePowerDependencyOnParent) it would not wait; the lab\u2019s hubs keep it.' } as const;

/** Power-down of one driver, shared by stop, remove and surprise removal (TargetState is a parameter). */
export const kmdfPowerDown: LayerTable = {
  id: 'kmdf.powerDown',
  title: 'Leave D0 (one driver)',
  cite: UNPLUG,
  start: 'AlreadyInDx',
  rows: [
    { id: 'AlreadyInDx', do: 'framework', name: 'Already in a low-power state', when: 'notInD0', next: END_OK, skipTo: 'SelfManagedIoSuspend', note: 'A Dx IRP for a device already in Dx (an idle device at shutdown) changes nothing: no callback runs (source: the power machine completes it from its Dx state).' },
    { id: 'SelfManagedIoSuspend', do: 'callback', name: 'EvtDeviceSelfManagedIoSuspend', when: 'selfManagedIoStarted', effect: 'selfManagedIoSuspended', next: 'StopPowerManagedQueues', cite: SELF_MANAGED, note: 'Self-managed I/O is suspended before the queues stop (source: PowerGotoDx calls Suspend first).' },
    { id: 'StopPowerManagedQueues', do: 'callback', name: 'EvtIoStop', args: { Queue: 'power-managed', ActionFlags: 'WdfRequestStopActionSuspend' }, when: 'ownsPowerManagedRequest', effect: 'requestSuspended', next: 'SendWaitWake', note: 'The framework stops power-managed queues; EvtIoStop runs once for each request the driver owns.' },
    { id: 'SendWaitWake', do: 'sendWaitWake', name: 'IRP_MN_WAIT_WAKE', args: { PowerState: 'PowerSystemWorking' }, when: 'armsForWake', next: 'ArmWakeFromS0', cite: 'kernel/irp-mn-wait-wake.md', note: 'The power policy owner, its I/O stopped ("partial Dx"), sends IRP_MN_WAIT_WAKE down its stack while the Dx IRP waits; the bus driver, still in D0, enables wake at the bus and holds it pending (source: PwrPolTimerExpiredWakeCapablePowerDown → ...SendWake → ...WakeArrived; PowerEnablingWakeAtBus). The page\'s figure sends it before the Dx IRP.' },
    { id: 'ArmWakeFromS0', do: 'callback', name: 'EvtDeviceArmWakeFromS0', when: 'armsForWake', effect: 'wakeArmed', next: 'DmaEnablerSelfManagedIoStop', cite: 'wdf/a-device-enters-a-low-power-state.md', note: 'Power policy owner only, once the wait-wake IRP has arrived at the bus driver (source: PwrPolTimerExpiredWakeCapableWakeArrived); never for removal, rebalance or an idle without wake.' },
    { id: 'DmaEnablerSelfManagedIoStop', do: 'callback', name: 'EvtDmaEnablerSelfManagedIoStop', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'DmaEnablerDisable', cite: 'wdf/supporting-power-management-for-dma-devices.md' },
    { id: 'DmaEnablerDisable', do: 'callback', name: 'EvtDmaEnablerDisable', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'DmaEnablerFlush', cite: 'wdf/supporting-power-management-for-dma-devices.md', note: 'Disable before Flush: the DMA page, the figures and the source agree; the scenario page lists Flush first.' },
    { id: 'DmaEnablerFlush', do: 'callback', name: 'EvtDmaEnablerFlush', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'D0ExitPreInterruptsDisabled', cite: 'wdf/supporting-power-management-for-dma-devices.md' },
    { id: 'D0ExitPreInterruptsDisabled', do: 'callback', name: 'EvtDeviceD0ExitPreInterruptsDisabled', args: { TargetState: '$TargetState' }, next: 'InterruptDisable' },
    { id: 'InterruptDisable', do: 'callback', name: 'EvtInterruptDisable', args: { Interrupt: 'WDFINTERRUPT' }, when: 'hasInterrupts', next: 'D0Exit' },
    { id: 'D0Exit', do: 'callback', name: 'EvtDeviceD0Exit', args: { TargetState: '$TargetState' }, effect: 'leaveD0', next: END_OK, cite: 'wdf/a-device-enters-a-low-power-state.md' },
  ],
};

/** Back to D0 from low power (idle): no PrepareHardware; PreviousState is the Dx the device was in. */
export const kmdfPowerUp: LayerTable = {
  id: 'kmdf.powerUp',
  title: 'Return to D0 (one driver)',
  cite: 'wdf/a-device-returns-to-its-working-state.md',
  start: 'ParentToD0',
  rows: [
    { ...PARENT_TO_D0, next: 'DisableWakeAtBus', fail: 'ReleaseHardwareAfterFailure' },
    { id: 'DisableWakeAtBus', do: 'callback', name: 'EvtDeviceDisableWakeAtBus', when: 'wakeArmedAtBus', effect: 'wakeDisarmedAtBus', next: 'D0Entry', cite: 'wdf/power-up-sequence-for-a-bus-driver.md', note: 'Bus driver only, if it had enabled wake at the bus (source: after the parent check, PowerCheckParentStateArmedForWake \u2192 PowerDxDisablingWakeAtBus).' },
    { id: 'D0Entry', do: 'callback', name: 'EvtDeviceD0Entry', args: { PreviousState: '$PreviousState' }, effect: 'enterD0', next: 'InterruptEnable', fail: 'ReleaseHardwareAfterFailure', note: 'Restart from here if the device is in a low-power state: PrepareHardware is not called again.' },
    { id: 'InterruptEnable', do: 'callback', name: 'EvtInterruptEnable', args: { Interrupt: 'WDFINTERRUPT' }, when: 'hasInterrupts', next: 'D0EntryPostInterruptsEnabled' },
    { id: 'D0EntryPostInterruptsEnabled', do: 'callback', name: 'EvtDeviceD0EntryPostInterruptsEnabled', args: { PreviousState: '$PreviousState' }, next: 'DmaEnablerFill' },
    { id: 'DmaEnablerFill', do: 'callback', name: 'EvtDmaEnablerFill', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'DmaEnablerEnable' },
    { id: 'DmaEnablerEnable', do: 'callback', name: 'EvtDmaEnablerEnable', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'DmaEnablerSelfManagedIoStart' },
    { id: 'DmaEnablerSelfManagedIoStart', do: 'callback', name: 'EvtDmaEnablerSelfManagedIoStart', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'ScanForChildren' },
    { id: 'ScanForChildren', do: 'callback', name: 'EvtChildListScanForChildren', args: { ChildList: 'WDFCHILDLIST' }, when: 'hasChildList', next: 'WakeFromS0Triggered', note: 'Right after DMA, in the same step (source: PowerDmaEnableAndScan); the page lists it after EvtDeviceDisarmWakeFromS0.' },
    { id: 'WakeFromS0Triggered', do: 'callback', name: 'EvtDeviceWakeFromS0Triggered', when: 'wokeBySignal', next: 'DisarmWakeFromS0', cite: 'wdf/a-device-returns-to-its-working-state.md', note: 'Power policy owner only, when the device itself signalled wake (not when I/O woke it), once the hardware is back on (source: PowerPolWokeFromS0NotifyDriver). The page does not list it.' },
    { id: 'DisarmWakeFromS0', do: 'callback', name: 'EvtDeviceDisarmWakeFromS0', when: 'wakeArmed', effect: 'wakeDisarmed', next: 'IoResume', note: 'Power policy owner only (source: PowerPolS0WakeDisarm), before the queues restart.' },
    { id: 'IoResume', do: 'callback', name: 'EvtIoResume', args: { Queue: 'power-managed' }, when: 'requestWasSuspended', effect: 'requestResumed', next: 'SelfManagedIoRestart' },
    { id: 'SelfManagedIoRestart', do: 'callback', name: 'EvtDeviceSelfManagedIoRestart', when: 'selfManagedIoStopped', effect: 'selfManagedIoStarted', next: END_OK, cite: SELF_MANAGED },
    // a failed D0Entry on the way back from low power: the power-up failure sends the PnP machine down its failed path
    // (powerstatemachine.cpp PowerSendPowerUpFailureEvent; pnpstatemachine.cpp PnpEventFailedOwnHardware, PnpEventFailed)
    { id: 'ReleaseHardwareAfterFailure', do: 'callback', name: 'EvtDeviceReleaseHardware', args: { ResourcesTranslated: '$ResourcesTranslated' }, when: 'hardwarePrepared', effect: 'hardwareReleased', next: 'DisableInterfacesAfterFailure', note: 'The device failed to power up: the framework releases the hardware now, before any IRP_MN_SURPRISE_REMOVAL.' },
    ...failedCleanup('FlushAfterFailure'),
  ],
};

/**
 * IRP_MN_START_DEVICE failed in a driver below this one. A first start leaves nothing to undo; a restart after a
 * stop goes down the failed path (pnpstatemachine.cpp PnpEventStoppedWaitForStartCompletion on
 * PnpEventStartDeviceFailed → PnpEventFailed): the hardware was released at IRP_MN_STOP_DEVICE, so only the cleanup runs.
 */
export const kmdfStartFailedBelow: LayerTable = {
  id: 'kmdf.startFailedBelow',
  title: 'IRP_MN_START_DEVICE failed below (one driver)',
  cite: 'wdf/reporting-device-failures.md',
  start: 'DisableInterfacesAfterFailure',
  rows: failedCleanup('FlushAfterFailure').map((r) => (r.next === END_FAIL ? { ...r, next: END_OK } : r)),
};

/**
 * IRP_MN_START_DEVICE on its way down, before the driver passes it on (fxpkgfdo.cpp
 * PnpSendStartDeviceDownTheStackOverload): a function or filter driver may take out resources it added, and
 * only when the IRP carries resource lists (a USB device's carry none: kernel/adding-a-pnp-device-to-a-running-system.md).
 */
export const kmdfStartDown: LayerTable = {
  id: 'kmdf.startDown',
  title: 'IRP_MN_START_DEVICE on its way down (one driver)',
  cite: IRP_MAP,
  start: 'RemoveAddedResources',
  rows: [
    { id: 'RemoveAddedResources', do: 'callback', name: 'EvtDeviceRemoveAddedResources', args: RESOURCES, when: 'carriesResourcesToFunctionOrFilter', next: END_OK, fail: END_FAIL, note: 'Top-down, before the IRP goes down to the bus driver, and only when it carries resource lists (source: PnpSendStartDeviceDownTheStackOverload). The page lists it among the start callbacks; the figure draws it with PrepareHardware on the way up. A failure completes the IRP here: the drivers below never see it.' },
  ],
};

/** IRP_MN_START_DEVICE, handled on the way up: first start, restart after a stop, restart after disable. */
export const kmdfStart: LayerTable = {
  id: 'kmdf.start',
  title: 'IRP_MN_START_DEVICE (one driver)',
  cite: PLUG_IN,
  start: 'PrepareHardware',
  rows: [
    { id: 'PrepareHardware', do: 'callback', name: 'EvtDevicePrepareHardware', args: RESOURCES, effect: 'hardwarePrepared', effectOnFail: 'hardwarePrepared', next: 'ParentToD0', fail: 'ReleaseHardwareAfterFailure', cite: 'wdf/power-up-sequence-for-a-function-or-filter-driver.md' },
    { ...PARENT_TO_D0, next: 'D0Entry', fail: 'PowerPolicyFailed' },
    { id: 'D0Entry', do: 'callback', name: 'EvtDeviceD0Entry', args: { PreviousState: '$PreviousState' }, effect: 'enterD0', next: 'InterruptEnable', fail: 'PowerPolicyFailed', note: 'A failed D0Entry never gets a matching D0Exit.' },
    { id: 'InterruptEnable', do: 'callback', name: 'EvtInterruptEnable', args: { Interrupt: 'WDFINTERRUPT' }, when: 'hasInterrupts', next: 'D0EntryPostInterruptsEnabled' },
    { id: 'D0EntryPostInterruptsEnabled', do: 'callback', name: 'EvtDeviceD0EntryPostInterruptsEnabled', args: { PreviousState: '$PreviousState' }, next: 'DmaEnablerFill' },
    { id: 'DmaEnablerFill', do: 'callback', name: 'EvtDmaEnablerFill', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'DmaEnablerEnable', cite: 'wdf/supporting-power-management-for-dma-devices.md' },
    { id: 'DmaEnablerEnable', do: 'callback', name: 'EvtDmaEnablerEnable', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'DmaEnablerSelfManagedIoStart', cite: 'wdf/supporting-power-management-for-dma-devices.md' },
    { id: 'DmaEnablerSelfManagedIoStart', do: 'callback', name: 'EvtDmaEnablerSelfManagedIoStart', args: { DmaEnabler: 'WDFDMAENABLER' }, when: 'hasDma', next: 'ScanForChildren', cite: 'wdf/supporting-power-management-for-dma-devices.md' },
    { id: 'ScanForChildren', do: 'callback', name: 'EvtChildListScanForChildren', args: { ChildList: 'WDFCHILDLIST' }, when: 'hasChildList', next: 'StartPowerManagedQueues' },
    { id: 'StartPowerManagedQueues', do: 'framework', name: 'Start power-managed queues', next: 'IoResume' },
    { id: 'IoResume', do: 'callback', name: 'EvtIoResume', args: { Queue: 'power-managed' }, when: 'requestWasSuspended', effect: 'requestResumed', next: 'SelfManagedIoInit', note: 'Only for a request whose EvtIoStop ran at the last power-down.' },
    { id: 'SelfManagedIoInit', do: 'callback', name: 'EvtDeviceSelfManagedIoInit', when: 'selfManagedIoCreated', effect: 'selfManagedIoStarted', effectOnFail: 'selfManagedIoInitFailed', next: 'EnableInterfaces', skipTo: 'SelfManagedIoRestart', fail: 'PowerDownAfterFailure', cite: SELF_MANAGED, note: 'Once per device object; every later start uses SelfManagedIoRestart.' },
    { id: 'SelfManagedIoRestart', do: 'callback', name: 'EvtDeviceSelfManagedIoRestart', when: 'selfManagedIoStopped', effect: 'selfManagedIoStarted', next: 'EnableInterfaces', cite: SELF_MANAGED },
    { id: 'EnableInterfaces', do: 'enableInterfaces', name: 'IoSetDeviceInterfaceState', when: 'interfacesToEnable', next: 'RequestsArrive', cite: 'kernel/starting-a-device.md', note: 'The driver that owns the interfaces enables them once the device is fully powered up, before it completes the start IRP to the driver above (source: PnpEventEnableInterfaces, "the last possible moment"). A restart after a rebalance finds them still enabled.' },
    { id: 'RequestsArrive', do: 'framework', name: 'Queues deliver requests', effect: 'requestsArrive', next: END_OK, note: 'The function driver now owns one request from each of its queues (so later power-downs show EvtIoStop).' },
    // failure paths (source: PnpEventFailedOwnHardware calls ReleaseHardware inside the failing start IRP)
    { id: 'PowerDownAfterFailure', do: 'table', table: 'kmdf.powerDown', params: { TargetState: 'WdfPowerDeviceD3Final' }, next: 'PowerPolicyFailed', cite: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wdfdevice/nc-wdfdevice-evt_wdf_device_self_managed_io_init', note: 'A failed EvtDeviceSelfManagedIoInit: the DDI says the framework then calls Flush and Cleanup; the source powers the device down and releases the hardware first (PnpEventFailedOwnHardware, PnpEventFailed).' },
    { id: 'PowerPolicyFailed', do: 'failStatus', name: 'STATUS_DEVICE_POWER_FAILURE', next: 'ReleaseHardwareAfterFailure', note: 'The device could not be powered up (a failed D0Entry or SelfManagedIoInit): the framework fails the start IRP with STATUS_DEVICE_POWER_FAILURE, whatever the callback returned (source: pnpstatemachine.cpp PnpEventHardwareAvailablePowerPolicyFailed).' },
    { id: 'ReleaseHardwareAfterFailure', do: 'callback', name: 'EvtDeviceReleaseHardware', args: { ResourcesTranslated: '$ResourcesTranslated' }, effect: 'hardwareReleased', next: 'DisableInterfacesAfterFailure', cite: 'wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md', note: 'The framework calls ReleaseHardware whenever PrepareHardware was called, even if it failed.' },
    ...failedCleanup('FlushAfterFailure'),
  ],
};

/** IRP_MN_QUERY_REMOVE_DEVICE: the static check comes first; only then is the driver asked. */
export const kmdfQueryRemove: LayerTable = {
  id: 'kmdf.queryRemove',
  title: 'IRP_MN_QUERY_REMOVE_DEVICE (one driver)',
  cite: STOP_REQUESTS,
  start: 'StaticStopRemoveCheck',
  rows: [
    { id: 'StaticStopRemoveCheck', do: 'staticStopRemoveCheck', name: 'WdfDeviceSetStaticStopRemove count', next: 'QueryRemove', fail: END_FAIL, cite: 'wdf/handling-requests-to-stop-a-device.md', note: 'An unbalanced WdfDeviceSetStaticStopRemove(FALSE) fails the IRP with STATUS_INVALID_DEVICE_STATE; EvtDeviceQueryRemove is not called.' },
    { id: 'QueryRemove', do: 'callback', name: 'EvtDeviceQueryRemove', next: 'EnsureDeviceAwake', fail: END_FAIL, note: 'Returning an error status vetoes the removal. It may run while the device is idle in Dx.' },
    { id: 'EnsureDeviceAwake', do: 'requestD0', name: 'IRP_MN_SET_POWER', when: 'deviceIdle', next: END_OK, fail: END_FAIL, note: 'An idle device is brought back to D0 after the query callback succeeds, before the IRP goes down (source: PnpEventQueryRemoveEnsureDeviceAwake; no page lists a query among the reasons to return to D0).' },
  ],
};

/** IRP_MN_QUERY_STOP_DEVICE (rebalance): same shape as query-remove. */
export const kmdfQueryStop: LayerTable = {
  id: 'kmdf.queryStop',
  title: 'IRP_MN_QUERY_STOP_DEVICE (one driver)',
  cite: STOP_REQUESTS,
  start: 'StaticStopRemoveCheck',
  rows: [
    { id: 'StaticStopRemoveCheck', do: 'staticStopRemoveCheck', name: 'WdfDeviceSetStaticStopRemove count', next: 'QueryStop', fail: END_FAIL, note: 'An unbalanced WdfDeviceSetStaticStopRemove(FALSE) fails the IRP with STATUS_INVALID_DEVICE_STATE; EvtDeviceQueryStop is not called.' },
    { id: 'QueryStop', do: 'callback', name: 'EvtDeviceQueryStop', next: 'EnsureDeviceAwake', fail: END_FAIL, note: 'Returning an error status keeps the PnP manager from stopping the device.' },
    { id: 'EnsureDeviceAwake', do: 'requestD0', name: 'IRP_MN_SET_POWER', when: 'deviceIdle', next: END_OK, fail: END_FAIL, note: 'Source: PnpEventQueryStopEnsureDeviceAwake (no page lists a query among the reasons to return to D0).' },
  ],
};

/** IRP_MN_WAIT_WAKE reaching one driver: the bus driver, still in D0, enables wake at the bus and holds the IRP pending. */
export const kmdfWaitWake: LayerTable = {
  id: 'kmdf.waitWake',
  title: 'IRP_MN_WAIT_WAKE (one driver)',
  cite: 'kernel/handling-a-wait-wake-irp-in-a-bus-driver--pdo-.md',
  start: 'EnableWakeAtBus',
  rows: [
    { id: 'EnableWakeAtBus', do: 'callback', name: 'EvtDeviceEnableWakeAtBus', args: { PowerState: 'PowerSystemWorking' }, when: 'isPdo', effect: 'wakeArmedAtBus', next: END_OK, cite: IRP_MAP, note: 'The bus driver sets its hardware to enable wake when the IRP arrives, before the Dx IRP reaches it, and holds the IRP pending (source: PowerEnablingWakeAtBus, from D0). Function and filter drivers pass it on.' },
  ],
};

/** IRP_MN_STOP_DEVICE (rebalance): power down to D3Final and release hardware; no flush, no cleanup. */
export const kmdfStop: LayerTable = {
  id: 'kmdf.stop',
  title: 'IRP_MN_STOP_DEVICE (one driver)',
  cite: REBALANCE,
  start: 'PowerDown',
  rows: [
    { id: 'PowerDown', do: 'table', table: 'kmdf.powerDown', params: { TargetState: 'WdfPowerDeviceD3Final' }, when: 'inD0', next: 'ReleaseHardware' },
    { id: 'ReleaseHardware', do: 'callback', name: 'EvtDeviceReleaseHardware', args: { ResourcesTranslated: '$ResourcesTranslated' }, when: 'hardwarePrepared', effect: 'hardwareReleased', next: END_OK, note: 'Stop here if rebalancing resources (figure).' },
  ],
};

/**
 * IRP_MN_REMOVE_DEVICE. One table for every removal: guards skip what already happened
 * (after a surprise removal only the last rows run; after a failed start only the cleanup).
 */
export const kmdfRemove: LayerTable = {
  id: 'kmdf.remove',
  title: 'IRP_MN_REMOVE_DEVICE (one driver)',
  cite: UNPLUG,
  start: 'PowerDown',
  rows: [
    { id: 'PowerDown', do: 'table', table: 'kmdf.powerDown', params: { TargetState: 'WdfPowerDeviceD3Final' }, when: 'inD0', next: 'ReleaseHardware' },
    { id: 'ReleaseHardware', do: 'callback', name: 'EvtDeviceReleaseHardware', args: { ResourcesTranslated: '$ResourcesTranslated' }, when: 'hardwarePrepared', effect: 'hardwareReleased', next: 'DisableInterfaces' },
    { id: 'DisableInterfaces', do: 'disableInterfaces', name: 'IoSetDeviceInterfaceState', when: 'interfacesEnabled', next: 'PurgePowerManagedQueues', cite: 'kernel/removing-a-device-in-a-function-driver.md', note: 'Step 6 of the page; source: PnpEventRemovingDisableInterfaces, after ReleaseHardware.' },
    { id: 'PurgePowerManagedQueues', do: 'callback', name: 'EvtIoStop', args: { Queue: 'power-managed', ActionFlags: 'WdfRequestStopActionPurge' }, when: 'ownsPowerManagedRequest', effect: 'powerManagedRequestDone', next: 'SelfManagedIoFlush', cite: IRP_MAP },
    { id: 'SelfManagedIoFlush', do: 'callback', name: 'EvtDeviceSelfManagedIoFlush', when: 'selfManagedIoFlushPending', effect: 'selfManagedIoFlushed', next: 'KeepPdo', cite: SELF_MANAGED },
    { id: 'KeepPdo', do: 'framework', name: 'PDO kept while the device is present', when: 'pdoKept', next: END_OK, skipTo: 'PurgeNonPowerManagedQueues', cite: 'wdf/power-down-and-removal-sequence-for-a-bus-driver.md', note: 'A bus driver keeps the PDO until the device is physically gone; cleanup waits for that.' },
    { id: 'PurgeNonPowerManagedQueues', do: 'callback', name: 'EvtIoStop', args: { Queue: 'non-power-managed', ActionFlags: 'WdfRequestStopActionPurge' }, when: 'ownsNonPowerManagedRequest', effect: 'nonPowerManagedRequestDone', next: 'SelfManagedIoCleanup', cite: IRP_MAP },
    { id: 'SelfManagedIoCleanup', do: 'callback', name: 'EvtDeviceSelfManagedIoCleanup', when: 'selfManagedIoCleanupPending', effect: 'selfManagedIoCleanedUp', next: 'CleanupCallback', cite: SELF_MANAGED, note: 'Only if SelfManagedIoInit was called (source: FxSelfManagedIoMachine goes Created → Final without callbacks).' },
    { id: 'CleanupCallback', do: 'callback', name: 'EvtCleanupCallback', args: { Object: 'WDFDEVICE' }, next: 'DestroyCallback', cite: 'wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md' },
    { id: 'DestroyCallback', do: 'callback', name: 'EvtDestroyCallback', args: { Object: 'WDFDEVICE' }, when: 'isPdo', effect: 'deviceObjectDeleted', next: END_OK, cite: 'wdf/power-down-and-removal-sequence-for-a-bus-driver.md', note: 'The PDO completes the IRP and deletes its device object here. A function or filter driver first passes the IRP down and deletes its device object when it comes back (kmdf.removeCompletion).' },
  ],
};

/**
 * IRP_MN_REMOVE_DEVICE back from the drivers below: a function or filter driver passes the IRP down, then detaches
 * and deletes its device object (fxpkgfdo.cpp ProcessRemoveDeviceOverload: CallDriver, then DeleteDevice), so its
 * EvtDestroyCallback comes after the PDO got the IRP, bottom-up.
 */
export const kmdfRemoveCompletion: LayerTable = {
  id: 'kmdf.removeCompletion',
  title: 'IRP_MN_REMOVE_DEVICE back from below (one driver)',
  cite: 'wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md',
  start: 'DestroyCallback',
  rows: [
    { id: 'DestroyCallback', do: 'callback', name: 'EvtDestroyCallback', args: { Object: 'WDFDEVICE' }, when: 'isFunctionOrFilter', effect: 'deviceObjectDeleted', next: END_OK, note: 'After the drivers below have handled the IRP (source: ProcessRemoveDeviceOverload deletes the device once IoCallDriver returns); the figure ends the remove sequence with it without saying when.' },
  ],
};

/** IRP_MN_SURPRISE_REMOVAL: the surprise-removal callback first, power-down only if the device was in D0. */
export const kmdfSurpriseRemoval: LayerTable = {
  id: 'kmdf.surpriseRemoval',
  title: 'IRP_MN_SURPRISE_REMOVAL (one driver)',
  cite: SURPRISE,
  start: 'SurpriseRemoval',
  rows: [
    { id: 'SurpriseRemoval', do: 'callback', name: 'EvtDeviceSurpriseRemoval', next: 'CancelWaitWake', note: 'First callback of the sequence; it is not synchronized with the other PnP and power callbacks.' },
    { id: 'CancelWaitWake', do: 'cancelWaitWake', name: 'IoCancelIrp', when: 'waitWakeSentByThisDriver', next: 'DisableWakeAtBus', cite: 'kernel/canceling-a-wait-wake-irp.md', note: 'The power policy owner of an idle device cancels the IRP_MN_WAIT_WAKE it sent; the bus driver completes it with STATUS_CANCELLED (source: the power policy machine leaves its armed state on PwrPolSurpriseRemove).' },
    { id: 'DisableWakeAtBus', do: 'callback', name: 'EvtDeviceDisableWakeAtBus', when: 'wakeArmedAtBus', effect: 'wakeDisarmedAtBus', next: 'PowerDown', cite: 'wdf/power-down-and-removal-sequence-for-a-bus-driver.md', note: 'Bus driver of a device that was armed for wake while idle (source: PowerDxStoppedDisarmWake).' },
    { id: 'PowerDown', do: 'table', table: 'kmdf.powerDown', params: { TargetState: 'WdfPowerDeviceD3Final' }, when: 'inD0', next: 'ReleaseHardware', note: 'Skipped if the device had already left D0 (idle): no second D0Exit.' },
    { id: 'ReleaseHardware', do: 'callback', name: 'EvtDeviceReleaseHardware', args: { ResourcesTranslated: '$ResourcesTranslated' }, when: 'hardwarePrepared', effect: 'hardwareReleased', next: 'DisableInterfaces' },
    { id: 'DisableInterfaces', do: 'disableInterfaces', name: 'IoSetDeviceInterfaceState', when: 'interfacesEnabled', next: 'PurgePowerManagedQueues', cite: 'kernel/handling-an-irp-mn-surprise-removal-request.md' },
    { id: 'PurgePowerManagedQueues', do: 'callback', name: 'EvtIoStop', args: { Queue: 'power-managed', ActionFlags: 'WdfRequestStopActionPurge' }, when: 'ownsPowerManagedRequest', effect: 'powerManagedRequestDone', next: 'SelfManagedIoFlush', cite: IRP_MAP },
    { id: 'SelfManagedIoFlush', do: 'callback', name: 'EvtDeviceSelfManagedIoFlush', when: 'selfManagedIoFlushPending', effect: 'selfManagedIoFlushed', next: END_OK, cite: IRP_MAP, note: 'SelfManagedIoCleanup waits for IRP_MN_REMOVE_DEVICE, which comes only after the last handle closes.' },
  ],
};

/** Loading a driver image (once per driver, not per device). */
export const kmdfLoadDriver: LayerTable = {
  id: 'kmdf.loadDriver',
  title: 'Driver load',
  cite: PLUG_IN,
  start: 'DriverEntry',
  rows: [{ id: 'DriverEntry', do: 'callback', name: 'DriverEntry', when: 'driverNotLoaded', effect: 'driverLoaded', next: END_OK, note: 'Only if the driver is not loaded yet.' }],
};

/** AddDevice for a function or filter driver. */
export const kmdfAddDevice: LayerTable = {
  id: 'kmdf.addDevice',
  title: 'AddDevice (one driver)',
  cite: PLUG_IN,
  start: 'DeviceAdd',
  rows: [{ id: 'DeviceAdd', do: 'callback', name: 'EvtDriverDeviceAdd', args: { DeviceInit: 'PWDFDEVICE_INIT' }, effect: 'deviceObjectCreated', next: END_OK, fail: END_FAIL, note: 'The driver calls WdfDeviceCreate: an FDO for the function driver, a filter DO for a filter.' }],
};

/** The bus driver creates the child's PDO (dynamic enumeration). */
export const kmdfCreatePdo: LayerTable = {
  id: 'kmdf.createPdo',
  title: 'Create the PDO (bus driver)',
  cite: 'wdf/power-up-sequence-for-a-bus-driver.md',
  start: 'CreateDevice',
  rows: [{ id: 'CreateDevice', do: 'callback', name: 'EvtChildListCreateDevice', args: { IdentificationDescription: '$Identification' }, effect: 'deviceObjectCreated', next: END_OK, note: 'Only at enumeration; a disabled-but-present device keeps its PDO.' }],
};

export const kmdfQueryResources: LayerTable = {
  id: 'kmdf.queryResources',
  title: 'IRP_MN_QUERY_RESOURCES (one driver)',
  cite: IRP_MAP,
  start: 'ResourcesQuery',
  rows: [{ id: 'ResourcesQuery', do: 'callback', name: 'EvtDeviceResourcesQuery', args: { Resources: 'WDFCMRESLIST' }, when: 'isPdo', next: END_OK }],
};

export const kmdfQueryResourceRequirements: LayerTable = {
  id: 'kmdf.queryResourceRequirements',
  title: 'IRP_MN_QUERY_RESOURCE_REQUIREMENTS (one driver)',
  cite: IRP_MAP,
  start: 'ResourceRequirementsQuery',
  rows: [{ id: 'ResourceRequirementsQuery', do: 'callback', name: 'EvtDeviceResourceRequirementsQuery', args: { IoResourceRequirementsList: 'WDFIORESREQLIST' }, when: 'isPdo', next: END_OK }],
};

export const kmdfFilterRemoveRequirements: LayerTable = {
  id: 'kmdf.filterRemoveRequirements',
  title: 'IRP_MN_FILTER_RESOURCE_REQUIREMENTS, down (one driver)',
  cite: IRP_MAP,
  start: 'FilterRemove',
  rows: [{ id: 'FilterRemove', do: 'callback', name: 'EvtDeviceFilterRemoveResourceRequirements', args: { IoResourceRequirementsList: 'WDFIORESREQLIST' }, when: 'isFunctionOrFilter', next: END_OK, cite: PLUG_IN }],
};

export const kmdfFilterAddRequirements: LayerTable = {
  id: 'kmdf.filterAddRequirements',
  title: 'IRP_MN_FILTER_RESOURCE_REQUIREMENTS, up (one driver)',
  cite: IRP_MAP,
  start: 'FilterAdd',
  rows: [{ id: 'FilterAdd', do: 'callback', name: 'EvtDeviceFilterAddResourceRequirements', args: { IoResourceRequirementsList: 'WDFIORESREQLIST' }, when: 'isFunctionOrFilter', next: END_OK, cite: PLUG_IN }],
};

export const kmdfQueryRelations: LayerTable = {
  id: 'kmdf.queryRelations',
  title: 'IRP_MN_QUERY_DEVICE_RELATIONS (one driver)',
  cite: IRP_MAP,
  start: 'RelationsQuery',
  rows: [
    { id: 'RelationsQuery', do: 'callback', name: 'EvtDeviceRelationsQuery', args: { RelationType: '$Type' }, next: 'ReportChildren', note: 'Any driver that registered it, the bus driver\u2019s PDO included (source: fxpkgpdo.cpp PnpQueryDeviceRelations \u2192 fxpkgpnp.cpp HandleQueryBusRelations, which calls it before anything else). A PDO seldom registers it (the lab\u2019s bus drivers do not).' },
    { id: 'ReportChildren', do: 'reportChildren', name: 'ProcessBusRelations', when: 'busRelationsToChildList', next: END_OK, cite: 'kernel/adding-a-pnp-device-to-a-running-system.md', note: 'A bus driver creates the PDO of each new child (EvtChildListCreateDevice) and reports the missing ones (EvtDeviceReportedMissing) before it passes the IRP down its own stack (source: HandleQueryBusRelations).' },
  ],
};

/** The bus driver no longer reports a child: its PDO hears of it (fxchildlist.cpp InvokeReportedMissingCallback). */
export const kmdfReportedMissing: LayerTable = {
  id: 'kmdf.reportedMissing',
  title: 'A child reported missing (bus driver)',
  cite: 'wdf/a-user-unplugs-a-device.md',
  start: 'ReportedMissing',
  rows: [{ id: 'ReportedMissing', do: 'callback', name: 'EvtDeviceReportedMissing', next: END_OK, cite: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wdfpdo/nc-wdfpdo-evt_wdf_device_reported_missing', note: 'On the PDO, while its parent handles IRP_MN_QUERY_DEVICE_RELATIONS after WdfChildListUpdateChildDescriptionAsMissing; the removal IRPs follow.' }],
};

export const kmdfUnloadDriver: LayerTable = {
  id: 'kmdf.unloadDriver',
  title: 'Driver unload',
  cite: 'kernel/state-transitions-for-pnp-devices.md',
  start: 'DriverUnload',
  rows: [{ id: 'DriverUnload', do: 'callback', name: 'EvtDriverUnload', effect: 'driverUnloaded', next: END_OK, cite: 'kernel/state-transitions-for-pnp-devices.md', note: 'After the last device object of a driver is deleted, the driver is unloaded.' }],
};

export const KMDF_TABLES: LayerTable[] = [
  kmdfPowerDown, kmdfPowerUp, kmdfWaitWake, kmdfStartDown, kmdfStart, kmdfStartFailedBelow, kmdfQueryRemove, kmdfQueryStop, kmdfStop, kmdfRemove, kmdfRemoveCompletion, kmdfSurpriseRemoval,
  kmdfLoadDriver, kmdfAddDevice, kmdfCreatePdo, kmdfQueryResources, kmdfQueryResourceRequirements,
  kmdfFilterRemoveRequirements, kmdfFilterAddRequirements, kmdfQueryRelations, kmdfReportedMissing, kmdfUnloadDriver,
];

/** Which table a KMDF driver runs for each PnP IRP (absent: the framework handles it with no callback). */
export const KMDF_IRP_TABLES: Record<string, string> = {
  IRP_MN_START_DEVICE: 'kmdf.start',
  'IRP_MN_START_DEVICE:down': 'kmdf.startDown',
  'IRP_MN_REMOVE_DEVICE:completion': 'kmdf.removeCompletion',
  IRP_MN_QUERY_REMOVE_DEVICE: 'kmdf.queryRemove',
  IRP_MN_REMOVE_DEVICE: 'kmdf.remove',
  IRP_MN_SURPRISE_REMOVAL: 'kmdf.surpriseRemoval',
  IRP_MN_QUERY_STOP_DEVICE: 'kmdf.queryStop',
  IRP_MN_STOP_DEVICE: 'kmdf.stop',
  IRP_MN_QUERY_RESOURCES: 'kmdf.queryResources',
  IRP_MN_QUERY_RESOURCE_REQUIREMENTS: 'kmdf.queryResourceRequirements',
  'IRP_MN_FILTER_RESOURCE_REQUIREMENTS:down': 'kmdf.filterRemoveRequirements',
  'IRP_MN_FILTER_RESOURCE_REQUIREMENTS:up': 'kmdf.filterAddRequirements',
  IRP_MN_QUERY_DEVICE_RELATIONS: 'kmdf.queryRelations',
  IRP_MN_WAIT_WAKE: 'kmdf.waitWake',
  'IRP_MN_START_DEVICE:failedBelow': 'kmdf.startFailedBelow',
  'IRP_MN_SET_POWER:D0': 'kmdf.powerUp',
  // fdopower.cpp RaiseDevicePowerCompletion: an FDO or filter DO powers up in its completion routine whatever the IRP's status
  'IRP_MN_SET_POWER:D0:failedBelow': 'kmdf.powerUp',
  'IRP_MN_SET_POWER:Dx': 'kmdf.powerDown',
};
