/**
 * A KMDF bus driver in the role the lab gives USBHUB3: the child's PDO (markers: docs/driver-sources.md). Written for
 * the lab in the shape of the WDK's dynamic bus sample (general/toaster/toastDrv/kmdf/bus/dynamic); not a copy of it.
 */
import type { SourceSpec } from './format';

export const KMDF_BUS: SourceSpec = {
  id: 'kmdf-bus',
  file: 'SimBus.c',
  title: 'KMDF bus driver: the PDO',
  serves: 'USBHUB3 at the bus layer of every USB device (the PDO); pci.sys is WDM and has no callbacks',
  language: 'c',
  framework: 'kmdf',
  text: String.raw`
/*
 * SimBus.c - the PDO side of a KMDF bus driver. In the lab, USB devices
 * hang off USBHUB3, Windows' own hub driver; this is a lab-written bus
 * driver in its role. Its FDO (the hub itself) runs SimDevice.c, whose
 * child list calls BusEvtChildListCreateDevice below for each new child.
 * The PDO registers only these callbacks (docs/scenario-format.md):
 * wdf/power-up-sequence-for-a-bus-driver.md,
 * wdf/power-down-and-removal-sequence-for-a-bus-driver.md
 */
#include <ntddk.h>
#include <wdf.h>
#include "SimBus.h"   // PDO_CONTEXT, PORT_IDENTIFICATION, the role types

//@fn EvtChildListCreateDevice
// A new child was reported on a port: create its PDO. Only at
// enumeration: a disabled device that is still present keeps its PDO.
NTSTATUS
BusEvtChildListCreateDevice(
    _In_ WDFCHILDLIST ChildList,
    _In_ PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription,
    _In_ PWDFDEVICE_INIT ChildInit
    )
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnpPower;
    WDF_PDO_EVENT_CALLBACKS pdo;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE child;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(ChildList);
    status = BusAssignIds(ChildInit, IdentificationDescription);  // hardware ID, ...
    if (!NT_SUCCESS(status)) {
        return status;
    }
    WDF_PDO_EVENT_CALLBACKS_INIT(&pdo);
    pdo.EvtDeviceResourcesQuery = PdoEvtDeviceResourcesQuery;
    pdo.EvtDeviceResourceRequirementsQuery = PdoEvtDeviceResourceRequirementsQuery;
    pdo.EvtDeviceEnableWakeAtBus = PdoEvtDeviceEnableWakeAtBus;
    pdo.EvtDeviceDisableWakeAtBus = PdoEvtDeviceDisableWakeAtBus;
    pdo.EvtDeviceReportedMissing = PdoEvtDeviceReportedMissing;
    WdfPdoInitSetEventCallbacks(ChildInit, &pdo);

    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnpPower);
    pnpPower.EvtDevicePrepareHardware = PdoEvtDevicePrepareHardware;
    pnpPower.EvtDeviceReleaseHardware = PdoEvtDeviceReleaseHardware;
    pnpPower.EvtDeviceD0Entry = PdoEvtDeviceD0Entry;
    pnpPower.EvtDeviceD0Exit = PdoEvtDeviceD0Exit;
    WdfDeviceInitSetPnpPowerEventCallbacks(ChildInit, &pnpPower);

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, PDO_CONTEXT);
    status = WdfDeviceCreate(&ChildInit, &attributes, &child);
    return status; //@return
}

//@fn EvtDeviceResourcesQuery
// IRP_MN_QUERY_RESOURCES: the boot configuration. A USB device has none
// (the host controller owns the hardware resources).
NTSTATUS
PdoEvtDeviceResourcesQuery(
    _In_ WDFDEVICE    Device,
    _In_ WDFCMRESLIST Resources
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Resources);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceResourceRequirementsQuery
// IRP_MN_QUERY_RESOURCE_REQUIREMENTS: what the device could use (none).
NTSTATUS
PdoEvtDeviceResourceRequirementsQuery(
    _In_ WDFDEVICE       Device,
    _In_ WDFIORESREQLIST IoResourceRequirementsList
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(IoResourceRequirementsList);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDevicePrepareHardware
// IRP_MN_START_DEVICE reaches the PDO first. If the cable is already
// out, the bus cannot reach the device, whatever the driver wants.
NTSTATUS
PdoEvtDevicePrepareHardware(
    _In_ WDFDEVICE    Device,
    _In_ WDFCMRESLIST ResourcesRaw,
    _In_ WDFCMRESLIST ResourcesTranslated
    )
{
    UNREFERENCED_PARAMETER(ResourcesRaw);
    UNREFERENCED_PARAMETER(ResourcesTranslated);
    if (!BusPortHasDevice(PdoGetContext(Device))) {
        return STATUS_NO_SUCH_DEVICE;
    }
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceD0Entry
// Power the port on: the PDO enters D0 before the drivers above it.
NTSTATUS
PdoEvtDeviceD0Entry(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE PreviousState
    )
{
    UNREFERENCED_PARAMETER(PreviousState);
    if (!BusPortHasDevice(PdoGetContext(Device))) {
        return STATUS_NO_SUCH_DEVICE;
    }
    BusPortPower(PdoGetContext(Device), TRUE);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceEnableWakeAtBus
// IRP_MN_WAIT_WAKE arrived while the PDO is still in D0: let the port
// carry the device's wake signal, and hold the IRP pending.
NTSTATUS
PdoEvtDeviceEnableWakeAtBus(
    _In_ WDFDEVICE          Device,
    _In_ SYSTEM_POWER_STATE PowerState
    )
{
    UNREFERENCED_PARAMETER(PowerState);   // PowerSystemWorking: wake from S0
    BusPortArmWake(PdoGetContext(Device), TRUE);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceDisableWakeAtBus
// Back to D0, or surprise-removed while armed: stop listening for wake.
VOID
PdoEvtDeviceDisableWakeAtBus(
    _In_ WDFDEVICE Device
    )
{
    BusPortArmWake(PdoGetContext(Device), FALSE);
} //@return

//@fn EvtDeviceD0Exit
// The PDO leaves D0 last, after the drivers above it.
NTSTATUS
PdoEvtDeviceD0Exit(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE TargetState
    )
{
    UNREFERENCED_PARAMETER(TargetState);
    BusPortPower(PdoGetContext(Device), FALSE);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceReleaseHardware
// Undo PrepareHardware.
NTSTATUS
PdoEvtDeviceReleaseHardware(
    _In_ WDFDEVICE    Device,
    _In_ WDFCMRESLIST ResourcesTranslated
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(ResourcesTranslated);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceReportedMissing
// The hub's scan no longer lists this child (the cable was pulled):
// the framework reports it missing and the removal IRPs follow. The PDO
// itself stays until IRP_MN_REMOVE_DEVICE.
VOID
PdoEvtDeviceReportedMissing(
    _In_ WDFDEVICE Device
    )
{
    PdoGetContext(Device)->Present = FALSE;
} //@return
`,
};
