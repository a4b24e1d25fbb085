/**
 * The PnP manager's side: which IRPs, states and notifications, in which order, for each thing
 * that can happen to a devnode. Each `irp` row sends one IRP through the device's stack; the
 * direction of each IRP (top-down or bottom-up) lives in pnp/irps.ts, and what each driver does
 * with it lives in its framework's tables (kmdf/tables.ts).
 */
import { END_FAIL, END_OK, type Table } from '../tables/table';

const ADDING = 'kernel/adding-a-pnp-device-to-a-running-system.md';
const STATES = 'kernel/state-transitions-for-pnp-devices.md';
const QUERY_REMOVE = 'kernel/handling-an-irp-mn-query-remove-device-request.md';
const REMOVE_IRPS = 'kernel/understanding-when-remove-irps-are-issued.md';
const SURPRISE = 'kernel/handling-an-irp-mn-surprise-removal-request.md';
const REBALANCE = 'kernel/stopping-a-device-to-rebalance-resources.md';
const STOP_REQUESTS = 'wdf/handling-requests-to-stop-a-device.md';

/** A device is plugged in: the bus driver reports it and the PnP manager enumerates it. */
export const pnpArrival: Table = {
  id: 'pnp.arrival',
  title: 'A user plugs in a device',
  cite: ADDING,
  start: 'PhysicallyPresent',
  rows: [
    { id: 'PhysicallyPresent', do: 'state', name: 'PhysicallyPresent', next: 'ReportPresent', cite: STATES },
    { id: 'ReportPresent', do: 'parentCall', name: 'WdfChildListAddOrUpdateChildDescriptionAsPresent', when: 'parentIsKmdf', next: 'InvalidateBusRelations', cite: 'wdf/a-user-plugs-in-a-device.md', note: 'Dynamic enumeration: the KMDF bus driver adds the child to its child list.' },
    { id: 'InvalidateBusRelations', do: 'parentCall', name: 'IoInvalidateDeviceRelations', args: { Type: 'BusRelations' }, next: 'QueryBusRelations' },
    { id: 'QueryBusRelations', do: 'parentIrp', name: 'IRP_MN_QUERY_DEVICE_RELATIONS', args: { Type: 'BusRelations' }, next: 'Enumerate', note: 'The parent reports its children; the PnP manager finds a new one.' },
    { id: 'Enumerate', do: 'table', table: 'pnp.enumerate', next: END_OK, fail: END_FAIL },
  ],
};

/** From a new child in the parent's bus relations to a started device (also used for children of a starting hub). */
export const pnpEnumerate: Table = {
  id: 'pnp.enumerate',
  title: 'Enumerate and start a new device',
  cite: ADDING,
  start: 'CreatePdo',
  rows: [
    { id: 'CreatePdo', do: 'createPdo', name: 'Create the PDO', next: 'Enumerated', cite: 'wdf/power-up-sequence-for-a-bus-driver.md' },
    { id: 'Enumerated', do: 'state', name: 'Enumerated', next: 'InformationIrps', cite: STATES },
    { id: 'InformationIrps', do: 'informationIrps', name: 'Information IRPs (order not guaranteed)', next: 'Start', note: 'Sent to the PDO alone; their order is not guaranteed, so the seed picks it.' },
    { id: 'Start', do: 'table', table: 'pnp.start', next: END_OK, fail: END_FAIL },
  ],
};

/** Load drivers, AddDevice, resources, start; shared by arrival and by Device Manager enable. */
export const pnpStart: Table = {
  id: 'pnp.start',
  title: 'Load the drivers and start the device',
  cite: ADDING,
  start: 'LoadDrivers',
  rows: [
    { id: 'LoadDrivers', do: 'forEachAddDeviceLayer', table: 'loadDriver', next: 'DriversInitialized', note: 'DriverEntry for every driver of the stack that is not loaded yet.' },
    { id: 'DriversInitialized', do: 'state', name: 'EnumeratedAndDriversInitialized', next: 'AddDevice', cite: STATES },
    { id: 'AddDevice', do: 'forEachAddDeviceLayer', table: 'addDevice', next: 'FdoAndFilterDosAttached', fail: 'AddDeviceFailed', note: 'AddDevice order: lower filters, then the function driver, then upper filters.' },
    { id: 'FdoAndFilterDosAttached', do: 'state', name: 'FdoAndFilterDosAttached', next: 'FilterResourceRequirements', cite: STATES },
    { id: 'FilterResourceRequirements', do: 'irp', name: 'IRP_MN_FILTER_RESOURCE_REQUIREMENTS', next: 'AssignResources' },
    { id: 'AssignResources', do: 'assignResources', name: 'Assign resources', next: 'StartDevice' },
    { id: 'StartDevice', do: 'irp', name: 'IRP_MN_START_DEVICE', params: { PreviousState: 'WdfPowerDeviceD3Final' }, next: 'Started', fail: 'FailedStartRemove', cite: 'kernel/starting-a-device.md', note: 'The parent bus driver handles the start first, then each driver above it on the way up.' },
    { id: 'Started', do: 'state', name: 'Started', next: 'EnableInterfaces', cite: STATES },
    { id: 'EnableInterfaces', do: 'enableInterfaces', name: 'IoSetDeviceInterfaceState', when: 'hasInterfaces', next: 'QueryCapabilities', cite: 'kernel/starting-a-device.md', note: 'Interfaces are enabled only after the start succeeds (source: PnpEventEnableInterfaces).' },
    { id: 'QueryCapabilities', do: 'irp', name: 'IRP_MN_QUERY_CAPABILITIES', next: 'QueryPnpDeviceState' },
    { id: 'QueryPnpDeviceState', do: 'irp', name: 'IRP_MN_QUERY_PNP_DEVICE_STATE', next: 'QueryChildren' },
    { id: 'QueryChildren', do: 'irp', name: 'IRP_MN_QUERY_DEVICE_RELATIONS', args: { Type: 'BusRelations' }, next: 'EnumerateChildren' },
    { id: 'EnumerateChildren', do: 'forEachPresentChild', table: 'pnp.enumerate', when: 'hasPresentChildren', next: 'ClientsOpenHandles', cite: REMOVE_IRPS, note: 'A hub that starts reports the devices already on its ports.' },
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
export const pnpOrderlyRemoval: Table = {
  id: 'pnp.orderlyRemoval',
  title: 'Orderly removal (Safely Remove Hardware, or disable)',
  cite: QUERY_REMOVE,
  start: 'CheckDisableable',
  rows: [
    { id: 'CheckDisableable', do: 'checkDisableable', name: 'PNP_DEVICE_NOT_DISABLEABLE', when: 'modeIsDisable', next: 'NotifyQueryRemoveUser', fail: 'ReportVeto', cite: STOP_REQUESTS, note: 'A device whose driver set NotDisableable cannot be disabled in Device Manager.' },
    { id: 'NotifyQueryRemoveUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVE', args: { Event: 'QueryRemove', Mode: 'user' }, next: 'NotifyQueryRemoveKernel', fail: 'CancelRemoveSubtree', note: 'User-mode registrants on the device and its descendants first: close the handle, or veto.' },
    { id: 'NotifyQueryRemoveKernel', do: 'notify', name: 'GUID_TARGET_DEVICE_QUERY_REMOVE', args: { Event: 'QueryRemove', Mode: 'kernel' }, next: 'QueryRemoveSubtree', fail: 'CancelRemoveSubtree', cite: 'kernel/handling-a-guid-target-device-query-remove-event.md', note: 'Then kernel-mode registrants, all before any IRP_MN_QUERY_REMOVE_DEVICE.' },
    { id: 'QueryRemoveSubtree', do: 'forEachInSubtree', table: 'pnp.queryRemoveOne', next: 'CheckOpenHandles', fail: 'CancelRemoveSubtree', note: 'Descendants are asked first, then the device itself.' },
    { id: 'CheckOpenHandles', do: 'checkOpenHandles', name: 'Open handles', next: 'RemoveSubtree', fail: 'CancelRemoveSubtree', cite: QUERY_REMOVE, note: 'The PnP manager fails the query if handles are still open after the IRP completes.' },
    { id: 'RemoveSubtree', do: 'forEachInSubtree', table: 'pnp.removeOne', next: 'UnloadDrivers', cite: REMOVE_IRPS, note: 'Children are removed before their parent.' },
    { id: 'UnloadDrivers', do: 'unloadUnusedDrivers', name: 'Unload drivers with no devices', next: END_OK },
    { id: 'CancelRemoveSubtree', do: 'forEachQueried', table: 'pnp.cancelRemoveOne', next: 'NotifyRemoveCancelledKernel', cite: 'kernel/handling-an-irp-mn-cancel-remove-device-request.md', note: 'Every stack that saw the query gets IRP_MN_CANCEL_REMOVE_DEVICE, bus driver first (none if a client vetoed before any IRP).' },
    { id: 'NotifyRemoveCancelledKernel', do: 'notify', name: 'GUID_TARGET_DEVICE_REMOVE_CANCELLED', args: { Event: 'RemoveCancelled', Mode: 'kernel' }, next: 'NotifyRemoveCancelledUser', cite: 'kernel/handling-a-guid-target-device-remove-cancelled-event.md', note: 'After the cancel IRPs complete, to every registrant that was told of the query. Kernel clients unregister, reopen and register again.' },
    { id: 'NotifyRemoveCancelledUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVEFAILED', args: { Event: 'RemoveCancelled', Mode: 'user' }, next: 'ReportVeto', note: 'User-mode clients reopen their handle; their registration stays valid.' },
    { id: 'ReportVeto', do: 'reportVeto', name: 'PNP_VETO_TYPE', next: END_FAIL },
  ],
};

export const pnpQueryRemoveOne: Table = {
  id: 'pnp.queryRemoveOne',
  title: 'Query-remove one device',
  cite: QUERY_REMOVE,
  start: 'QueryRemove',
  rows: [
    { id: 'QueryRemove', do: 'irp', name: 'IRP_MN_QUERY_REMOVE_DEVICE', when: 'hasStack', next: 'RemovePending', fail: END_FAIL, note: 'Top driver first, then down; a driver that fails it completes the IRP and does not pass it on.' },
    { id: 'RemovePending', do: 'state', name: 'RemovePending', when: 'hasStack', next: END_OK, cite: STATES },
  ],
};

export const pnpCancelRemoveOne: Table = {
  id: 'pnp.cancelRemoveOne',
  title: 'Cancel the removal of one device',
  cite: 'kernel/handling-an-irp-mn-cancel-remove-device-request.md',
  start: 'CancelRemove',
  rows: [
    { id: 'CancelRemove', do: 'irp', name: 'IRP_MN_CANCEL_REMOVE_DEVICE', next: 'Restored', note: 'Bus driver first, then up; drivers below the one that failed get a spurious cancel and succeed it. KMDF has no callback for it.' },
    { id: 'Restored', do: 'restoreState', name: 'Started', next: END_OK, cite: STATES },
  ],
};

export const pnpRemoveOne: Table = {
  id: 'pnp.removeOne',
  title: 'Remove one device',
  cite: REMOVE_IRPS,
  start: 'NotifyRemoveCompleteKernel',
  rows: [
    { id: 'NotifyRemoveCompleteKernel', do: 'notify', name: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE', args: { Event: 'RemoveComplete', Mode: 'kernel' }, next: 'NotifyRemoveCompleteUser', cite: 'kernel/handling-a-guid-target-device-remove-complete-event.md', note: 'Before the PnP manager sends IRP_MN_REMOVE_DEVICE; clients unregister.' },
    { id: 'NotifyRemoveCompleteUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEREMOVECOMPLETE', args: { Event: 'RemoveComplete', Mode: 'user' }, next: 'Remove' },
    { id: 'Remove', do: 'irp', name: 'IRP_MN_REMOVE_DEVICE', when: 'hasStack', next: 'Removed', cite: 'kernel/handling-an-irp-mn-remove-device-request.md', note: 'Top driver first; each driver powers down inside the remove, and the bus driver is last.' },
    { id: 'Removed', do: 'removedState', name: 'PhysicallyAbsent', next: END_OK, cite: STATES, note: 'If the device is still present its PDO stays: disabled, held for eject, or failed.' },
  ],
};

/** The cable is pulled (or the driver reported failure): surprise removal, then remove once handles close. */
export const pnpSurpriseRemoval: Table = {
  id: 'pnp.surpriseRemoval',
  title: 'A user unplugs a device without warning',
  cite: SURPRISE,
  start: 'ReportMissing',
  rows: [
    { id: 'ReportMissing', do: 'parentCall', name: 'WdfChildListUpdateChildDescriptionAsMissing', when: 'parentIsKmdf', next: 'InvalidateBusRelations', cite: 'wdf/a-user-unplugs-a-device.md' },
    { id: 'InvalidateBusRelations', do: 'parentCall', name: 'IoInvalidateDeviceRelations', args: { Type: 'BusRelations' }, next: 'QueryBusRelations' },
    { id: 'QueryBusRelations', do: 'parentIrp', name: 'IRP_MN_QUERY_DEVICE_RELATIONS', args: { Type: 'BusRelations' }, next: 'SurpriseRemoveSubtree', note: 'The child is missing from the list: removal processing starts.' },
    { id: 'SurpriseRemoveSubtree', do: 'forEachInSubtree', table: 'pnp.surpriseRemoveOne', next: END_OK, cite: REMOVE_IRPS, note: 'Children before their parent.' },
  ],
};

/** The function driver reports failure (IoInvalidateDeviceState): the surprise-removal path with the device present. */
export const pnpReportedFailure: Table = {
  id: 'pnp.reportedFailure',
  title: 'A driver reports that its device failed',
  cite: 'wdf/surprise-removal-sequence.md',
  start: 'InvalidateDeviceState',
  rows: [
    { id: 'InvalidateDeviceState', do: 'functionCall', name: 'IoInvalidateDeviceState', args: { Caller: 'WdfDeviceSetFailed(WdfDeviceFailedNoRestart)' }, next: 'QueryPnpDeviceState', cite: SURPRISE },
    { id: 'QueryPnpDeviceState', do: 'irp', name: 'IRP_MN_QUERY_PNP_DEVICE_STATE', args: { PnpDeviceState: 'PNP_DEVICE_FAILED' }, next: 'SurpriseRemoveSubtree', cite: SURPRISE, note: 'PNP_DEVICE_FAILED sends the device down the surprise-removal path even though it is present.' },
    { id: 'SurpriseRemoveSubtree', do: 'forEachInSubtree', table: 'pnp.surpriseRemoveOne', next: END_OK },
  ],
};

export const pnpSurpriseRemoveOne: Table = {
  id: 'pnp.surpriseRemoveOne',
  title: 'Surprise-remove one device',
  cite: SURPRISE,
  start: 'SurpriseRemoval',
  rows: [
    { id: 'SurpriseRemoval', do: 'irp', name: 'IRP_MN_SURPRISE_REMOVAL', when: 'hasStackNotSurpriseRemoved', next: 'SurpriseRemoved', note: 'Sent before any notification; it cannot be failed or vetoed, not even by WdfDeviceSetStaticStopRemove.' },
    { id: 'SurpriseRemoved', do: 'state', name: 'SurpriseRemoved', when: 'hasStackNotSurpriseRemoved', next: 'NotifyRemoveCompleteKernel', cite: STATES },
    { id: 'NotifyRemoveCompleteKernel', do: 'notify', name: 'GUID_TARGET_DEVICE_REMOVE_COMPLETE', args: { Event: 'SurpriseRemoveComplete', Mode: 'kernel' }, next: 'NotifyRemovePendingUser', cite: 'kernel/handling-a-guid-target-device-remove-complete-event.md', note: 'After the IRP, with no query first: clients close their handles and unregister.' },
    { id: 'NotifyRemovePendingUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING', args: { Event: 'SurpriseRemoveComplete', Mode: 'user' }, next: 'DeferRemove', cite: 'wdf/how-umdf-handles-driver-failures.md', note: 'User mode hears of a surprise removal as remove-pending.' },
    { id: 'DeferRemove', do: 'deferRemove', name: 'Wait for the last handle to close', table: 'pnp.removeAfterSurprise', next: END_OK, note: 'IRP_MN_REMOVE_DEVICE is sent only once every handle is closed and every child is removed; a leaked handle means it is never sent.' },
  ],
};

export const pnpRemoveAfterSurprise: Table = {
  id: 'pnp.removeAfterSurprise',
  title: 'Remove a surprise-removed device',
  cite: SURPRISE,
  start: 'Remove',
  rows: [
    { id: 'Remove', do: 'irp', name: 'IRP_MN_REMOVE_DEVICE', when: 'hasStack', next: 'Removed' },
    { id: 'Removed', do: 'removedState', name: 'PhysicallyAbsent', next: 'UnloadDrivers', cite: STATES },
    { id: 'UnloadDrivers', do: 'unloadUnusedDrivers', name: 'Unload drivers with no devices', next: END_OK },
  ],
};

/** Resource rebalance: query-stop, stop, start with new resources (or cancel-stop after a veto). */
export const pnpRebalance: Table = {
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
    { id: 'RestartFailed', do: 'table', table: 'pnp.surpriseRemoveOne', next: END_FAIL, note: 'If the restart fails the device goes down the surprise-removal path.' },
  ],
};

/** Device Manager enable: a disabled device's PDO is still there; drivers load and start again. */
export const pnpEnable: Table = {
  id: 'pnp.enable',
  title: 'Device Manager enables a device',
  cite: 'wdf/power-up-sequence-for-a-bus-driver.md',
  start: 'Start',
  rows: [{ id: 'Start', do: 'table', table: 'pnp.start', next: END_OK, fail: END_FAIL, note: 'The PDO restarts at EvtDevicePrepareHardware; function and filter drivers get a new AddDevice.' }],
};

/** An interface was enabled or disabled: the PnP manager tells registrants of that interface class. */
export const pnpInterfaceChange: Table = {
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
export const pnpCustomEvent: Table = {
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
export const pnpHwProfileChange: Table = {
  id: 'pnp.hwProfileChange',
  title: 'The hardware profile changes (dock, undock)',
  cite: 'kernel/handling-hardware-profile-change-events.md',
  start: 'QueryUser',
  rows: [
    { id: 'QueryUser', do: 'notify', name: 'DBT_QUERYCHANGECONFIG', args: { Event: 'HwProfileQuery', Mode: 'user' }, next: 'QueryKernel', fail: 'CancelKernel', note: 'The query goes to user mode first, then to kernel mode.' },
    { id: 'QueryKernel', do: 'notify', name: 'GUID_HWPROFILE_QUERY_CHANGE', args: { Event: 'HwProfileQuery', Mode: 'kernel' }, next: 'ChangeProfile', fail: 'CancelKernel' },
    { id: 'ChangeProfile', do: 'changeProfile', name: 'Change the hardware profile', next: 'CompleteKernel' },
    { id: 'CompleteKernel', do: 'notify', name: 'GUID_HWPROFILE_CHANGE_COMPLETE', args: { Event: 'HwProfileComplete', Mode: 'kernel' }, next: 'CompleteUser', note: 'Completion goes to kernel mode first, then to user mode.' },
    { id: 'CompleteUser', do: 'notify', name: 'DBT_CONFIGCHANGED', args: { Event: 'HwProfileComplete', Mode: 'user' }, next: END_OK },
    { id: 'CancelKernel', do: 'notify', name: 'GUID_HWPROFILE_CHANGE_CANCELLED', args: { Event: 'HwProfileCancelled', Mode: 'kernel' }, next: 'CancelUser', note: 'After a veto: kernel mode first, then user mode.' },
    { id: 'CancelUser', do: 'notify', name: 'DBT_CONFIGCHANGECANCELED', args: { Event: 'HwProfileCancelled', Mode: 'user' }, next: 'ReportVeto' },
    { id: 'ReportVeto', do: 'reportVeto', name: 'PNP_VETO_TYPE', next: END_FAIL },
  ],
};

/** UMDF: the reflector terminated the driver host; the device goes down the surprise-removal path. */
export const pnpUmdfHostFailure: Table = {
  id: 'pnp.umdfHostFailure',
  title: 'The UMDF driver host process failed',
  cite: 'wdf/how-umdf-handles-driver-failures.md',
  start: 'HostProblemUser',
  rows: [
    { id: 'HostProblemUser', do: 'notify', name: 'CM_NOTIFY_ACTION_DEVICECUSTOMEVENT', args: { Event: 'Custom', Mode: 'user' }, next: 'HostProblemKernel', note: 'The reflector sends the GUID_WUDF_DEVICE_HOST_PROBLEM custom event.' },
    { id: 'HostProblemKernel', do: 'notify', name: 'GUID_WUDF_DEVICE_HOST_PROBLEM', args: { Event: 'Custom', Mode: 'kernel' }, next: 'SurpriseRemoveSubtree' },
    { id: 'SurpriseRemoveSubtree', do: 'forEachInSubtree', table: 'pnp.surpriseRemoveOne', when: 'isStarted', next: END_OK, note: 'Applications see a surprise removal; the stack is torn down once every handle closes.' },
  ],
};

/** The power policy owner idles the device out: arm for wake, then Dx (no ReleaseHardware). */
export const powerIdle: Table = {
  id: 'power.idle',
  title: 'A device enters a low-power state (idle)',
  cite: 'wdf/a-device-enters-a-low-power-state.md',
  start: 'WaitWake',
  rows: [
    { id: 'WaitWake', do: 'irp', name: 'IRP_MN_WAIT_WAKE', args: { PowerState: 'PowerSystemWorking' }, next: 'SetPowerDx', note: 'The power policy owner asks to be woken by the device; the IRP stays pending at the bus driver.' },
    { id: 'SetPowerDx', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerDeviceD3' }, params: { TargetState: 'WdfPowerDeviceD3' }, next: END_OK, note: 'Highest driver first; each driver stops at D0Exit: no ReleaseHardware.' },
  ],
};

/** The device signals wake (or I/O arrives): back to D0, bus driver first. */
export const powerWake: Table = {
  id: 'power.wake',
  title: 'A device returns to its working state',
  cite: 'wdf/a-device-returns-to-its-working-state.md',
  start: 'IndicateWake',
  rows: [
    { id: 'IndicateWake', do: 'busCall', name: 'WdfDeviceIndicateWakeStatus', args: { WaitWakeStatus: 'STATUS_SUCCESS' }, next: 'SetPowerD0', note: 'The bus driver reports the wake signal, which completes the wait-wake IRP.' },
    { id: 'SetPowerD0', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerDeviceD0' }, params: { PreviousState: 'WdfPowerDeviceD3' }, next: END_OK, fail: 'WakeFailed', note: 'Lowest driver first; D0Entry gets the Dx the device was in. No PrepareHardware.' },
    { id: 'WakeFailed', do: 'forEachInSubtree', table: 'pnp.surpriseRemoveOne', next: END_FAIL, cite: 'wdf/a-device-returns-to-its-working-state.md', note: 'A failed D0Entry on the way back from low power starts a surprise removal.' },
  ],
};

/** System shutdown: a system power IRP, then D3 with WdfPowerDeviceD3Final for every started device, children first. */
export const powerShutdown: Table = {
  id: 'power.shutdown',
  title: 'The system shuts down',
  cite: 'wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md',
  start: 'EachDevice',
  rows: [{ id: 'EachDevice', do: 'forEachStartedDevice', table: 'power.shutdownOne', next: END_OK, note: 'Children before their parents.' }],
};

export const powerShutdownOne: Table = {
  id: 'power.shutdownOne',
  title: 'One device at shutdown',
  cite: 'wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md',
  start: 'SystemPower',
  rows: [
    { id: 'SystemPower', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerSystemShutdown' }, next: 'DevicePower', cite: 'wdf/wdm-irps-and-kmdf-event-callback-functions.md', note: 'KMDF calls no callback for a system (Sx) power IRP.' },
    { id: 'DevicePower', do: 'irp', name: 'IRP_MN_SET_POWER', args: { State: 'PowerDeviceD3', ShutdownType: 'PowerActionShutdown' }, params: { TargetState: 'WdfPowerDeviceD3Final' }, next: END_OK, note: 'D0Exit gets WdfPowerDeviceD3Final; ReleaseHardware is not called at shutdown (figure).' },
  ],
};

export const PNP_TABLES: Table[] = [
  pnpArrival, pnpEnumerate, pnpStart, pnpOrderlyRemoval, pnpQueryRemoveOne, pnpCancelRemoveOne, pnpRemoveOne,
  pnpSurpriseRemoval, pnpReportedFailure, pnpSurpriseRemoveOne, pnpRemoveAfterSurprise, pnpRebalance, pnpEnable,
  pnpInterfaceChange, pnpCustomEvent, pnpHwProfileChange, pnpUmdfHostFailure, powerIdle, powerWake, powerShutdown, powerShutdownOne,
];
