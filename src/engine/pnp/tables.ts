/**
 * The PnP manager's side: which IRPs, states and notifications, in which order, for each thing
 * that can happen to a devnode. Each `irp` row sends one IRP through the device's stack; the
 * direction of each IRP (top-down or bottom-up) lives in pnp/irps.ts, and what each driver does
 * with it lives in its framework's tables (kmdf/tables.ts).
 */
import { END_FAIL, END_OK } from '../tables/table';
import type { PnpTable } from './pnpHost';

const ADDING = 'kernel/adding-a-pnp-device-to-a-running-system.md';
const STATES = 'kernel/state-transitions-for-pnp-devices.md';
const QUERY_REMOVE = 'kernel/handling-an-irp-mn-query-remove-device-request.md';
const REMOVE_IRPS = 'kernel/understanding-when-remove-irps-are-issued.md';
const SURPRISE = 'kernel/handling-an-irp-mn-surprise-removal-request.md';
const REBALANCE = 'kernel/stopping-a-device-to-rebalance-resources.md';
const S_IRP_OWNER = 'kernel/handling-a-system-set-power-irp-in-a-device-power-policy-owner.md';

/** A device is plugged in: the bus driver reports it and the PnP manager enumerates it. */
export const pnpArrival: PnpTable = {
  id: 'pnp.arrival',
  title: 'A user plugs in a device',
  cite: ADDING,
  start: 'PhysicallyPresent',
  rows: [
    { id: 'PhysicallyPresent', do: 'state', name: 'PhysicallyPresent', next: 'ReportPresent', cite: STATES },
    { id: 'ReportPresent', do: 'parentCall', name: 'WdfChildListAddOrUpdateChildDescriptionAsPresent', when: 'parentIsKmdf', next: 'FrameworkInvalidatesRelations', skipTo: 'InvalidateBusRelations', cite: 'wdf/a-user-plugs-in-a-device.md', note: 'Dynamic enumeration: the KMDF bus driver adds the child to its child list.' },
    { id: 'FrameworkInvalidatesRelations', do: 'parentCall', name: 'IoInvalidateDeviceRelations', args: { Type: 'BusRelations', Caller: 'WdfChildListAddOrUpdateChildDescriptionAsPresent' }, next: 'QueryBusRelations', cite: ADDING, note: 'A KMDF bus driver does not call it: the framework does, inside WdfChildListAddOrUpdateChildDescriptionAsPresent, once the child list changed outside a scan (source: fxchildlist.cpp FxChildList::Add \u2192 ProcessModificationsLocked).' },
    { id: 'InvalidateBusRelations', do: 'parentCall', name: 'IoInvalidateDeviceRelations', args: { Type: 'BusRelations' }, next: 'QueryBusRelations', cite: ADDING, note: 'A WDM bus driver (pci.sys) calls it itself (the page: the hub\u2019s function driver "notifies the PnP manager by calling IoInvalidateDeviceRelations with a Type of BusRelations").' },
    { id: 'QueryBusRelations', do: 'parentIrp', name: 'IRP_MN_QUERY_DEVICE_RELATIONS', args: { Type: 'BusRelations' }, next: 'Enumerate', note: 'The parent reports its children; the PnP manager finds a new one.' },
    { id: 'Enumerate', do: 'table', table: 'pnp.enumerate', next: END_OK, fail: END_FAIL },
  ],
};

/** From a new child in the parent's bus relations to a started device (also used for children of a starting hub). */
export const pnpEnumerate: PnpTable = {
  id: 'pnp.enumerate',
  title: 'Enumerate and start a new device',
  cite: ADDING,
  start: 'Enumerated',
  rows: [
    { id: 'Enumerated', do: 'state', name: 'Enumerated', next: 'InformationIrps', cite: STATES, note: 'The bus driver created the PDO while it handled IRP_MN_QUERY_DEVICE_RELATIONS (pnp/busRelations.ts); the PnP manager now makes a devnode for it.' },
    { id: 'InformationIrps', do: 'informationIrps', name: 'Information IRPs (order not guaranteed)', next: 'Start', note: 'Sent to the PDO alone; their order is not guaranteed, so the seed picks it.' },
    { id: 'Start', do: 'table', table: 'pnp.start', next: END_OK, fail: END_FAIL },
  ],
};

/** Load drivers, AddDevice, resources, start; shared by arrival and by Device Manager enable. */
export const pnpStart: PnpTable = {
  id: 'pnp.start',
  title: 'Load the drivers and start the device',
  cite: ADDING,
  start: 'LoadDrivers',
  rows: [
    { id: 'LoadDrivers', do: 'forEachAddDeviceLayer', table: 'loadDriver', next: 'DriversInitialized', cite: STATES, note: 'DriverEntry for every driver of the stack that is not loaded yet, all before the first AddDevice: the devnode states of the figure (Enumerated → EnumeratedAndDriversInitialized → FdoAndFilterDosAttached) put every driver\'s load before any AddDevice. The pages differ: kernel/adding-a-pnp-device-to-a-running-system.md describes each driver in turn (a lower filter\'s DriverEntry, then its AddDevice, then the function driver\'s DriverEntry and AddDevice, …). No source decides; the lab follows the states figure.' },
    { id: 'DriversInitialized', do: 'state', name: 'EnumeratedAndDriversInitialized', next: 'AddDevice', cite: STATES },
    { id: 'AddDevice', do: 'forEachAddDeviceLayer', table: 'addDevice', next: 'UnloadSkippedFilters', fail: 'AddDeviceFailed', note: 'AddDevice order: lower filters, then the function driver, then upper filters. A filter whose AddDevice fails is skipped, with no PnP error; only the function driver\'s failure fails the devnode (CM_PROB_FAILED_ADD).' },
    { id: 'UnloadSkippedFilters', do: 'unloadUnusedDrivers', name: 'Unload drivers with no devices', when: 'filterSkipped', next: 'FdoAndFilterDosAttached', cite: 'wdf/reporting-device-failures.md', note: '"If a driver that is installed as a filter fails EvtDriverDeviceAdd, the operating system skips the filter device object and does not indicate a PnP error." A filter driver left with no device object is unloaded (lab choice: at once).' },
    { id: 'FdoAndFilterDosAttached', do: 'state', name: 'FdoAndFilterDosAttached', next: 'FilterResourceRequirements', cite: STATES },
    { id: 'FilterResourceRequirements', do: 'irp', name: 'IRP_MN_FILTER_RESOURCE_REQUIREMENTS', next: 'AssignResources' },
    { id: 'AssignResources', do: 'assignResources', name: 'Assign resources', next: 'StartDevice' },
    { id: 'StartDevice', do: 'irp', name: 'IRP_MN_START_DEVICE', params: { PreviousState: 'WdfPowerDeviceD3Final' }, next: 'Started', fail: 'FailedStartRemove', cite: 'kernel/starting-a-device.md', note: 'The parent bus driver handles the start first, then each driver above it on the way up.' },
    { id: 'Started', do: 'state', name: 'Started', next: 'QueryCapabilities', cite: STATES, note: 'The function driver enabled its device interfaces inside the start IRP, before completing it upward (kmdf.start/EnableInterfaces).' },
    { id: 'QueryCapabilities', do: 'irp', name: 'IRP_MN_QUERY_CAPABILITIES', next: 'QueryPnpDeviceState' },
    { id: 'QueryPnpDeviceState', do: 'irp', name: 'IRP_MN_QUERY_PNP_DEVICE_STATE', next: 'QueryChildren' },
    { id: 'QueryChildren', do: 'irp', name: 'IRP_MN_QUERY_DEVICE_RELATIONS', args: { Type: 'BusRelations' }, next: 'EnumerateChildren' },
    { id: 'EnumerateChildren', do: 'forEachPresentChild', table: 'pnp.enumerate', when: 'hasPresentChildren', next: 'ClientsOpenHandles', cite: ADDING, note: 'A hub that starts reports the devices already on its ports (the page: the PnP manager queries a started bus for its children and configures each one). Port order, inside the hub\u2019s own start operation, is the lab\u2019s choice.' },
    { id: 'ClientsOpenHandles', do: 'clientsOpenHandles', name: 'Clients open handles and register', next: END_OK, cite: 'kernel/registering-for-target-device-change-notification.md', note: 'Target-device clients watching this device open a handle and register on its file object.' },
    { id: 'FailedStartRemove', do: 'irp', name: 'IRP_MN_REMOVE_DEVICE', next: 'FailedStart', cite: 'kernel/starting-a-device.md', note: 'A failed start is followed by IRP_MN_REMOVE_DEVICE, with no query and no surprise removal.' },
    { id: 'FailedStart', do: 'removedState', name: 'EnumeratedAndDriversInitialized', args: { Problem: 'CM_PROB_FAILED_START' }, next: 'UnloadAfterFailedStart', cite: 'kernel/starting-a-device.md' },
    { id: 'UnloadAfterFailedStart', do: 'unloadUnusedDrivers', name: 'Unload drivers with no devices', next: END_FAIL },
    { id: 'AddDeviceFailed', do: 'irp', name: 'IRP_MN_REMOVE_DEVICE', next: 'FailedAdd' },
    { id: 'FailedAdd', do: 'removedState', name: 'EnumeratedAndDriversInitialized', args: { Problem: 'CM_PROB_FAILED_ADD' }, next: 'UnloadAfterFailedAdd' },
    { id: 'UnloadAfterFailedAdd', do: 'unloadUnusedDrivers', name: 'Unload drivers with no devices', next: END_FAIL },
  ],
};

/** Safely Remove Hardware (Mode=eject) or Device Manager disable (Mode=disable). */
export const pnpOrderlyRemoval: PnpTable = {
  id: 'pnp.orderlyRemoval',
  title: 'Orderly removal (Safely Remove Hardware, or disable)',
  cite: QUERY_REMOVE,
  start: 'CheckDisableable',
  rows: [
    { id: 'CheckDisableable', do: 'checkDisableable', name: 'PNP_DEVICE_NOT_DISABLEABLE', when: 'modeIsDisable', next: 'NotifyQueryRemoveUser', fail: 'ReportVeto', cite: SURPRISE, note: 'A device whose stack reported PNP_DEVICE_NOT_DISABLEABLE cannot be disabled, and neither can its parent, its parent\u2019s parent and so on: the PnP manager propagates the flag up the tree ("About PNP_DEVICE_STATE"; also wdf/handling-requests-to-stop-a-device.md). DisableableDepends counts the reasons.' },
    { id: 'NotifyQueryRemoveUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVE', args: { Event: 'QueryRemove', Mode: 'user' }, next: 'NotifyQueryRemoveKernel', fail: 'CancelRemoveSubtree', note: 'User-mode registrants on the device and its descendants first: close the handle, or veto.' },
    { id: 'NotifyQueryRemoveKernel', do: 'notify', name: 'GUID_TARGET_DEVICE_QUERY_REMOVE', args: { Event: 'QueryRemove', Mode: 'kernel' }, next: 'QueryRemoveSubtree', fail: 'CancelRemoveSubtree', cite: 'kernel/handling-a-guid-target-device-query-remove-event.md', note: 'Then kernel-mode registrants, all before any IRP_MN_QUERY_REMOVE_DEVICE.' },
    { id: 'QueryRemoveSubtree', do: 'forEachInSubtree', table: 'pnp.queryRemoveOne', next: 'CheckOpenHandles', fail: 'CancelRemoveSubtree', note: 'Descendants are asked first, then the device itself.' },
    { id: 'CheckOpenHandles', do: 'checkOpenHandles', name: 'Open handles', next: 'RemoveSubtree', fail: 'CancelRemoveSubtree', cite: QUERY_REMOVE, note: 'The PnP manager fails the query if handles are still open after the IRP completes.' },
    { id: 'RemoveSubtree', do: 'forEachInSubtree', table: 'pnp.removeOne', next: 'UnloadDrivers', cite: 'kernel/handling-an-irp-mn-remove-device-request.md', note: 'Children are removed before their parent (the page: the PnP manager "sends IRP_MN_REMOVE_DEVICE requests to the device\u2019s children, if any" before the device\u2019s own).' },
    { id: 'UnloadDrivers', do: 'unloadUnusedDrivers', name: 'Unload drivers with no devices', next: END_OK },
    { id: 'CancelRemoveSubtree', do: 'forEachQueried', table: 'pnp.cancelRemoveOne', next: 'NotifyRemoveCancelledKernel', cite: 'kernel/handling-an-irp-mn-cancel-remove-device-request.md', note: 'Every stack that saw the query gets IRP_MN_CANCEL_REMOVE_DEVICE, bus driver first (none if a client vetoed before any IRP).' },
    { id: 'NotifyRemoveCancelledKernel', do: 'notify', name: 'GUID_TARGET_DEVICE_REMOVE_CANCELLED', args: { Event: 'RemoveCancelled', Mode: 'kernel' }, next: 'NotifyRemoveCancelledUser', cite: 'kernel/handling-a-guid-target-device-remove-cancelled-event.md', note: 'After the cancel IRPs complete, to every registrant that was told of the query. Kernel clients unregister, reopen and register again.' },
    { id: 'NotifyRemoveCancelledUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED', args: { Event: 'RemoveCancelled', Mode: 'user' }, next: 'ReportVeto', note: 'User-mode clients reopen their handle; their registration stays valid.' },
    { id: 'ReportVeto', do: 'reportVeto', name: 'PNP_VETO_TYPE', next: END_FAIL },
  ],
};

export const pnpQueryRemoveOne: PnpTable = {
  id: 'pnp.queryRemoveOne',
  title: 'Query-remove one device',
  cite: QUERY_REMOVE,
  start: 'QueryRemove',
  rows: [
    { id: 'QueryRemove', do: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', when: 'hasStack', next: 'RemovePending', fail: END_FAIL, note: 'Top driver first, then down; a driver that fails it completes the IRP and does not pass it on.' },
    { id: 'RemovePending', do: 'state', name: 'RemovePending', when: 'hasStack', next: END_OK, cite: STATES },
  ],
};

export const pnpCancelRemoveOne: PnpTable = {
  id: 'pnp.cancelRemoveOne',
  title: 'Cancel the removal of one device',
  cite: 'kernel/handling-an-irp-mn-cancel-remove-device-request.md',
  start: 'CancelRemove',
  rows: [
    { id: 'CancelRemove', do: 'irp', name: 'IRP_MN_CANCEL_REMOVE_DEVICE', next: 'Restored', note: 'Bus driver first, then up; drivers below the one that failed get a spurious cancel and succeed it. KMDF has no callback for it.' },
    { id: 'Restored', do: 'restoreState', name: 'Started', next: END_OK, cite: STATES },
  ],
};

export const pnpRemoveOne: PnpTable = {
  id: 'pnp.removeOne',
  title: 'Remove one device',
  cite: REMOVE_IRPS,
  removal: true,
  start: 'NotifyRemoveCompleteKernel',
  rows: [
    { id: 'NotifyRemoveCompleteKernel', do: 'notify', name: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE', args: { Event: 'RemoveComplete', Mode: 'kernel' }, next: 'NotifyRemoveCompleteUser', cite: 'kernel/handling-a-guid-target-device-remove-complete-event.md', note: 'Before the PnP manager sends IRP_MN_REMOVE_DEVICE; clients unregister.' },
    { id: 'NotifyRemoveCompleteUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEREMOVECOMPLETE', args: { Event: 'RemoveComplete', Mode: 'user' }, next: 'Remove' },
    { id: 'Remove', do: 'irp', name: 'IRP_MN_REMOVE_DEVICE', when: 'hasStack', next: 'Removed', cite: 'kernel/handling-an-irp-mn-remove-device-request.md', note: 'Top driver first; each driver powers down inside the remove, and the bus driver is last.' },
    { id: 'Removed', do: 'removedState', name: 'PhysicallyAbsent', next: END_OK, cite: STATES, note: 'If the device is still present its PDO stays: disabled, held for eject, or failed.' },
  ],
};

/** The cable is pulled (or the driver reported failure): surprise removal, then remove once handles close. */
export const pnpSurpriseRemoval: PnpTable = {
  id: 'pnp.surpriseRemoval',
  title: 'A user unplugs a device without warning',
  cite: SURPRISE,
  start: 'ReportMissing',
  rows: [
    { id: 'ReportMissing', do: 'parentCall', name: 'WdfChildListUpdateChildDescriptionAsMissing', when: 'parentIsKmdf', next: 'FrameworkInvalidatesRelations', skipTo: 'InvalidateBusRelations', cite: 'wdf/a-user-unplugs-a-device.md' },
    { id: 'FrameworkInvalidatesRelations', do: 'parentCall', name: 'IoInvalidateDeviceRelations', args: { Type: 'BusRelations', Caller: 'WdfChildListUpdateChildDescriptionAsMissing' }, next: 'QueryBusRelations', note: 'Made by the framework inside WdfChildListUpdateChildDescriptionAsMissing, not by the bus driver (source: fxchildlist.cpp FxChildList::UpdateAsMissing \u2192 ProcessModificationsLocked).' },
    { id: 'InvalidateBusRelations', do: 'parentCall', name: 'IoInvalidateDeviceRelations', args: { Type: 'BusRelations' }, next: 'QueryBusRelations', note: 'A WDM bus driver (pci.sys) calls it itself.' },
    { id: 'QueryBusRelations', do: 'parentIrp', name: 'IRP_MN_QUERY_DEVICE_RELATIONS', args: { Type: 'BusRelations' }, next: 'SurpriseRemoveSubtree', note: 'The child is missing from the list: removal processing starts.' },
    { id: 'SurpriseRemoveSubtree', do: 'table', table: 'pnp.surpriseRemoveSubtree', next: END_OK, note: 'The device and every device below it, children before their parent (lab choice for the surprise IRP, as the remove page orders IRP_MN_REMOVE_DEVICE; the surprise-removal pages give no order).' },
  ],
};

/** The function driver reports failure (IoInvalidateDeviceState): the surprise-removal path with the device present. */
export const pnpReportedFailure: PnpTable = {
  id: 'pnp.reportedFailure',
  title: 'A driver reports that its device failed',
  cite: 'wdf/surprise-removal-sequence.md',
  start: 'InvalidateDeviceState',
  rows: [
    { id: 'InvalidateDeviceState', do: 'functionCall', name: 'IoInvalidateDeviceState', args: { Caller: 'WdfDeviceSetFailed(WdfDeviceFailedNoRestart)' }, next: 'QueryPnpDeviceState', cite: SURPRISE },
    { id: 'QueryPnpDeviceState', do: 'irp', name: 'IRP_MN_QUERY_PNP_DEVICE_STATE', args: { PnpDeviceState: 'PNP_DEVICE_FAILED' }, next: 'SurpriseRemoveSubtree', cite: SURPRISE, note: 'PNP_DEVICE_FAILED sends the device down the surprise-removal path even though it is present.' },
    { id: 'SurpriseRemoveSubtree', do: 'table', table: 'pnp.surpriseRemoveSubtree', next: END_OK },
  ],
};

/**
 * Surprise removal of a devnode and the devnodes below it: every driver of the subtree gets the IRP first, children
 * before parents, and only then are registered clients told, device by device. The page says the PnP manager "sends
 * this IRP to drivers before notifying user-mode applications and other kernel-mode components"; the lab reads that
 * for the whole operation, as it already sends every query-remove of a subtree before any remove.
 */
export const pnpSurpriseRemoveSubtree: PnpTable = {
  id: 'pnp.surpriseRemoveSubtree',
  title: 'Surprise-remove a device and the devices below it',
  cite: SURPRISE,
  start: 'SurpriseRemoveEach',
  rows: [
    { id: 'SurpriseRemoveEach', do: 'forEachInSubtree', table: 'pnp.surpriseRemoveOne', next: 'NotifyEach', note: 'Every stack of the subtree gets IRP_MN_SURPRISE_REMOVAL before anyone is notified; children before their parent is the lab\u2019s choice (only IRP_MN_REMOVE_DEVICE is documented children first, kernel/handling-an-irp-mn-remove-device-request.md).' },
    { id: 'NotifyEach', do: 'forEachInSubtree', table: 'pnp.notifySurpriseRemoved', next: END_OK, cite: SURPRISE, note: 'The PnP manager sends the IRP to drivers before notifying applications and other kernel-mode components; then each device\u2019s registrants are told, children first.' },
  ],
};

export const pnpSurpriseRemoveOne: PnpTable = {
  id: 'pnp.surpriseRemoveOne',
  title: 'Surprise-remove one device',
  cite: SURPRISE,
  removal: true,
  start: 'SurpriseRemoval',
  rows: [
    { id: 'SurpriseRemoval', do: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', when: 'hasDriverStack', next: 'SurpriseRemoved', skipTo: 'SurpriseRemovalKeptPdo', note: 'Sent before any notification; it cannot be failed or vetoed, not even by WdfDeviceSetStaticStopRemove.' },
    { id: 'SurpriseRemovalKeptPdo', do: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', when: 'isKeptPdo', next: 'SurpriseRemoved', skipTo: END_OK, cite: 'kernel/irp-mn-surprise-removal.md', note: 'Only the bus driver\u2019s PDO is left (the device was disabled, safely removed or failed). The pages differ here: kernel/removing-a-device-in-a-bus-driver.md says only that the PnP manager sends another IRP_MN_REMOVE_DEVICE when the device is unplugged; kernel/irp-mn-surprise-removal.md says the device can be in any PnP state when this IRP comes. The lab follows the KMDF source, which handles exactly this case (pnpstatemachine.cpp: RemovedPdoWait \u2192 RemovedPdoSurpriseRemoved calls EvtDeviceSurpriseRemoval): the surprise IRP, then the remove.' },
    { id: 'SurpriseRemoved', do: 'state', name: 'SurpriseRemoved', next: END_OK, cite: STATES },
  ],
};

/** After every IRP_MN_SURPRISE_REMOVAL of the operation: one device's registrants, then the wait for its last handle. */
export const pnpNotifySurpriseRemoved: PnpTable = {
  id: 'pnp.notifySurpriseRemoved',
  title: 'Tell the clients of a surprise-removed device',
  cite: SURPRISE,
  start: 'NotifyRemoveCompleteKernel',
  rows: [
    { id: 'NotifyRemoveCompleteKernel', do: 'notify', name: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE', args: { Event: 'SurpriseRemoveComplete', Mode: 'kernel' }, next: 'NotifyRemovePendingUser', cite: 'kernel/handling-a-guid-target-device-remove-complete-event.md', note: 'After the IRP, with no query first: clients close their handles and unregister.' },
    { id: 'NotifyRemovePendingUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING', args: { Event: 'SurpriseRemoveComplete', Mode: 'user' }, next: 'DeferRemove', cite: 'install/registering-for-notification-of-device-interface-arrival-and-device-removal.md', note: 'User mode hears of a surprise removal as remove-pending (wdf/how-umdf-handles-driver-failures.md calls it DBT_REMOVEDEVICEPENDING, the WM_DEVICECHANGE name); the client unregisters from a deferred routine and closes its handle.' },
    { id: 'DeferRemove', do: 'deferRemove', name: 'Wait for the last handle to close', table: 'pnp.removeAfterSurprise', next: END_OK, note: 'IRP_MN_REMOVE_DEVICE is sent only once every handle is closed and every child is removed; a leaked handle means it is never sent.' },
  ],
};

export const pnpRemoveAfterSurprise: PnpTable = {
  id: 'pnp.removeAfterSurprise',
  title: 'Remove a surprise-removed device',
  cite: SURPRISE,
  start: 'Remove',
  rows: [
    { id: 'Remove', do: 'irp', name: 'IRP_MN_REMOVE_DEVICE', when: 'hasStack', next: 'Removed', note: 'For a PDO kept after a disable or Safely Remove this is the "another IRP_MN_REMOVE_DEVICE" of kernel/removing-a-device-in-a-bus-driver.md: the device is gone, so the bus driver deletes the PDO.' },
    { id: 'Removed', do: 'removedState', name: 'PhysicallyAbsent', next: 'UnloadDrivers', cite: STATES },
    { id: 'UnloadDrivers', do: 'unloadUnusedDrivers', name: 'Unload drivers with no devices', next: END_OK },
  ],
};

/** Resource rebalance: query-stop, stop, start with new resources (or cancel-stop after a veto). */
export const pnpRebalance: PnpTable = {
  id: 'pnp.rebalance',
  title: 'The PnP manager redistributes resources',
  cite: REBALANCE,
  start: 'QueryStop',
  rows: [
    { id: 'QueryStop', do: 'irp', name: 'IRP_MN_QUERY_STOP_DEVICE', next: 'StopPending', fail: 'CancelStop', cite: 'wdf/the-pnp-manager-redistributes-system-resources.md' },
    { id: 'StopPending', do: 'state', name: 'StopPending', next: 'Stop', cite: STATES },
    { id: 'Stop', do: 'irp', name: 'IRP_MN_STOP_DEVICE', next: 'Stopped', note: 'Used only to rebalance, never as a step towards removal.' },
    { id: 'Stopped', do: 'state', name: 'Stopped', next: 'AssignNewResources', cite: STATES },
    { id: 'AssignNewResources', do: 'assignResources', name: 'Assign new resources', args: { New: 'true' }, next: 'Restart' },
    { id: 'Restart', do: 'irp', name: 'IRP_MN_START_DEVICE', params: { PreviousState: 'WdfPowerDeviceD3Final' }, next: 'Started', fail: 'RestartFailed', note: 'PrepareHardware gets the new resources; SelfManagedIoRestart, not Init.' },
    { id: 'Started', do: 'state', name: 'Started', next: END_OK, cite: STATES },
    { id: 'CancelStop', do: 'irp', name: 'IRP_MN_CANCEL_STOP_DEVICE', next: 'ReportVeto', cite: 'kernel/handling-an-irp-mn-cancel-stop-device-request--windows-2000-and-later-.md', note: 'Bus driver first, then up; KMDF has no callback for it.' },
    { id: 'ReportVeto', do: 'reportVeto', name: 'PNP_VETO_TYPE', next: END_FAIL, note: 'A failed query-stop leaves the device working; rebalance goes on without it.' },
    { id: 'RestartFailed', do: 'table', table: 'pnp.surpriseRemoveSubtree', next: END_FAIL, note: 'If the restart fails the device goes down the surprise-removal path.' },
  ],
};

/** Device Manager enable: a disabled device's PDO is still there; drivers load and start again. */
export const pnpEnable: PnpTable = {
  id: 'pnp.enable',
  title: 'Device Manager enables a device',
  cite: 'wdf/power-up-sequence-for-a-bus-driver.md',
  start: 'Start',
  rows: [{ id: 'Start', do: 'table', table: 'pnp.start', next: END_OK, fail: END_FAIL, note: 'The PDO restarts at EvtDevicePrepareHardware; function and filter drivers get a new AddDevice.' }],
};

/** An interface was enabled or disabled: the PnP manager tells registrants of that interface class. */
export const pnpInterfaceChange: PnpTable = {
  id: 'pnp.interfaceChange',
  title: 'Device interface arrival or removal',
  cite: 'kernel/using-pnp-device-interface-change-notification.md',
  start: 'NotifyKernel',
  rows: [
    { id: 'NotifyKernel', do: 'notify', name: 'GUID_DEVICE_INTERFACE_ARRIVAL / _REMOVAL', args: { Event: '$Event', Mode: 'kernel' }, next: 'NotifyUser', note: 'Queued when the driver enables or disables the interface, delivered once the current PnP operation is done.' },
    { id: 'NotifyUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEINTERFACEARRIVAL / _REMOVAL', args: { Event: '$Event', Mode: 'user' }, next: END_OK },
  ],
};

/** A driver raised a custom event (IoReportTargetDeviceChange[Asynchronous]). */
export const pnpCustomEvent: PnpTable = {
  id: 'pnp.customEvent',
  title: 'A driver reports a custom event',
  cite: 'kernel/using-pnp-custom-notification.md',
  start: 'NotifyUser',
  rows: [
    { id: 'NotifyUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICECUSTOMEVENT', args: { Event: 'Custom', Mode: 'user' }, next: 'NotifyKernel', note: 'User-mode callbacks first, then kernel-mode callbacks.' },
    { id: 'NotifyKernel', do: 'notify', name: '(custom GUID)', args: { Event: 'Custom', Mode: 'kernel' }, next: 'CompletionCallback' },
    { id: 'CompletionCallback', do: 'customEventComplete', name: 'PDEVICE_CHANGE_COMPLETE_CALLBACK', when: 'asyncCallerPresent', next: END_OK, cite: 'kernel/using-pnp-custom-notification.md', note: 'The asynchronous form calls its caller back once every registrant has been told (not a driver whose device was removed meanwhile).' },
  ],
};

/** Dock or undock: a hardware profile change. */
export const pnpHwProfileChange: PnpTable = {
  id: 'pnp.hwProfileChange',
  title: 'The hardware profile changes (dock, undock)',
  cite: 'kernel/handling-hardware-profile-change-events.md',
  start: 'QueryUser',
  rows: [
    { id: 'QueryUser', do: 'notify', name: 'DBT_QUERYCHANGECONFIG', args: { Event: 'HwProfileQuery', Mode: 'user' }, next: 'QueryKernel', fail: 'CancelKernel', note: 'The query goes to user mode first, then to kernel mode. User mode hears it as a WM_DEVICECHANGE broadcast to every top-level window; any window may answer BROADCAST_QUERY_DENY.' },
    { id: 'QueryKernel', do: 'notify', name: 'GUID_HWPROFILE_QUERY_CHANGE', args: { Event: 'HwProfileQuery', Mode: 'kernel' }, next: 'ChangeProfile', fail: 'CancelKernel' },
    { id: 'ChangeProfile', do: 'changeProfile', name: 'Change the hardware profile', next: 'CompleteKernel' },
    { id: 'CompleteKernel', do: 'notify', name: 'GUID_HWPROFILE_CHANGE_COMPLETE', args: { Event: 'HwProfileComplete', Mode: 'kernel' }, next: 'CompleteUser', note: 'Completion goes to kernel mode first, then to user mode.' },
    { id: 'CompleteUser', do: 'notify', name: 'DBT_CONFIGCHANGED', args: { Event: 'HwProfileComplete', Mode: 'user' }, next: END_OK },
    { id: 'CancelKernel', do: 'notify', name: 'GUID_HWPROFILE_CHANGE_CANCELLED', args: { Event: 'HwProfileCancelled', Mode: 'kernel' }, next: 'CancelUser', note: 'After a veto, on either side: every registered kernel callback, asked or not (the page says the PnP manager calls the registered callback routines), then every top-level window (DBT_CONFIGCHANGECANCELED is broadcast).' },
    { id: 'CancelUser', do: 'notify', name: 'DBT_CONFIGCHANGECANCELED', args: { Event: 'HwProfileCancelled', Mode: 'user' }, next: 'ReportVeto' },
    { id: 'ReportVeto', do: 'reportVeto', name: 'PNP_VETO_TYPE', next: END_FAIL },
  ],
};

/** UMDF: the reflector terminated the driver host; the device goes down the surprise-removal path. */
export const pnpUmdfHostFailure: PnpTable = {
  id: 'pnp.umdfHostFailure',
  title: 'The UMDF driver host process failed',
  cite: 'wdf/how-umdf-handles-driver-failures.md',
  start: 'HostProblemUser',
  rows: [
    { id: 'HostProblemUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICECUSTOMEVENT', args: { Event: 'Custom', Mode: 'user' }, next: 'HostProblemKernel', note: 'The reflector sends the GUID_WUDF_DEVICE_HOST_PROBLEM custom event.' },
    { id: 'HostProblemKernel', do: 'notify', name: 'GUID_WUDF_DEVICE_HOST_PROBLEM', args: { Event: 'Custom', Mode: 'kernel' }, next: 'SurpriseRemoveSubtree' },
    { id: 'SurpriseRemoveSubtree', do: 'table', table: 'pnp.surpriseRemoveSubtree', when: 'isStarted', next: 'RestartDevice', skipTo: 'RestartDevice', note: 'Applications see a surprise removal; the stack is torn down once every handle closes.' },
    { id: 'RestartDevice', do: 'restartUmdfDevice', name: 'The driver manager restarts the device', when: 'hostRestartLeft', next: END_OK, cite: 'wdf/how-umdf-enforces-time-outs.md', note: 'The reflector "terminates the host process, and attempts to restart the device", once the old stack is torn down: "the operating system will not tear down and restart the device stack until all handles to the old stack have closed" (wdf/how-umdf-handles-driver-failures.md). The pages leave the number of attempts to a registry value; the lab restarts once, then leaves the device failed (the "disables the device" branch). Disable and enable, or unplug and plug, reset the count.' },
  ],
};

/** The UMDF driver manager restarts a device whose host failed: a new host process, the drivers loaded and started again. */
export const pnpUmdfRestart: PnpTable = {
  id: 'pnp.umdfRestart',
  title: 'The driver manager restarts the device (UMDF)',
  cite: 'wdf/how-umdf-enforces-time-outs.md',
  start: 'NewHost',
  rows: [
    { id: 'NewHost', do: 'newHost', name: 'A new WUDFHost.exe', next: 'Start', cite: 'wdf/how-umdf-handles-driver-failures.md', note: '"The driver manager either restarts or disables the device": it starts a new driver host process for the device\'s UMDF drivers.' },
    { id: 'Start', do: 'table', table: 'pnp.start', next: END_OK, fail: END_FAIL, note: 'IDriverEntry::OnInitialize, OnDeviceAdd and the start IRP again, on the PDO the bus driver kept.' },
  ],
};

/** The power policy owner idles the device out: arm for wake, then Dx (no ReleaseHardware). */
export const powerIdle: PnpTable = {
  id: 'power.idle',
  title: 'A device enters a low-power state (idle)',
  cite: 'wdf/a-device-enters-a-low-power-state.md',
  start: 'SetPowerDx',
  rows: [
    { id: 'SetPowerDx', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerDeviceD3' }, params: { TargetState: 'WdfPowerDeviceD3', ArmForWake: '$ArmForWake' }, next: END_OK, note: 'The power policy owner asks for D3 (its idle timer expired). Highest driver first; each driver stops at D0Exit: no ReleaseHardware. Armed for wake, the owner sends IRP_MN_WAIT_WAKE from inside its own handling of this IRP (kmdf.powerDown/SendWaitWake): the page\'s figure draws the wait-wake IRP first (its text does not mention it), the KMDF source sends it once I/O has stopped (PwrPolTimerExpiredWakeCapablePowerDown, ...SendWake, ...WakeArrived); wdf/wdm-irps-and-kmdf-event-callback-functions.md ties EvtDeviceEnableWakeAtBus to the wait-wake IRP.' },
  ],
};

/** After a failed D0Entry on the way back from low power (power.wake, power.wakeFailure). */
const WAKE_FAILED_ROWS: PnpTable['rows'] = [
  { id: 'WakeFailed', do: 'failedDriverCall', name: 'IoInvalidateDeviceState', next: 'QueryFailedState', cite: 'wdf/reporting-device-failures.md', note: 'The driver whose D0Entry failed has gone down its failed path; its framework reports the failure to the PnP manager (source: PnpEventFailedPowerPolicyRemoved calls InvalidateDeviceState after an internal failure).' },
  { id: 'QueryFailedState', do: 'irp', name: 'IRP_MN_QUERY_PNP_DEVICE_STATE', args: { PnpDeviceState: 'PNP_DEVICE_FAILED' }, next: 'SurpriseRemoveSubtree', cite: 'kernel/handling-an-irp-mn-surprise-removal-request.md', note: 'The stack answers PNP_DEVICE_FAILED: the PnP manager starts a surprise removal of a device that is still present.' },
  { id: 'SurpriseRemoveSubtree', do: 'table', table: 'pnp.surpriseRemoveSubtree', next: END_FAIL, cite: 'wdf/a-device-returns-to-its-working-state.md', note: 'A failed D0Entry on the way back from low power ends in a surprise removal; the driver that failed gets only EvtDeviceSurpriseRemoval (its failed path ran already).' },
];

/** The device signals wake (or I/O arrives): back to D0, bus driver first. */
export const powerWake: PnpTable = {
  id: 'power.wake',
  title: 'A device returns to its working state',
  cite: 'wdf/a-device-returns-to-its-working-state.md',
  start: 'ParentWakesFirst',
  rows: [
    { id: 'ParentWakesFirst', do: 'forEachIdleAncestor', name: 'The hub wakes first', table: 'power.parentWake', when: 'wakeSignalledUnderIdleParent', next: 'CompleteWaitWake', fail: END_FAIL, cite: 'wdf/power-up-sequence-for-a-bus-driver.md', note: 'The device\u2019s wake signal reaches its hub, which is idle too (a hub idles only once every device on it has, DDI wdfpdo/nf-wdfpdo-wdfpdoinitremovepowerdependencyonparent.md): the hub\u2019s own wait-wake IRP completes and the hub returns to D0 before its bus driver can complete the device\u2019s.' },
    { id: 'CompleteWaitWake', do: 'completeWaitWake', name: 'WdfDeviceIndicateWakeStatus / IoCompleteRequest', when: 'wakeSignalled', next: 'SetPowerD0', skipTo: 'CancelWaitWake', cite: 'kernel/handling-a-wait-wake-irp-in-a-bus-driver--pdo-.md', note: 'The device signals wake: its bus driver completes the pending IRP_MN_WAIT_WAKE with STATUS_SUCCESS. A KMDF bus driver calls WdfDeviceIndicateWakeStatus; a WDM one (pci.sys) calls IoCompleteRequest itself. The power policy owner\'s completion routine asks for D0.' },
    { id: 'CancelWaitWake', do: 'cancelWaitWake', name: 'IoCancelIrp', when: 'waitWakePending', next: 'SetPowerD0', cite: 'kernel/canceling-a-wait-wake-irp.md', note: 'I/O arrived instead: the power policy owner, which sent the wait-wake IRP, cancels it; the bus driver completes it with STATUS_CANCELLED. Then it asks for D0.' },
    { id: 'SetPowerD0', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerDeviceD0' }, params: { PreviousState: 'WdfPowerDeviceD3', By: '$By' }, next: END_OK, fail: 'WakeFailed', note: 'Lowest driver first; D0Entry gets the Dx the device was in. No PrepareHardware.' },
    ...WAKE_FAILED_ROWS,
  ],
};

/**
 * An idle hub whose device signalled wake: the signal reaches the hub first, so the hub's own wait-wake IRP completes and
 * it returns to D0 (power.wake/ParentWakesFirst runs this for each idle hub above the device, the outermost first).
 */
export const powerParentWake: PnpTable = {
  id: 'power.parentWake',
  title: 'A hub wakes for a device on it',
  cite: 'wdf/a-device-returns-to-its-working-state.md',
  start: 'CompleteWaitWake',
  rows: [
    { id: 'CompleteWaitWake', do: 'completeWaitWake', name: 'WdfDeviceIndicateWakeStatus / IoCompleteRequest', when: 'waitWakePending', next: 'SetPowerD0', cite: 'kernel/handling-a-wait-wake-irp-in-a-bus-driver--pdo-.md', note: 'The device\u2019s wake signal is the hub\u2019s too: the hub\u2019s bus driver completes the hub\u2019s wait-wake IRP.' },
    { id: 'SetPowerD0', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerDeviceD0' }, params: { PreviousState: 'WdfPowerDeviceD3', By: 'device' }, next: END_OK, fail: 'WakeFailed', note: 'The hub returns to D0, bus driver first, before its bus driver completes the device\u2019s wait-wake IRP.' },
    ...WAKE_FAILED_ROWS,
  ],
};

/**
 * A child's PDO power-references its idle hub (kmdf.powerUp / kmdf.start, row ParentToD0): the hub's power policy owner
 * brings it back to D0 as it does when I/O arrives (pdopower.cpp PowerCheckParentOverload → PowerPolicyCanChildPowerUp →
 * PowerReference). If the hub fails to power up, the child's power-up fails, and the hub's failure is reported once the
 * operation in progress is done (power.wakeFailure).
 */
export const powerParentPowerUp: PnpTable = {
  id: 'power.parentPowerUp',
  title: 'A hub returns to D0 for a device on it',
  cite: 'wdf/a-device-returns-to-its-working-state.md',
  start: 'CancelWaitWake',
  rows: [
    { id: 'CancelWaitWake', do: 'cancelWaitWake', name: 'IoCancelIrp', when: 'waitWakePending', next: 'SetPowerD0', cite: 'kernel/canceling-a-wait-wake-irp.md', note: 'The hub did not signal wake: its power policy owner cancels the wait-wake IRP it sent, then asks for D0.' },
    { id: 'SetPowerD0', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerDeviceD0' }, params: { PreviousState: 'WdfPowerDeviceD3', By: '$By' }, next: END_OK, fail: END_FAIL, note: 'The hub\u2019s stack returns to D0, bus driver first; only then does the device\u2019s PDO go on.' },
  ],
};

/** A hub that failed to return to D0 for a device on it: its failure reaches the PnP manager as after a failed wake. */
export const powerWakeFailure: PnpTable = {
  id: 'power.wakeFailure',
  title: 'A device failed to return to D0',
  cite: 'wdf/reporting-device-failures.md',
  start: 'WakeFailed',
  rows: WAKE_FAILED_ROWS,
};

/** System shutdown: a system power IRP, then D3 with WdfPowerDeviceD3Final for every started device, children first. */
export const powerShutdown: PnpTable = {
  id: 'power.shutdown',
  title: 'The system shuts down',
  cite: 'kernel/power-irps-for-the-system.md',
  start: 'EachDevice',
  rows: [{ id: 'EachDevice', do: 'forEachStartedDevice', table: 'power.shutdownOne', next: END_OK, note: 'Children before their parents: the power manager sends the system IRP "to each leaf node in the device tree". One devnode at a time (the page does not say whether stacks are handled in parallel) is the lab\u2019s choice.' }],
};

export const powerShutdownOne: PnpTable = {
  id: 'power.shutdownOne',
  title: 'One device at shutdown',
  cite: S_IRP_OWNER,
  start: 'SystemPower',
  rows: [
    { id: 'SystemPower', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerSystemShutdown' }, next: 'OwnerHoldsSystemIrp', cite: S_IRP_OWNER, note: 'The power policy owner sets an IoCompletion routine and passes the system IRP down to the bus driver. KMDF calls no callback for a system (Sx) power IRP (wdf/wdm-irps-and-kmdf-event-callback-functions.md).' },
    { id: 'OwnerHoldsSystemIrp', do: 'holdSystemIrp', name: 'IoCompletion: STATUS_MORE_PROCESSING_REQUIRED', next: 'CancelWaitWake', cite: S_IRP_OWNER, note: 'Back up at the power policy owner, its IoCompletion routine keeps the system IRP pending and asks for the device IRP (source: fdopower.cpp _SystemPowerSxCompletion). The owner and the drivers above it see the system IRP pending until the device IRP is done.' },
    { id: 'CancelWaitWake', do: 'cancelWaitWake', name: 'IoCancelIrp', when: 'waitWakePending', next: 'DevicePower', cite: 'kernel/canceling-a-wait-wake-irp.md', note: 'An idle device armed to wake from S0 must not wake the system: its power policy owner cancels the wait-wake IRP.' },
    { id: 'DevicePower', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerDeviceD3', ShutdownType: 'PowerActionShutdown' }, params: { TargetState: 'WdfPowerDeviceD3Final' }, next: 'CompleteSystemIrp', cite: 'kernel/sending-a-device-set-power-irp-in-response-to-a-system-set-power-irp.md', note: 'The device IRP the owner requested, inside the system IRP. D0Exit gets WdfPowerDeviceD3Final; ReleaseHardware is not called at shutdown (wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md, figure).' },
    { id: 'CompleteSystemIrp', do: 'completeSystemIrp', name: 'IoCompleteRequest (system IRP)', next: END_OK, cite: S_IRP_OWNER, note: '"After all drivers in the stack have completed the device set-power IRP, the device power policy owner completes the system set-power IRP"; it then goes on up to the drivers above the owner.' },
  ],
};

export const PNP_TABLES: PnpTable[] = [
  pnpArrival, pnpEnumerate, pnpStart, pnpOrderlyRemoval, pnpQueryRemoveOne, pnpCancelRemoveOne, pnpRemoveOne,
  pnpSurpriseRemoval, pnpReportedFailure, pnpSurpriseRemoveSubtree, pnpSurpriseRemoveOne, pnpNotifySurpriseRemoved, pnpRemoveAfterSurprise, pnpRebalance, pnpEnable,
  pnpInterfaceChange, pnpCustomEvent, pnpHwProfileChange, pnpUmdfHostFailure, pnpUmdfRestart, powerIdle, powerWake, powerParentWake, powerParentPowerUp, powerWakeFailure, powerShutdown, powerShutdownOne,
];
