/**
 * The KMDF filter driver of the lab's upper and lower filters (markers: docs/driver-sources.md). Written for the lab
 * in the shape of the WDK's KMDF filter sample (general/toaster/toastDrv/kmdf/filter/generic); not a copy of it.
 */
import type { SourceSpec } from './format';

export const KMDF_FILTER: SourceSpec = {
  id: 'kmdf-filter',
  file: 'SimFilter.c',
  title: 'KMDF filter driver',
  serves: 'SimLowerFilter1…4 and SimUpperFilter1…4 (lower-filter and upper-filter layers)',
  language: 'c',
  framework: 'kmdf',
  text: String.raw`
/*
 * SimFilter.c - the lab's upper and lower filter drivers (one image each:
 * SimLowerFilter1, SimUpperFilter1, ...). A real filter registers only what
 * it needs; the lab's register every PnP and power callback, so that their
 * place in the order shows: below the function driver on the way up
 * (lower filters first), above it on the way down (upper filters first).
 * wdf/power-up-sequence-for-a-function-or-filter-driver.md
 */
#include <ntddk.h>
#include <wdf.h>
#include "SimFilter.h"   // FILTER_CONTEXT, the role types (EVT_WDF_...)

//@fn DriverEntry
// Once per filter image, before its first device.
NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT  DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, FilterEvtDeviceAdd);
    config.EvtDriverUnload = FilterEvtDriverUnload;
    status = WdfDriverCreate(DriverObject, RegistryPath,
                             WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
    return status; //@return
}

//@fn EvtDriverDeviceAdd
// AddDevice: a filter device object. If it fails, the PnP manager builds
// the stack without this filter (no device object, no error).
NTSTATUS
FilterEvtDeviceAdd(
    _In_    WDFDRIVER       Driver,
    _Inout_ PWDFDEVICE_INIT DeviceInit
    )
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnpPower;
    WDF_FDO_EVENT_CALLBACKS fdo;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Driver);
    WdfFdoInitSetFilter(DeviceInit);   // pass on every IRP it does not handle
    FilterSetPnpPowerCallbacks(&pnpPower);
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnpPower);
    WDF_FDO_EVENT_CALLBACKS_INIT(&fdo);
    fdo.EvtDeviceFilterRemoveResourceRequirements = FilterEvtFilterRemoveRequirements;
    fdo.EvtDeviceFilterAddResourceRequirements = FilterEvtFilterAddRequirements;
    fdo.EvtDeviceRemoveAddedResources = FilterEvtRemoveAddedResources;
    WdfFdoInitSetEventCallbacks(DeviceInit, &fdo);

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, FILTER_CONTEXT);
    attributes.EvtCleanupCallback = FilterEvtCleanupCallback;
    attributes.EvtDestroyCallback = FilterEvtDestroyCallback;
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    return status; //@return
}

// Every PnP and power callback a filter can have. No power policy ones:
// the function driver owns power policy. No queues: a filter that holds
// no request gets no EvtIoStop.
VOID
FilterSetPnpPowerCallbacks(
    _Out_ PWDF_PNPPOWER_EVENT_CALLBACKS PnpPower
    )
{
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(PnpPower);
    PnpPower->EvtDevicePrepareHardware = FilterEvtDevicePrepareHardware;
    PnpPower->EvtDeviceReleaseHardware = FilterEvtDeviceReleaseHardware;
    PnpPower->EvtDeviceD0Entry = FilterEvtDeviceD0Entry;
    PnpPower->EvtDeviceD0EntryPostInterruptsEnabled = FilterEvtD0EntryPostInterrupts;
    PnpPower->EvtDeviceD0ExitPreInterruptsDisabled = FilterEvtD0ExitPreInterrupts;
    PnpPower->EvtDeviceD0Exit = FilterEvtDeviceD0Exit;
    PnpPower->EvtDeviceSelfManagedIoInit = FilterEvtSelfManagedIoInit;
    PnpPower->EvtDeviceSelfManagedIoSuspend = FilterEvtSelfManagedIoSuspend;
    PnpPower->EvtDeviceSelfManagedIoRestart = FilterEvtSelfManagedIoRestart;
    PnpPower->EvtDeviceSelfManagedIoFlush = FilterEvtSelfManagedIoFlush;
    PnpPower->EvtDeviceSelfManagedIoCleanup = FilterEvtSelfManagedIoCleanup;
    PnpPower->EvtDeviceQueryRemove = FilterEvtDeviceQueryRemove;
    PnpPower->EvtDeviceQueryStop = FilterEvtDeviceQueryStop;
    PnpPower->EvtDeviceSurpriseRemoval = FilterEvtDeviceSurpriseRemoval;
    PnpPower->EvtDeviceRelationsQuery = FilterEvtDeviceRelationsQuery;
}

/* ---- Resources (wdf/wdm-irps-and-kmdf-event-callback-functions.md) -------- */

//@fn EvtDeviceFilterRemoveResourceRequirements
// On the way down: a filter may take out resources the bus listed.
NTSTATUS
FilterEvtFilterRemoveRequirements(
    _In_ WDFDEVICE       Device,
    _In_ WDFIORESREQLIST IoResourceRequirementsList
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(IoResourceRequirementsList);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceFilterAddResourceRequirements
// On the way up: a filter may add resources.
NTSTATUS
FilterEvtFilterAddRequirements(
    _In_ WDFDEVICE       Device,
    _In_ WDFIORESREQLIST IoResourceRequirementsList
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(IoResourceRequirementsList);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceRemoveAddedResources
// IRP_MN_START_DEVICE on its way down: take out what FilterAdd added.
// Upper filters run it before the function driver; a failure ends the
// start here, before the drivers below see it.
NTSTATUS
FilterEvtRemoveAddedResources(
    _In_ WDFDEVICE    Device,
    _In_ WDFCMRESLIST ResourcesRaw,
    _In_ WDFCMRESLIST ResourcesTranslated
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(ResourcesRaw);
    UNREFERENCED_PARAMETER(ResourcesTranslated);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceRelationsQuery
// IRP_MN_QUERY_DEVICE_RELATIONS passes by: a look only.
VOID
FilterEvtDeviceRelationsQuery(
    _In_ WDFDEVICE            Device,
    _In_ DEVICE_RELATION_TYPE RelationType
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(RelationType);
} //@return

/* ---- Start and D0 (wdf/a-user-plugs-in-a-device.md) ----------------------- */

//@fn EvtDevicePrepareHardware
// Start, on the way up: a lower filter runs it before the function
// driver, an upper filter after it.
NTSTATUS
FilterEvtDevicePrepareHardware(
    _In_ WDFDEVICE    Device,
    _In_ WDFCMRESLIST ResourcesRaw,
    _In_ WDFCMRESLIST ResourcesTranslated
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(ResourcesRaw);
    UNREFERENCED_PARAMETER(ResourcesTranslated);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceD0Entry
// The stack enters D0, bottom-up: this filter after the drivers below it.
NTSTATUS
FilterEvtDeviceD0Entry(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE PreviousState
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(PreviousState);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceD0EntryPostInterruptsEnabled
// After D0Entry (a filter has no interrupt of its own).
NTSTATUS
FilterEvtD0EntryPostInterrupts(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE PreviousState
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(PreviousState);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceSelfManagedIoInit
// First start of this device object (wdf/using-self-managed-i-o.md).
NTSTATUS
FilterEvtSelfManagedIoInit(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceSelfManagedIoRestart
// Later starts, and the way back from idle.
NTSTATUS
FilterEvtSelfManagedIoRestart(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
    return STATUS_SUCCESS; //@return
}

/* ---- Leave D0, stop and removal (wdf/a-user-unplugs-a-device.md) ---------- */

//@fn EvtDeviceSelfManagedIoSuspend
// The stack leaves D0, top-down: this filter before the drivers below it.
NTSTATUS
FilterEvtSelfManagedIoSuspend(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceD0ExitPreInterruptsDisabled
// Before D0Exit.
NTSTATUS
FilterEvtD0ExitPreInterrupts(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE TargetState
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(TargetState);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceD0Exit
// This filter's part of the stack leaves D0.
NTSTATUS
FilterEvtDeviceD0Exit(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE TargetState
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(TargetState);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceQueryStop
// A filter can veto a rebalance too: the query goes top-down and stops
// at the first driver that fails it (wdf/handling-requests-to-stop-a-device.md).
NTSTATUS
FilterEvtDeviceQueryStop(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceQueryRemove
// A filter can veto a removal: an upper filter is asked before the
// function driver, a lower filter only if the drivers above agreed.
NTSTATUS
FilterEvtDeviceQueryRemove(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceSurpriseRemoval
// The cable was pulled (wdf/surprise-removal-sequence.md).
VOID
FilterEvtDeviceSurpriseRemoval(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
} //@return

//@fn EvtDeviceReleaseHardware
// Undo PrepareHardware.
NTSTATUS
FilterEvtDeviceReleaseHardware(
    _In_ WDFDEVICE    Device,
    _In_ WDFCMRESLIST ResourcesTranslated
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(ResourcesTranslated);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceSelfManagedIoFlush
// Removal: nothing of its own is pending.
VOID
FilterEvtSelfManagedIoFlush(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
} //@return

//@fn EvtDeviceSelfManagedIoCleanup
// IRP_MN_REMOVE_DEVICE: free what SelfManagedIoInit created.
VOID
FilterEvtSelfManagedIoCleanup(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
} //@return

//@fn EvtCleanupCallback
// The filter device object is being deleted.
VOID
FilterEvtCleanupCallback(
    _In_ WDFOBJECT Object
    )
{
    UNREFERENCED_PARAMETER(Object);
} //@return

//@fn EvtDestroyCallback
// Its last reference is gone, after the drivers below handled
// IRP_MN_REMOVE_DEVICE.
VOID
FilterEvtDestroyCallback(
    _In_ WDFOBJECT Object
    )
{
    UNREFERENCED_PARAMETER(Object);
} //@return

//@fn EvtDriverUnload
// The filter's last device object is gone: the image is unloaded.
VOID
FilterEvtDriverUnload(
    _In_ WDFDRIVER Driver
    )
{
    UNREFERENCED_PARAMETER(Driver);
} //@return
`,
};
