/**
 * The lab's UMDF 1 driver, COM-style (markers: docs/driver-sources.md). Written for the lab in the shape of the
 * WDK's UMDF 1 samples (the skeleton and the OSR USB-FX2 UMDF lab); not a copy of them.
 */
import type { SourceSpec } from './format';

export const UMDF1_DRIVER: SourceSpec = {
  id: 'umdf1-driver',
  file: 'SimUmdfDriver.cpp',
  title: 'UMDF 1 driver (COM callback objects)',
  serves: 'SimDiskUmdf, SimScannerUmdf, SimCameraUmdf, SimNicUmdf, and the UMDF 1 filters SimUmdfLowerFilter1…, SimUmdfUpperFilter1…',
  language: 'cpp',
  framework: 'umdf1',
  text: String.raw`
/*
 * SimUmdfDriver.cpp - the lab's UMDF 1 drivers. They run in the driver
 * host process (WUDFHost.exe); the reflector (WUDFRd.sys) carries each
 * PnP and power IRP there. The framework calls COM interfaces that the
 * driver's callback objects implement. The lab's UMDF 1 filters run this
 * same code, marked as filters in OnDeviceAdd.
 * Orders: wdf/a-user-plugs-in-a-device-umdf.md,
 *         wdf/a-user-unplugs-a-device-umdf.md
 */
#include "internal.h"   // CUnknown, CMyDriver, CMyDevice, CMyQueue

/* ---- CMyDriver: IDriverEntry ------------------------------------------- */

//@fn IDriverEntry::OnInitialize
// The host has loaded the driver DLL: once per driver.
HRESULT
CMyDriver::OnInitialize(
    _In_ IWDFDriver* pWdfDriver
    )
{
    UNREFERENCED_PARAMETER(pWdfDriver);
    return S_OK; //@return
}

//@fn IDriverEntry::OnDeviceAdd
// AddDevice: create the device callback object and its framework device.
// CreateDevice asks the object (QueryInterface) which callback interfaces
// it implements. A failure leaves the device with CM_PROB_FAILED_ADD.
HRESULT
CMyDriver::OnDeviceAdd(
    _In_ IWDFDriver*           pWdfDriver,
    _In_ IWDFDeviceInitialize* pWdfDeviceInit
    )
{
    CMyDevice* device = new CMyDevice();   // the device callback object
    IWDFDevice* fxDevice = NULL;
    HRESULT hr;

    if (device == NULL) {
        return E_OUTOFMEMORY;
    }
    if (m_IsFilter) {
        pWdfDeviceInit->SetFilter();   // SimUmdfLowerFilter1, ...
    }
    pWdfDeviceInit->SetLockingConstraint(None);
    IUnknown* callbacks = device->QueryIUnknown();
    hr = pWdfDriver->CreateDevice(pWdfDeviceInit, callbacks, &fxDevice);
    callbacks->Release();
    if (SUCCEEDED(hr)) {
        hr = device->CreateQueue(fxDevice);   // CMyQueue, below
        fxDevice->Release();
    }
    device->Release();
    return hr; //@return
}

//@fn IDriverEntry::OnDeinitialize
// The driver's last device is gone: the host unloads the DLL.
void
CMyDriver::OnDeinitialize(
    _In_ IWDFDriver* pWdfDriver
    )
{
    UNREFERENCED_PARAMETER(pWdfDriver);
} //@return

/* ---- CMyDevice: IPnpCallbackHardware, IPnpCallback ---------------------- */

//@fn IPnpCallbackHardware::OnPrepareHardware
// The UMDF counterpart of IRP_MN_START_DEVICE: open the USB target.
// The framework calls OnReleaseHardware even if this fails.
HRESULT
CMyDevice::OnPrepareHardware(
    _In_ IWDFDevice* pWdfDevice
    )
{
    HRESULT hr = OpenUsbTarget(pWdfDevice);   // IWDFUsbTargetFactory
    return hr; //@return
}

//@fn IPnpCallback::OnD0Entry
// The device enters D0: at start, and back from idle. If it fails the
// framework removes the device; OnD0Exit is not called.
HRESULT
CMyDevice::OnD0Entry(
    _In_ IWDFDevice*            pWdfDevice,
    _In_ WDF_POWER_DEVICE_STATE previousState
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    UNREFERENCED_PARAMETER(previousState);
    return S_OK; //@return
}

//@fn IPnpCallback::OnD0Exit
// The device leaves D0: newState is WdfPowerDeviceD3Final for a removal
// (wdf/a-device-enters-a-low-power-state-umdf.md for idle).
HRESULT
CMyDevice::OnD0Exit(
    _In_ IWDFDevice*            pWdfDevice,
    _In_ WDF_POWER_DEVICE_STATE newState
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    UNREFERENCED_PARAMETER(newState);
    return S_OK; //@return
}

//@fn IPnpCallback::OnQueryStop
// A rebalance: may the device stop for a while? A failure vetoes it.
// (UMDF 1.7 and earlier never call it.)
HRESULT
CMyDevice::OnQueryStop(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    return S_OK; //@return
}

//@fn IPnpCallback::OnQueryRemove
// IRP_MN_QUERY_REMOVE_DEVICE: the only way a UMDF 1 driver can veto an
// orderly removal is to fail this.
HRESULT
CMyDevice::OnQueryRemove(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    return S_OK; //@return
}

//@fn IPnpCallback::OnSurpriseRemoval
// The cable was pulled. Unlike KMDF's EvtDeviceSurpriseRemoval, its place
// among the other callbacks is not guaranteed (the lab's seed picks one
// of four). The hardware is gone: touch it no more.
void
CMyDevice::OnSurpriseRemoval(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    m_Gone = TRUE;
} //@return

//@fn IPnpCallbackHardware::OnReleaseHardware
// Undo OnPrepareHardware: after a removal, a stop or a failed start.
HRESULT
CMyDevice::OnReleaseHardware(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    CloseUsbTarget();
    return S_OK; //@return
}

/* ---- CMyDevice: IPnpCallbackSelfManagedIo ------------------------------- */

//@fn IPnpCallbackSelfManagedIo::OnSelfManagedIoInit
// First start: start the I/O no queue manages. A failure leaves D0,
// releases the hardware and flushes; Cleanup waits for the removal.
HRESULT
CMyDevice::OnSelfManagedIoInit(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    return StartPolling(); //@return
}

//@fn IPnpCallbackSelfManagedIo::OnSelfManagedIoSuspend
// First on every way out of D0.
HRESULT
CMyDevice::OnSelfManagedIoSuspend(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    StopPolling();
    return S_OK; //@return
}

//@fn IPnpCallbackSelfManagedIo::OnSelfManagedIoRestart
// Later starts, and back from idle: resume what Suspend stopped.
HRESULT
CMyDevice::OnSelfManagedIoRestart(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    return StartPolling(); //@return
}

// In the interface, but the framework never calls it (its reference page);
// the low-power page names it where the figure shows OnIoStop.
HRESULT
CMyDevice::OnSelfManagedIoStop(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    return S_OK;
}

//@fn IPnpCallbackSelfManagedIo::OnSelfManagedIoFlush
// Removal: fail the work the self-managed I/O still holds.
void
CMyDevice::OnSelfManagedIoFlush(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    FailPendingWork(HRESULT_FROM_WIN32(ERROR_DEVICE_NOT_CONNECTED));
} //@return

//@fn IPnpCallbackSelfManagedIo::OnSelfManagedIoCleanup
// IRP_MN_REMOVE_DEVICE: free what OnSelfManagedIoInit created.
void
CMyDevice::OnSelfManagedIoCleanup(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    DeletePolling();
} //@return

/* ---- CMyDevice: IPowerPolicyCallbackWakeFromS0 (the power policy owner) --
 * wdf/a-device-enters-a-low-power-state-umdf.md,
 * wdf/a-device-returns-to-its-working-state-umdf.md */

//@fn IPowerPolicyCallbackWakeFromS0::OnArmWakeFromS0
// Idling out with wake enabled: let the device signal wake.
HRESULT
CMyDevice::OnArmWakeFromS0(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    return EnableWakeSignal(TRUE); //@return
}

//@fn IPowerPolicyCallbackWakeFromS0::OnWakeFromS0Triggered
// The device itself signalled wake.
void
CMyDevice::OnWakeFromS0Triggered(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    m_WokeBySignal = TRUE;
} //@return

//@fn IPowerPolicyCallbackWakeFromS0::OnDisarmWakeFromS0
// Back in D0: stop the wake signal.
void
CMyDevice::OnDisarmWakeFromS0(
    _In_ IWDFDevice* pWdfDevice
    )
{
    UNREFERENCED_PARAMETER(pWdfDevice);
    EnableWakeSignal(FALSE);
} //@return

/* ---- CMyQueue: IQueueCallbackIoStop, IQueueCallbackIoResume ------------- */

//@fn IQueueCallbackIoStop::OnIoStop
// The queue stops with a request in this driver's hands.
void
CMyQueue::OnIoStop(
    _In_ IWDFIoQueue*   pWdfQueue,
    _In_ IWDFIoRequest* pWdfRequest,
    _In_ ULONG          ActionFlags
    )
{
    UNREFERENCED_PARAMETER(pWdfQueue);
    if (ActionFlags & WdfRequestStopActionSuspend) {
        AcknowledgeStop(pWdfRequest);   // IWDFIoRequest2::StopAcknowledge
    } else {                            // WdfRequestStopActionPurge
        pWdfRequest->Complete(HRESULT_FROM_WIN32(ERROR_OPERATION_ABORTED));
    }
} //@return

//@fn IQueueCallbackIoResume::OnIoResume
// Back in D0: the request OnIoStop kept is this driver's again.
void
CMyQueue::OnIoResume(
    _In_ IWDFIoQueue*   pWdfQueue,
    _In_ IWDFIoRequest* pWdfRequest
    )
{
    UNREFERENCED_PARAMETER(pWdfQueue);
    ContinueRequest(pWdfRequest);
} //@return
`,
};
