/**
 * The lab's WIA scanner minidriver (markers: docs/driver-sources.md). Written for the lab in the shape of the WDK's
 * WIA samples (wia/wiadriverex/usd, wia/ProdScan); not a copy of them.
 */
import type { SourceSpec } from './format';

export const WIA_MINIDRIVER: SourceSpec = {
  id: 'wia-minidriver',
  file: 'SimScannerWia.cpp',
  title: 'WIA minidriver (IStiUSD, IWiaMiniDrv)',
  serves: 'the scanner’s minidriver, loaded by the WIA service (trace component "minidriver")',
  language: 'cpp',
  framework: 'wia',
  text: String.raw`
/*
 * SimScannerWia.cpp - the scanner's WIA minidriver: a COM object in the
 * WIA service's process that implements IStiUSD (the device) and
 * IWiaMiniDrv (items, properties, transfers).
 * Order of calls: image/calling-order-for-minidriver-functions.md
 * (MicrosoftDocs/windows-driver-docs, as every page cited below).
 */
#include "stdafx.h"   // CWiaDriver, the commands of the lab's scanner

/* ---- IStiUSD: the device ------------------------------------------------ */

//@fn IStiUSD::Initialize
// The service loads the driver (image/loading-and-unloading-a-wia-minidriver.md):
// open the device for overlapped I/O and read the DeviceData key. If the
// device cannot be opened, Initialize fails and the driver is not loaded.
HRESULT
CWiaDriver::Initialize(
    _In_ PSTIDEVICECONTROL pHelDcb,
    DWORD                  dwStiVersion,
    _In_ HKEY              hParametersKey
    )
{
    WCHAR szPort[MAX_PATH];

    UNREFERENCED_PARAMETER(dwStiVersion);
    HRESULT hr = pHelDcb->GetMyDevicePortName(szPort, MAX_PATH);
    if (FAILED(hr)) return hr;
    m_hDevice = CreateFile(szPort, GENERIC_READ | GENERIC_WRITE, 0, NULL, //@call CreateFile
                           OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    if (m_hDevice == INVALID_HANDLE_VALUE) return WIA_ERROR_OFFLINE;
    ReadDeviceData(hParametersKey);
    return S_OK; //@return
}

//@fn IStiUSD::GetCapabilities
// What the device can do: a WIA device that reports events.
HRESULT
CWiaDriver::GetCapabilities(
    _Out_ PSTI_USD_CAPS pDevCaps
    )
{
    memset(pDevCaps, 0, sizeof(*pDevCaps));
    pDevCaps->dwVersion = STI_VERSION;
    pDevCaps->dwGenericCaps = STI_GENCAP_WIA | STI_GENCAP_NOTIFICATIONS
                            | STI_USD_GENCAP_NATIVE_PUSHSUPPORT;
    return S_OK; //@return
}

//@fn IStiUSD::GetStatus
// Is the device online? The service asks right after loading the driver.
HRESULT
CWiaDriver::GetStatus(
    _Inout_ PSTI_DEVICE_STATUS pDevStatus
    )
{
    if (pDevStatus->StatusMask & STI_DEVSTATUS_ONLINE_STATE) {
        pDevStatus->dwOnlineState = m_bDisconnected ? 0 : STI_ONLINESTATE_OPERATIONAL;
    }
    return S_OK; //@return
}

//@fn IStiUSD::LockDevice
// Called by the service's STI device object (IStiDevice::LockDevice),
// never by a WIA application: one holder at a time. Protect the flag
// from other threads (image/locking-and-unlocking-best-practices.md).
HRESULT
CWiaDriver::LockDevice(
    VOID
    )
{
    if (InterlockedCompareExchange(&m_lLocked, 1, 0) != 0) {
        return STIERR_DEVICE_LOCKED;
    }
    return S_OK; //@return
}

//@fn IStiUSD::UnLockDevice
// The service's STI device object lets the device go.
HRESULT
CWiaDriver::UnLockDevice(
    VOID
    )
{
    InterlockedExchange(&m_lLocked, 0);
    return S_OK; //@return
}

/* ---- IWiaMiniDrv: sessions ---------------------------------------------- */

//@fn drvInitializeWia
// An application connected (IWiaDevMgr::CreateDevice): once per client,
// each may come before any drvUnInitializeWia. Cache the IStiDevice the
// service passes: drvLockWiaDevice locks through it.
HRESULT
CWiaDriver::drvInitializeWia(
    _In_  BYTE*         pWiasContext,
          LONG          lFlags,
    _In_  BSTR          bstrDeviceID,
    _In_  BSTR          bstrRootFullItemName,
    _In_  IUnknown*     pStiDevice,
    _In_  IUnknown*     punkOuter,
    _Out_ IWiaDrvItem** ppIDrvItemRoot,
    _Out_ IUnknown**    ppIUnknownInner,
    _Out_ LONG*         plDevErrVal
    )
{
    HRESULT hr = S_OK;

    UNREFERENCED_PARAMETER(pWiasContext);
    UNREFERENCED_PARAMETER(lFlags);
    UNREFERENCED_PARAMETER(punkOuter);
    *plDevErrVal = 0;
    *ppIUnknownInner = NULL;
    if (m_pStiDevice == NULL) {
        hr = pStiDevice->QueryInterface(IID_IStiDevice, (void**)&m_pStiDevice);
    }
    if (SUCCEEDED(hr) && m_pRootItem == NULL) {
        hr = BuildItemTree(bstrDeviceID, bstrRootFullItemName);
    }
    if (SUCCEEDED(hr)) {
        InterlockedIncrement(&m_lClients);
        *ppIDrvItemRoot = m_pRootItem;
    }
    return hr; //@return
}

//@fn drvInitItemProperties
// Give the new items their properties (image/initializing-the-wia-minidriver.md).
HRESULT
CWiaDriver::drvInitItemProperties(
    _In_  BYTE* pWiasContext,
          LONG  lFlags,
    _Out_ LONG* plDevErrVal
    )
{
    UNREFERENCED_PARAMETER(lFlags);
    *plDevErrVal = 0;
    HRESULT hr = InitScannerItemProperties(pWiasContext);   // wiasWriteMultiple
    return hr; //@return
}

//@fn drvUnInitializeWia
// A client's session ends: it released the device, or the driver is being
// unloaded. The driver stays loaded; shared state goes with the last one.
HRESULT
CWiaDriver::drvUnInitializeWia(
    _In_ BYTE* pWiasContext
    )
{
    UNREFERENCED_PARAMETER(pWiasContext);
    if (InterlockedDecrement(&m_lClients) == 0) {
        DestroyItemTree();
    }
    return S_OK; //@return
}

/* ---- IWiaMiniDrv: a scan (lock, write properties, acquire, unlock) ------ */

//@fn drvLockWiaDevice
// Only the service calls it. Lock through the cached IStiDevice, never the
// hardware itself: the service's lock management then calls
// IStiUSD::LockDevice (image/locking-and-unlocking-best-practices.md).
HRESULT
CWiaDriver::drvLockWiaDevice(
    _In_  BYTE* pWiasContext,
          LONG  lFlags,
    _Out_ LONG* plDevErrVal
    )
{
    UNREFERENCED_PARAMETER(pWiasContext);
    UNREFERENCED_PARAMETER(lFlags);
    *plDevErrVal = 0;
    return m_pStiDevice->LockDevice(LOCK_TIMEOUT_MS); //@return //@call IStiDevice::LockDevice
}

//@fn drvWriteItemProperties
// Just before the transfer, device locked: send the scan window
// (position, extent, resolution) to the scanner.
HRESULT
CWiaDriver::drvWriteItemProperties(
    _In_  BYTE*                     pWiasContext,
          LONG                      lFlags,
    _In_  PMINIDRV_TRANSFER_CONTEXT pmdtc,
    _Out_ LONG*                     plDevErrVal
    )
{
    SCAN_WINDOW window;

    UNREFERENCED_PARAMETER(lFlags);
    UNREFERENCED_PARAMETER(pmdtc);
    *plDevErrVal = 0;
    if (m_bDisconnected) return S_OK;   // touch no hardware //@careful
    ReadScanWindow(pWiasContext, &window);   // WIA_IPS_XPOS, ..., WIA_IPS_XRES
    if (!SendCommand(CMD_SET_SCAN_WINDOW, &window, sizeof(window))) { //@call WriteFile
        return WIA_ERROR_OFFLINE;
    }
    return S_OK; //@return
}

//@fn drvAcquireItemData
// The transfer: read each page band by band and hand every band to the
// service (image/in-memory-transfers.md, image/file-transfers.md). S_FALSE
// means the transfer was cancelled; any other error is returned as it is
// (image/canceling-a-data-transfer.md).
HRESULT
CWiaDriver::drvAcquireItemData(
    _In_    BYTE*                     pWiasContext,
            LONG                      lFlags,
    _Inout_ PMINIDRV_TRANSFER_CONTEXT pmdtc,
    _Out_   LONG*                     plDevErrVal
    )
{
    LONG lPage = 1;
    LONG lPagesWanted = PagesWanted(pWiasContext);   // WIA_DPS_PAGES, 0: all

    UNREFERENCED_PARAMETER(lFlags);
    *plDevErrVal = 0;
    if (m_bDisconnected) return WIA_ERROR_OFFLINE; //@careful
    HRESULT hr = StartPage();            // no paper: WIA_ERROR_PAPER_EMPTY
    while (hr == S_OK) {
        for (LONG lBand = 0; hr == S_OK && lBand < BANDS_PER_PAGE; lBand++) {
            hr = ReadBand(pmdtc);        // the cable, a jam, a cancel
            if (hr == S_OK) {
                hr = SendBand(pmdtc, lBand);   // S_FALSE: the application cancelled
            }
        }
        if (hr != S_OK) {
            StopScan();                  // back to idle, ready for the next scan
            break;
        }
        if (!m_bFeeder || lPage == lPagesWanted) {
            break;                       // done: S_OK
        }
        hr = StartPage();                // feed the next sheet
        if (hr == WIA_ERROR_PAPER_EMPTY) {
            hr = (lPagesWanted == 0) ? S_OK : WIA_STATUS_END_OF_MEDIA;
            break;
        }
        if (hr == S_OK && pmdtc->tymed == TYMED_CALLBACK) {
            hr = wiasSendEndOfPage(pWiasContext, lPage, pmdtc); //@call wiasSendEndOfPage
        }
        lPage++;
    }
    return hr; //@return
}

// Flatbed: start the scan. Feeder: feed a sheet; an empty feeder says
// WIA_ERROR_PAPER_EMPTY
// (image/adding-document-feeder-support-for-windows-me-and-windows-xp.md).
HRESULT
CWiaDriver::StartPage(
    VOID
    )
{
    if (m_bDisconnected) return WIA_ERROR_OFFLINE; //@careful
    if (m_bFeeder && !FeederHasPaper()) return WIA_ERROR_PAPER_EMPTY;
    BOOL ok = m_bFeeder ? SendIoctl(IOCTL_SIM_FEED_PAGE) //@call DeviceIoControl
                        : SendCommand(CMD_START_SCAN, NULL, 0); //@call WriteFile
    return ok ? S_OK : WIA_ERROR_OFFLINE;
}

// One band, with overlapped I/O (the device was opened with
// FILE_FLAG_OVERLAPPED), so that CancelIo can end a pending read.
HRESULT
CWiaDriver::ReadBand(
    _Inout_ PMINIDRV_TRANSFER_CONTEXT pmdtc
    )
{
    DWORD dwRead = 0;

    if (m_bDisconnected) return WIA_ERROR_OFFLINE; //@careful
    if (m_bCancelIo) return S_FALSE;     // WIA_EVENT_CANCEL_IO: no new read
    if (!ReadFile(m_hDevice, pmdtc->pTransferBuffer, BAND_BYTES, NULL, &m_ov) //@call ReadFile
        && GetLastError() != ERROR_IO_PENDING) {
        return WIA_ERROR_OFFLINE;        // ERROR_DEVICE_NOT_CONNECTED
    }
    if (!GetOverlappedResult(m_hDevice, &m_ov, &dwRead, TRUE)) { //@call GetOverlappedResult
        DWORD err = GetLastError();
        if (err == ERROR_OPERATION_ABORTED) return S_FALSE;   // CancelIo
        return (err == ERROR_IO_DEVICE) ? WIA_ERROR_PAPER_JAM : WIA_ERROR_OFFLINE;
    }
    return (dwRead == 0) ? S_FALSE : S_OK;   // no data: the scanner's cancel button
}

// Memory transfers pass the band itself; file transfers write it through
// the service and report progress only (image/file-transfers.md).
HRESULT
CWiaDriver::SendBand(
    _Inout_ PMINIDRV_TRANSFER_CONTEXT pmdtc,
    LONG                              lBand
    )
{
    IWiaMiniDrvCallBack* cb = pmdtc->pIWiaMiniDrvCallBack;
    LONG lPercent = (lBand + 1) * 100 / BANDS_PER_PAGE;

    if (pmdtc->tymed == TYMED_CALLBACK) {
        return cb->MiniDrvCallback(IT_MSG_DATA, IT_STATUS_TRANSFER_TO_CLIENT, //@call MiniDrvCallback
                                   lPercent, lBand * BAND_BYTES, BAND_BYTES, pmdtc, 0);
    }
    HRESULT hr = wiasWriteBufToFile(0, pmdtc); //@call wiasWriteBufToFile
    if (SUCCEEDED(hr)) {
        hr = cb->MiniDrvCallback(IT_MSG_STATUS, IT_STATUS_TRANSFER_TO_CLIENT, //@call MiniDrvCallback
                                 lPercent, 0, 0, pmdtc, 0);
    }
    return hr;
}

// After a cancel or an error: stop the scanner, return to idle.
VOID
CWiaDriver::StopScan(
    VOID
    )
{
    if (m_bDisconnected) return; //@careful
    SendCommand(CMD_CANCEL_SCAN, NULL, 0); //@call WriteFile
}

//@fn drvUnLockWiaDevice
// Like the lock: through IStiDevice, which calls IStiUSD::UnLockDevice.
HRESULT
CWiaDriver::drvUnLockWiaDevice(
    _In_  BYTE* pWiasContext,
          LONG  lFlags,
    _Out_ LONG* plDevErrVal
    )
{
    UNREFERENCED_PARAMETER(pWiasContext);
    UNREFERENCED_PARAMETER(lFlags);
    *plDevErrVal = 0;
    return m_pStiDevice->UnLockDevice(); //@return //@call IStiDevice::UnLockDevice
}

/* ---- IWiaMiniDrv: events from the service ------------------------------- */

//@fn drvNotifyPnpEvent
// The service passes on device events, at any time: not serialized behind
// drvAcquireItemData.
HRESULT
CWiaDriver::drvNotifyPnpEvent(
    _In_ const GUID* pEventGUID,
    _In_ BSTR        bstrDeviceID,
         ULONG       ulReserved
    )
{
    UNREFERENCED_PARAMETER(bstrDeviceID);
    UNREFERENCED_PARAMETER(ulReserved);
    if (*pEventGUID == WIA_EVENT_DEVICE_DISCONNECTED) {
        // The cable was pulled and the service will unload this driver: no
        // method may touch the hardware from now on (image/how-the-wia-
        // minidriver-receives-a-disconnect-event-from-the-wia-servic.md).
        m_bDisconnected = TRUE;
    } else if (*pEventGUID == WIA_EVENT_CANCEL_IO) {
        // IWiaItemExtras::CancelPendingIO (image/canceling-pending-i-o-operations.md):
        m_bCancelIo = TRUE;              // start no new read...
        CancelIo(m_hDevice);             // ...and end the pending one //@call CancelIo
    }
    return S_OK; //@return
}

/* ---- IUnknown: unloading ------------------------------------------------ */

//@fn IUnknown::Release
// The service lets go of the driver before unloading it. Release returns
// the new reference count, not an HRESULT: 0 means the object is freed.
// The service closes the device handle afterwards.
ULONG
CWiaDriver::Release(
    VOID
    )
{
    ULONG cRef = InterlockedDecrement(&m_cRef);
    if (cRef == 0) {
        if (!m_bDisconnected) //@careful
            SendCommand(CMD_LAMP_OFF, NULL, 0); //@call WriteFile
        delete this;
    }
    return cRef; //@return
}
`,
};
