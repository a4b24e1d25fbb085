/**
 * The KMDF function driver the lab runs for every model (markers: docs/driver-sources.md). Written for the lab in
 * the shape of the WDK's KMDF samples (general/toaster/toastDrv/kmdf/func); not a copy of them.
 */
import type { SourceSpec } from './format';

export const KMDF_FUNCTION: SourceSpec = {
  id: 'kmdf-function',
  file: 'SimDevice.c',
  title: 'KMDF function driver',
  serves: 'SimDisk, SimScanner, SimCamera, SimNic, and the hub’s FDO (USBHUB3) at the function layer',
  language: 'c',
  framework: 'kmdf',
  text: String.raw`
/*
 * SimDevice.c - the KMDF function driver of the lab's devices.
 * One source for every model, as the lab's engine has one model of a
 * function driver: only SimNic has an interrupt and DMA, only the hub
 * has a child list; the callbacks a model lacks are never called.
 * Orders: wdf/a-user-plugs-in-a-device.md, wdf/a-user-unplugs-a-device.md
 * (MicrosoftDocs/windows-driver-docs, as every page cited below).
 */
#include <ntddk.h>
#include <wdf.h>
#include "SimDevice.h"   // DEVICE_CONTEXT, the role types (EVT_WDF_...)

//@fn DriverEntry
// Once per driver image, before its first device; not again for a
// second device of the same model.
NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT  DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, SimEvtDriverDeviceAdd);
    config.EvtDriverUnload = SimEvtDriverUnload;
    status = WdfDriverCreate(DriverObject, RegistryPath,
                             WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
    return status; //@return
}

//@fn EvtDriverDeviceAdd
// AddDevice: create the FDO and register the callbacks below.
// A failure leaves the device with CM_PROB_FAILED_ADD.
NTSTATUS
SimEvtDriverDeviceAdd(
    _In_    WDFDRIVER       Driver,
    _Inout_ PWDFDEVICE_INIT DeviceInit
    )
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnpPower;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnpPower);
    pnpPower.EvtDevicePrepareHardware = SimEvtDevicePrepareHardware;
    pnpPower.EvtDeviceReleaseHardware = SimEvtDeviceReleaseHardware;
    pnpPower.EvtDeviceD0Entry = SimEvtDeviceD0Entry;
    pnpPower.EvtDeviceD0EntryPostInterruptsEnabled = SimEvtDeviceD0EntryPostInterruptsEnabled;
    pnpPower.EvtDeviceD0ExitPreInterruptsDisabled = SimEvtDeviceD0ExitPreInterruptsDisabled;
    pnpPower.EvtDeviceD0Exit = SimEvtDeviceD0Exit;
    pnpPower.EvtDeviceSelfManagedIoInit = SimEvtDeviceSelfManagedIoInit;
    pnpPower.EvtDeviceSelfManagedIoSuspend = SimEvtDeviceSelfManagedIoSuspend;
    pnpPower.EvtDeviceSelfManagedIoRestart = SimEvtDeviceSelfManagedIoRestart;
    pnpPower.EvtDeviceSelfManagedIoFlush = SimEvtDeviceSelfManagedIoFlush;
    pnpPower.EvtDeviceSelfManagedIoCleanup = SimEvtDeviceSelfManagedIoCleanup;
    pnpPower.EvtDeviceQueryRemove = SimEvtDeviceQueryRemove;
    pnpPower.EvtDeviceQueryStop = SimEvtDeviceQueryStop;
    pnpPower.EvtDeviceSurpriseRemoval = SimEvtDeviceSurpriseRemoval;
    pnpPower.EvtDeviceRelationsQuery = SimEvtDeviceRelationsQuery;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnpPower);

    SimSetFdoAndPolicyCallbacks(DeviceInit);  // resources, wake (below)
    if (SimModelHasPorts(DeviceInit)) {
        SimSetChildListConfig(DeviceInit);    // the hub only
    }

    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVICE_CONTEXT);
    attributes.EvtCleanupCallback = SimEvtCleanupCallback;
    attributes.EvtDestroyCallback = SimEvtDestroyCallback;
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    status = SimCreateQueues(device);          // EvtIoStop, EvtIoResume
    if (NT_SUCCESS(status) && SimModelHasInterrupt(device)) {
        status = SimCreateInterruptAndDma(device);   // SimNic only
    }
    return status; //@return
}

// The FDO's resource callbacks, and the power policy owner's wake callbacks.
VOID
SimSetFdoAndPolicyCallbacks(
    _Inout_ PWDFDEVICE_INIT DeviceInit
    )
{
    WDF_FDO_EVENT_CALLBACKS fdo;
    WDF_POWER_POLICY_EVENT_CALLBACKS policy;

    WDF_FDO_EVENT_CALLBACKS_INIT(&fdo);
    fdo.EvtDeviceFilterRemoveResourceRequirements = SimEvtDeviceFilterRemoveResourceRequirements;
    fdo.EvtDeviceFilterAddResourceRequirements = SimEvtDeviceFilterAddResourceRequirements;
    fdo.EvtDeviceRemoveAddedResources = SimEvtDeviceRemoveAddedResources;
    WdfFdoInitSetEventCallbacks(DeviceInit, &fdo);

    WDF_POWER_POLICY_EVENT_CALLBACKS_INIT(&policy);
    policy.EvtDeviceArmWakeFromS0 = SimEvtDeviceArmWakeFromS0;
    policy.EvtDeviceDisarmWakeFromS0 = SimEvtDeviceDisarmWakeFromS0;
    policy.EvtDeviceWakeFromS0Triggered = SimEvtDeviceWakeFromS0Triggered;
    WdfDeviceInitSetPowerPolicyEventCallbacks(DeviceInit, &policy);
}

// The hub's FDO enumerates what is on its ports; the child list creates
// each child's PDO with BusEvtChildListCreateDevice (SimBus.c).
VOID
SimSetChildListConfig(
    _Inout_ PWDFDEVICE_INIT DeviceInit
    )
{
    WDF_CHILD_LIST_CONFIG config;

    WDF_CHILD_LIST_CONFIG_INIT(&config, sizeof(PORT_IDENTIFICATION),
                               BusEvtChildListCreateDevice);
    config.EvtChildListScanForChildren = SimEvtChildListScanForChildren;
    WdfFdoInitSetDefaultChildListConfig(DeviceInit, &config, WDF_NO_OBJECT_ATTRIBUTES);
}

// One power-managed queue and one that is not: the lab's function driver
// holds a request from each once the device has started.
NTSTATUS
SimCreateQueues(
    _In_ WDFDEVICE Device
    )
{
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;

    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchSequential);
    config.EvtIoDefault = SimEvtIoDefault;
    config.EvtIoStop = SimEvtIoStop;
    config.EvtIoResume = SimEvtIoResume;
    status = WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, NULL);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchSequential);
    config.PowerManaged = WdfFalse;
    config.EvtIoDefault = SimEvtIoDefault;
    config.EvtIoStop = SimEvtIoStop;
    return WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, NULL);
}

// SimNic: its interrupt and its DMA enabler have callbacks of their own
// (wdf/supporting-power-management-for-dma-devices.md).
NTSTATUS
SimCreateInterruptAndDma(
    _In_ WDFDEVICE Device
    )
{
    PDEVICE_CONTEXT ctx = DeviceGetContext(Device);
    WDF_INTERRUPT_CONFIG interrupt;
    WDF_DMA_ENABLER_CONFIG dma;
    NTSTATUS status;

    WDF_INTERRUPT_CONFIG_INIT(&interrupt, SimEvtInterruptIsr, SimEvtInterruptDpc);
    interrupt.EvtInterruptEnable = SimEvtInterruptEnable;
    interrupt.EvtInterruptDisable = SimEvtInterruptDisable;
    status = WdfInterruptCreate(Device, &interrupt, WDF_NO_OBJECT_ATTRIBUTES, &ctx->Interrupt);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    WDF_DMA_ENABLER_CONFIG_INIT(&dma, WdfDmaProfileScatterGather64, SIM_MAX_TRANSFER);
    dma.EvtDmaEnablerFill = SimEvtDmaEnablerFill;
    dma.EvtDmaEnablerFlush = SimEvtDmaEnablerFlush;
    dma.EvtDmaEnablerEnable = SimEvtDmaEnablerEnable;
    dma.EvtDmaEnablerDisable = SimEvtDmaEnablerDisable;
    dma.EvtDmaEnablerSelfManagedIoStart = SimEvtDmaEnablerSelfManagedIoStart;
    dma.EvtDmaEnablerSelfManagedIoStop = SimEvtDmaEnablerSelfManagedIoStop;
    return WdfDmaEnablerCreate(Device, &dma, WDF_NO_OBJECT_ATTRIBUTES, &ctx->DmaEnabler);
}

/* ---- Resources (wdf/wdm-irps-and-kmdf-event-callback-functions.md) -------- */

//@fn EvtDeviceFilterRemoveResourceRequirements
// IRP_MN_FILTER_RESOURCE_REQUIREMENTS on its way down: take out what
// this driver will not use.
NTSTATUS
SimEvtDeviceFilterRemoveResourceRequirements(
    _In_ WDFDEVICE       Device,
    _In_ WDFIORESREQLIST IoResourceRequirementsList
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(IoResourceRequirementsList);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceFilterAddResourceRequirements
// The same IRP on its way back up: add resources the bus did not list.
NTSTATUS
SimEvtDeviceFilterAddResourceRequirements(
    _In_ WDFDEVICE       Device,
    _In_ WDFIORESREQLIST IoResourceRequirementsList
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(IoResourceRequirementsList);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceRemoveAddedResources
// IRP_MN_START_DEVICE on its way down, only when it carries resources
// (SimNic): take out what FilterAdd added, before the bus driver sees
// the lists. A failure completes the start IRP here.
NTSTATUS
SimEvtDeviceRemoveAddedResources(
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
// IRP_MN_QUERY_DEVICE_RELATIONS: a look only; the framework answers it
// (for the hub, from its child list).
VOID
SimEvtDeviceRelationsQuery(
    _In_ WDFDEVICE            Device,
    _In_ DEVICE_RELATION_TYPE RelationType
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(RelationType);
} //@return

//@fn EvtChildListScanForChildren
// The hub only: report every device on its ports. The framework then
// creates the new children's PDOs and reports the missing ones.
VOID
SimEvtChildListScanForChildren(
    _In_ WDFCHILDLIST ChildList
    )
{
    WdfChildListBeginScan(ChildList);
    SimReportPortsInUse(ChildList);   // ...AddOrUpdateChildDescriptionAsPresent
    WdfChildListEndScan(ChildList);
} //@return

/* ---- Start (wdf/power-up-sequence-for-a-function-or-filter-driver.md) ------ */

//@fn EvtDevicePrepareHardware
// IRP_MN_START_DEVICE on its way up: the hardware is now this driver's.
// USB models get no resources: they open their USB target. SimNic maps
// its memory window, which moves on every rebalance. The framework calls
// ReleaseHardware even if this fails.
NTSTATUS
SimEvtDevicePrepareHardware(
    _In_ WDFDEVICE    Device,
    _In_ WDFCMRESLIST ResourcesRaw,
    _In_ WDFCMRESLIST ResourcesTranslated
    )
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(ResourcesRaw);
    status = SimOpenHardware(DeviceGetContext(Device), ResourcesTranslated);
    return status; //@return
}

//@fn EvtDeviceD0Entry
// The device enters D0: at every start, and back from idle (then without
// PrepareHardware). A failed D0Entry never gets a matching D0Exit.
NTSTATUS
SimEvtDeviceD0Entry(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE PreviousState
    )
{
    UNREFERENCED_PARAMETER(PreviousState);   // WdfPowerDeviceD3Final at a start
    SimPowerOn(DeviceGetContext(Device));
    return STATUS_SUCCESS; //@return
}

//@fn EvtInterruptEnable
// SimNic: the interrupt is connected; let the device raise it.
NTSTATUS
SimEvtInterruptEnable(
    _In_ WDFINTERRUPT Interrupt,
    _In_ WDFDEVICE    AssociatedDevice
    )
{
    UNREFERENCED_PARAMETER(Interrupt);
    SimWriteInterruptMask(DeviceGetContext(AssociatedDevice), SIM_INTERRUPTS_ON);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceD0EntryPostInterruptsEnabled
// After the interrupts are enabled, before the queues restart.
NTSTATUS
SimEvtDeviceD0EntryPostInterruptsEnabled(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE PreviousState
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(PreviousState);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDmaEnablerFill
// SimNic: allocate the receive buffers of the DMA enabler.
NTSTATUS
SimEvtDmaEnablerFill(
    _In_ WDFDMAENABLER DmaEnabler
    )
{
    UNREFERENCED_PARAMETER(DmaEnabler);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDmaEnablerEnable
// SimNic: program the device with the enabler's buffers.
NTSTATUS
SimEvtDmaEnablerEnable(
    _In_ WDFDMAENABLER DmaEnabler
    )
{
    UNREFERENCED_PARAMETER(DmaEnabler);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDmaEnablerSelfManagedIoStart
// SimNic: start the DMA that no request drives (the receive ring).
NTSTATUS
SimEvtDmaEnablerSelfManagedIoStart(
    _In_ WDFDMAENABLER DmaEnabler
    )
{
    UNREFERENCED_PARAMETER(DmaEnabler);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceSelfManagedIoInit
// Once per device object, at its first start (wdf/using-self-managed-i-o.md):
// start the I/O no queue manages, such as a polling timer. A failure
// leaves D0 again, releases the hardware and fails the start.
NTSTATUS
SimEvtDeviceSelfManagedIoInit(
    _In_ WDFDEVICE Device
    )
{
    WdfTimerStart(DeviceGetContext(Device)->PollTimer, WDF_REL_TIMEOUT_IN_MS(100));
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceSelfManagedIoRestart
// Every later start, and the way back from idle: resume what Suspend stopped.
NTSTATUS
SimEvtDeviceSelfManagedIoRestart(
    _In_ WDFDEVICE Device
    )
{
    WdfTimerStart(DeviceGetContext(Device)->PollTimer, WDF_REL_TIMEOUT_IN_MS(100));
    return STATUS_SUCCESS; //@return
}

//@fn EvtIoResume
// Back in D0: the request that EvtIoStop kept is this driver's again.
VOID
SimEvtIoResume(
    _In_ WDFQUEUE   Queue,
    _In_ WDFREQUEST Request
    )
{
    UNREFERENCED_PARAMETER(Queue);
    SimContinueRequest(Request);
} //@return

/* ---- Idle and wake (wdf/a-device-enters-a-low-power-state.md) ------------- */

//@fn EvtDeviceArmWakeFromS0
// Power policy owner, idling out: IRP_MN_WAIT_WAKE has reached the bus
// driver; now let the device signal wake.
NTSTATUS
SimEvtDeviceArmWakeFromS0(
    _In_ WDFDEVICE Device
    )
{
    SimEnableWakeSignal(DeviceGetContext(Device), TRUE);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceWakeFromS0Triggered
// The device itself signalled wake (not I/O), once it is back in D0.
VOID
SimEvtDeviceWakeFromS0Triggered(
    _In_ WDFDEVICE Device
    )
{
    DeviceGetContext(Device)->WokeBySignal = TRUE;
} //@return

//@fn EvtDeviceDisarmWakeFromS0
// Back in D0, before the queues restart: stop the wake signal.
VOID
SimEvtDeviceDisarmWakeFromS0(
    _In_ WDFDEVICE Device
    )
{
    SimEnableWakeSignal(DeviceGetContext(Device), FALSE);
} //@return

/* ---- Leave D0 (wdf/a-user-unplugs-a-device.md) ---------------------------- */

//@fn EvtDeviceSelfManagedIoSuspend
// First on every way out of D0: stop the self-managed I/O.
NTSTATUS
SimEvtDeviceSelfManagedIoSuspend(
    _In_ WDFDEVICE Device
    )
{
    WdfTimerStop(DeviceGetContext(Device)->PollTimer, TRUE);
    return STATUS_SUCCESS; //@return
}

//@fn EvtIoStop
// The queues stop with a request in this driver's hands, once per request
// (wdf/wdm-irps-and-kmdf-event-callback-functions.md).
VOID
SimEvtIoStop(
    _In_ WDFQUEUE   Queue,
    _In_ WDFREQUEST Request,
    _In_ ULONG      ActionFlags
    )
{
    UNREFERENCED_PARAMETER(Queue);
    if (ActionFlags & WdfRequestStopActionSuspend) {
        WdfRequestStopAcknowledge(Request, FALSE);   // keep it: EvtIoResume
    } else {                                         // ...StopActionPurge
        WdfRequestComplete(Request, STATUS_CANCELLED);
    }
} //@return

//@fn EvtDmaEnablerSelfManagedIoStop
// SimNic: stop the receive ring.
NTSTATUS
SimEvtDmaEnablerSelfManagedIoStop(
    _In_ WDFDMAENABLER DmaEnabler
    )
{
    UNREFERENCED_PARAMETER(DmaEnabler);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDmaEnablerDisable
// SimNic: the device must stop using the buffers (Disable comes before Flush).
NTSTATUS
SimEvtDmaEnablerDisable(
    _In_ WDFDMAENABLER DmaEnabler
    )
{
    UNREFERENCED_PARAMETER(DmaEnabler);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDmaEnablerFlush
// SimNic: free the buffers that Fill allocated.
NTSTATUS
SimEvtDmaEnablerFlush(
    _In_ WDFDMAENABLER DmaEnabler
    )
{
    UNREFERENCED_PARAMETER(DmaEnabler);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceD0ExitPreInterruptsDisabled
// Still in D0 with the interrupts connected: the last chance to use them.
NTSTATUS
SimEvtDeviceD0ExitPreInterruptsDisabled(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE TargetState
    )
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(TargetState);
    return STATUS_SUCCESS; //@return
}

//@fn EvtInterruptDisable
// SimNic: keep the device from raising its interrupt.
NTSTATUS
SimEvtInterruptDisable(
    _In_ WDFINTERRUPT Interrupt,
    _In_ WDFDEVICE    AssociatedDevice
    )
{
    UNREFERENCED_PARAMETER(Interrupt);
    SimWriteInterruptMask(DeviceGetContext(AssociatedDevice), SIM_INTERRUPTS_OFF);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceD0Exit
// The device leaves D0. TargetState: WdfPowerDeviceD3Final for a removal,
// a stop or shutdown (then no ReleaseHardware follows); D3 when idle.
NTSTATUS
SimEvtDeviceD0Exit(
    _In_ WDFDEVICE              Device,
    _In_ WDF_POWER_DEVICE_STATE TargetState
    )
{
    UNREFERENCED_PARAMETER(TargetState);
    SimPowerOff(DeviceGetContext(Device));
    return STATUS_SUCCESS; //@return
}

/* ---- Stop and removal (wdf/handling-requests-to-stop-a-device.md) --------- */

//@fn EvtDeviceQueryStop
// IRP_MN_QUERY_STOP_DEVICE (a rebalance): may the device stop for a while?
// An error status vetoes the rebalance. Not called while
// WdfDeviceSetStaticStopRemove(Device, FALSE) is outstanding.
NTSTATUS
SimEvtDeviceQueryStop(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceQueryRemove
// IRP_MN_QUERY_REMOVE_DEVICE: may the device go? An error status vetoes
// the removal: the PnP manager sends IRP_MN_CANCEL_REMOVE_DEVICE to the
// stack and reports PNP_VetoDevice. Not called while
// WdfDeviceSetStaticStopRemove(Device, FALSE) is outstanding.
NTSTATUS
SimEvtDeviceQueryRemove(
    _In_ WDFDEVICE Device
    )
{
    UNREFERENCED_PARAMETER(Device);
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceSurpriseRemoval
// The cable was pulled (wdf/surprise-removal-sequence.md): the first
// callback of the sequence, not synchronized with the PnP and power
// callbacks. The hardware is gone: touch it no more.
VOID
SimEvtDeviceSurpriseRemoval(
    _In_ WDFDEVICE Device
    )
{
    DeviceGetContext(Device)->Gone = TRUE;
} //@return

//@fn EvtDeviceReleaseHardware
// Undo PrepareHardware: after a removal, a stop, or a failed start.
NTSTATUS
SimEvtDeviceReleaseHardware(
    _In_ WDFDEVICE    Device,
    _In_ WDFCMRESLIST ResourcesTranslated
    )
{
    UNREFERENCED_PARAMETER(ResourcesTranslated);
    SimCloseHardware(DeviceGetContext(Device));
    return STATUS_SUCCESS; //@return
}

//@fn EvtDeviceSelfManagedIoFlush
// Removal: fail what the self-managed I/O still holds. After a surprise
// removal it runs at once; Cleanup waits for IRP_MN_REMOVE_DEVICE.
VOID
SimEvtDeviceSelfManagedIoFlush(
    _In_ WDFDEVICE Device
    )
{
    SimFailPendingWork(DeviceGetContext(Device), STATUS_NO_SUCH_DEVICE);
} //@return

//@fn EvtDeviceSelfManagedIoCleanup
// IRP_MN_REMOVE_DEVICE: free what SelfManagedIoInit created.
VOID
SimEvtDeviceSelfManagedIoCleanup(
    _In_ WDFDEVICE Device
    )
{
    WdfObjectDelete(DeviceGetContext(Device)->PollTimer);
} //@return

//@fn EvtCleanupCallback
// The device object is being deleted: release references to other objects
// (wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md).
VOID
SimEvtCleanupCallback(
    _In_ WDFOBJECT Object
    )
{
    UNREFERENCED_PARAMETER(Object);
} //@return

//@fn EvtDestroyCallback
// The last reference is gone, once the drivers below have handled
// IRP_MN_REMOVE_DEVICE: free the context's own memory.
VOID
SimEvtDestroyCallback(
    _In_ WDFOBJECT Object
    )
{
    UNREFERENCED_PARAMETER(Object);
} //@return

//@fn EvtDriverUnload
// The driver's last device object is gone: the image is unloaded
// (kernel/state-transitions-for-pnp-devices.md).
VOID
SimEvtDriverUnload(
    _In_ WDFDRIVER Driver
    )
{
    UNREFERENCED_PARAMETER(Driver);
} //@return
`,
};
