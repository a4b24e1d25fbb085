/**
 * WIA: the calls between an application, the WIA service and a scanner's minidriver, as tables.
 * Rows with `Component` say whose method runs (the callee); rows with `Hardware` make the minidriver
 * touch the device. Sources: the image/ pages cited on each table, the wiamindr_lh reference pages,
 * and the two seeds (canceling a data transfer; the disconnect event).
 */
import { END_FAIL, END_OK } from '../tables/table';
import type { WiaTable } from './wiaHost';

const LOADING = 'image/loading-and-unloading-a-wia-minidriver.md';
const CALL_ORDER = 'image/calling-order-for-minidriver-functions.md';
const CANCEL = 'image/canceling-a-data-transfer.md';
const DISCONNECT = 'image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md';
const MEMORY = 'image/allocating-memory-for-data.md';
const LOCKING = 'image/locking-and-unlocking-best-practices.md';
const FEEDER = 'image/adding-document-feeder-support-for-windows-me-and-windows-xp.md';

/** The service loads the minidriver when the scanner's interface arrives (or at boot). */
export const wiaLoad: WiaTable = {
  id: 'wia.load',
  title: 'The WIA service loads the minidriver',
  cite: LOADING,
  start: 'Initialize',
  rows: [
    { id: 'Initialize', do: 'driverCall', name: 'IStiUSD::Initialize', args: { Hardware: 'CreateFile', Flags: 'FILE_FLAG_OVERLAPPED' }, effect: 'driverLoaded', next: 'RegisterForRemoval', fail: END_FAIL, note: 'The minidriver opens the device (overlapped I/O) and reads its DeviceData registry key. If the device cannot be opened, Initialize fails and the driver is not loaded.' },
    { id: 'RegisterForRemoval', do: 'serviceRegister', name: 'CM_Register_Notification', next: 'GetCapabilities', cite: 'install/registering-for-notification-of-device-interface-arrival-and-device-removal.md', note: 'The service registers on the device handle, so it hears of query-remove and surprise removal like any application.' },
    { id: 'GetCapabilities', do: 'driverCall', name: 'IStiUSD::GetCapabilities', next: 'GetStatus', note: 'STI_GENCAP_WIA and the push-button/notification capabilities.' },
    { id: 'GetStatus', do: 'driverCall', name: 'IStiUSD::GetStatus', args: { StatusMask: 'STI_DEVSTATUS_ONLINE_STATE' }, next: 'TellApps', cite: CALL_ORDER, note: 'The calling-order page names IStiUSD::Initialize and IStiUSD::GetStatus as the STI entry points called when the minidriver starts; after GetCapabilities is the lab\u2019s order.' },
    { id: 'TellApps', do: 'appEvent', name: 'IWiaEventCallback::ImageEventCallback', args: { Event: 'WIA_EVENT_DEVICE_CONNECTED' }, next: END_OK, note: 'Applications registered for WIA_EVENT_DEVICE_CONNECTED (IWiaDevMgr::RegisterEventCallbackInterface, Windows SDK wia_xp.h) are told. No driver page describes it: that the service tells them here, once the driver is loaded, is the lab\u2019s choice.' },
  ],
};

/** IWiaDevMgr::CreateDevice: drvInitializeWia once per client connection. */
export const wiaConnect: WiaTable = {
  id: 'wia.connect',
  title: 'An application connects (IWiaDevMgr::CreateDevice)',
  cite: 'image/how-the-application-creates-the-wia-device.md',
  start: 'CreateDevice',
  rows: [
    { id: 'CreateDevice', do: 'appCall', name: 'IWiaDevMgr::CreateDevice', next: 'LockDevice' },
    { id: 'LockDevice', do: 'driverCall', name: 'IStiUSD::LockDevice', next: 'InitializeWia' },
    { id: 'InitializeWia', do: 'driverCall', name: 'drvInitializeWia', effect: 'appConnected', next: 'UnLockDevice', note: 'Builds the item tree and counts the client: once per connection, several may come before any drvUnInitializeWia.' },
    { id: 'UnLockDevice', do: 'driverCall', name: 'IStiUSD::UnLockDevice', next: 'InitItemProperties' },
    { id: 'InitItemProperties', do: 'forEachItem', name: 'drvInitItemProperties', next: 'RegisterEvents', cite: CALL_ORDER, note: 'Once for each item of the tree drvInitializeWia built (the root item, then the scanner item: "Flatbed", the name for a flatbed with or without a document feeder): the service populates the properties item by item.' },
    { id: 'RegisterEvents', do: 'appCall', name: 'IWiaDevMgr::RegisterEventCallbackInterface', args: { Event: 'WIA_EVENT_DEVICE_DISCONNECTED' }, when: 'appNotRegistered', effect: 'appRegistered', next: END_OK, note: 'The application asks to hear when the device is connected or disconnected (Windows SDK wia_xp.h; no driver page covers it: registering right after connecting is the lab\u2019s choice).' },
  ],
};

/** The application releases its last item: drvUnInitializeWia (the driver stays loaded). */
export const wiaRelease: WiaTable = {
  id: 'wia.release',
  title: 'An application releases the device',
  cite: 'image/how-the-application-releases-the-wia-device.md',
  start: 'Release',
  rows: [
    { id: 'Release', do: 'release', name: 'IWiaItem::Release', args: { Component: 'service' }, next: 'UnInitializeWia', note: 'Release returns the new reference count, not an HRESULT: 0 once the application holds no reference to the item.' },
    { id: 'UnInitializeWia', do: 'driverCall', name: 'drvUnInitializeWia', effect: 'appDisconnected', next: END_OK, note: 'One per disconnecting client; shared resources are freed when the count reaches 0. The driver is not unloaded.' },
  ],
};

/** A scan: lock, write properties, acquire, unlock; the app sees a data header first and a termination last. */
export const wiaScan: WiaTable = {
  id: 'wia.scan',
  title: 'A scan (lock, write properties, acquire, unlock)',
  cite: CALL_ORDER,
  start: 'GetBandedData',
  rows: [
    { id: 'GetBandedData', do: 'appTransfer', name: 'IWiaDataTransfer::idtGetBandedData', when: 'memoryTransfer', next: 'LockWiaDevice', skipTo: 'GetData', cite: 'image/in-memory-transfers.md', note: 'A legacy application\u2019s memory (callback) transfer; the page describes the transfer, the method is the Windows SDK\u2019s (wia_xp.h IWiaDataTransfer).' },
    { id: 'GetData', do: 'appTransfer', name: 'IWiaDataTransfer::idtGetData', next: 'LockWiaDevice', cite: 'image/file-transfers.md', note: 'A legacy application\u2019s file transfer; the page describes the transfer, the method is the Windows SDK\u2019s (wia_xp.h IWiaDataTransfer).' },
    { id: 'LockWiaDevice', do: 'driverCall', name: 'drvLockWiaDevice', next: 'StiLockDevice', cite: LOCKING, note: 'Only the WIA service calls it (applications cannot). The driver does not lock the hardware itself: it calls IStiDevice::LockDevice on the interface it cached in drvInitializeWia.' },
    { id: 'StiLockDevice', do: 'serviceCall', name: 'IStiDevice::LockDevice', next: 'UsdLockDevice', cite: LOCKING, note: 'The STI device object in the service does the lock management for the device, then calls the driver\u2019s IStiUSD::LockDevice.' },
    { id: 'UsdLockDevice', do: 'driverCall', name: 'IStiUSD::LockDevice', next: 'WriteItemProperties', cite: LOCKING, note: 'The driver marks the device locked (STIERR_DEVICE_LOCKED if someone holds it).' },
    { id: 'WriteItemProperties', do: 'driverCall', name: 'drvWriteItemProperties', args: { Hardware: 'WriteFile', Command: 'SET_SCAN_WINDOW' }, next: 'DataHeader', note: 'The scanner gets position, extent and resolution.' },
    { id: 'DataHeader', do: 'appCallback', name: 'IWiaDataCallback::BandedDataCallback', args: { lMessage: 'IT_MSG_DATA_HEADER', lStatus: 'IT_STATUS_TRANSFER_TO_CLIENT' }, when: 'memoryTransfer', next: 'AcquireItemData', cite: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wiamindr_lh/nf-wiamindr_lh-iwiaminidrvcallback-minidrvcallback', note: 'The application sees one IT_MSG_DATA_HEADER before any data ("Received before any data transfers"); "this message is only sent by the service, not by the driver" (image/mapping-for-a-vista-application-and-legacy-driver.md).' },
    { id: 'AcquireItemData', do: 'acquire', name: 'drvAcquireItemData', table: 'wia.acquire', next: 'UnLockWiaDevice' },
    { id: 'UnLockWiaDevice', do: 'driverCall', name: 'drvUnLockWiaDevice', next: 'StiUnLockDevice', cite: LOCKING, note: 'Like the lock: through IStiDevice, not straight to the hardware.' },
    { id: 'StiUnLockDevice', do: 'serviceCall', name: 'IStiDevice::UnLockDevice', next: 'UsdUnLockDevice', cite: LOCKING },
    { id: 'UsdUnLockDevice', do: 'driverCall', name: 'IStiUSD::UnLockDevice', next: 'Termination', cite: LOCKING },
    { id: 'Termination', do: 'appCallback', name: 'IWiaDataCallback::BandedDataCallback', args: { lMessage: 'IT_MSG_TERMINATION', lStatus: 'IT_STATUS_TRANSFER_TO_CLIENT' }, when: 'transferSucceeded', next: 'TransferReturns', note: 'The last message of a transfer that completed.' },
    { id: 'TransferReturns', do: 'transferReturns', name: 'The application call returns', next: END_OK },
  ],
};

/**
 * Inside drvAcquireItemData: the band loop. Each band: read it from the device, then MiniDrvCallback
 * (IT_MSG_DATA with offset and length for memory; wiasWriteBufToFile then IT_MSG_STATUS for a file).
 * S_FALSE from MiniDrvCallback means cancel; any other failure is returned as it is.
 */
export const wiaAcquire: WiaTable = {
  id: 'wia.acquire',
  title: 'drvAcquireItemData: the band loop',
  cite: 'image/in-memory-transfers.md',
  start: 'CheckConnected',
  rows: [
    { id: 'CheckConnected', do: 'setResult', name: 'Disconnected flag set', args: { hr: 'WIA_ERROR_OFFLINE' }, when: 'disconnectedAndCareful', next: END_OK, skipTo: 'LoadPage', cite: DISCONNECT, note: 'After WIA_EVENT_DEVICE_DISCONNECTED the minidriver must not touch the hardware.' },
    { id: 'LoadPage', do: 'loadPage', name: 'Start the first page', next: 'ReadBand', fail: 'Return', cite: FEEDER, note: 'Flatbed: START_SCAN. Feeder: feed a sheet; no paper on the first page is WIA_ERROR_PAPER_EMPTY, whatever WIA_DPS_PAGES says.' },
    { id: 'ReadBand', do: 'readBand', name: 'ReadFile', next: 'DataCallback', fail: 'StopScan', note: 'Fails if the cable was pulled, the paper jammed, the scanner\u2019s cancel button was pressed or WIA_EVENT_CANCEL_IO cancelled the I/O.' },
    { id: 'DataCallback', do: 'miniDrvCallback', name: 'MiniDrvCallback', args: { lReason: 'IT_MSG_DATA', lStatus: 'IT_STATUS_TRANSFER_TO_CLIENT' }, when: 'memoryTransfer', next: 'MoreBands', fail: 'StopScan', skipTo: 'WriteBufToFile', cite: MEMORY },
    { id: 'WriteBufToFile', do: 'serviceCall', name: 'wiasWriteBufToFile', next: 'StatusCallback', cite: 'image/file-transfers.md', note: 'File transfers write through the service; the driver never uses pmdtc->hFile itself.' },
    { id: 'StatusCallback', do: 'miniDrvCallback', name: 'MiniDrvCallback', args: { lReason: 'IT_MSG_STATUS', lStatus: 'IT_STATUS_TRANSFER_TO_CLIENT' }, next: 'MoreBands', fail: 'StopScan', cite: MEMORY, note: 'Status only, no data, for a file transfer (the page\u2019s sample: wiasWriteBufToFile, then MiniDrvCallback(IT_MSG_STATUS)).' },
    { id: 'MoreBands', do: 'nextBand', name: 'More bands on this page?', when: 'bandsLeft', next: 'ReadBand', skipTo: 'PageDone' },
    { id: 'PageDone', do: 'pageDone', name: 'More pages wanted?', when: 'morePagesWanted', next: 'NextPage', skipTo: 'ReturnOk' },
    { id: 'NextPage', do: 'loadPage', name: 'Feed the next sheet', next: 'EndOfPage', fail: 'Return', cite: FEEDER, note: 'Out of paper after at least one page: WIA_STATUS_END_OF_MEDIA when N pages were asked for. With WIA_DPS_PAGES = 0 (empty the feeder) the pages differ: the drvAcquireItemData reference (windows-driver-docs-ddi wiamindr_lh/nf-wiamindr_lh-iwiaminidrv-drvacquireitemdata.md) says S_OK once the feeder is emptied with no errors; image/adding-document-feeder-support-for-windows-me-and-windows-xp.md says WIA_STATUS_END_OF_MEDIA. The lab follows the reference page (S_OK); no source decides.' },
    { id: 'EndOfPage', do: 'endOfPage', name: 'wiasSendEndOfPage', when: 'memoryTransfer', next: 'ReadBand', fail: 'StopScan', skipTo: 'ReadBand', cite: FEEDER, note: 'Only now that a next page is really coming: IT_MSG_NEW_PAGE goes after one page and before the next, never after the last. The driver calls the service\u2019s wiasSendEndOfPage (total page count), which calls the application back; memory (callback) transfers only.' },
    { id: 'ReturnOk', do: 'setResult', name: 'S_OK', args: { hr: 'S_OK' }, next: END_OK },
    { id: 'StopScan', do: 'stopScan', name: 'Stop acquisition, return to idle', next: 'Return', cite: CANCEL, note: 'On cancel or error the minidriver stops all acquisition and returns to idle, ready for the next transfer.' },
    { id: 'Return', do: 'framework', name: 'Return the result', next: END_OK, cite: CANCEL, note: 'S_FALSE for a cancel; otherwise exactly what MiniDrvCallback (or the device) returned.' },
  ],
};

/**
 * The asynchronous cancel that goes with idtGetBandedData (IWiaDataTransfer): IWiaItemExtras::CancelPendingIO reaches
 * the driver as drvNotifyPnpEvent(WIA_EVENT_CANCEL_IO), at any time. (IWiaTransfer::Cancel is its Windows Vista
 * counterpart for IWiaTransfer stream transfers, which the lab does not model.)
 */
export const wiaAsyncCancel: WiaTable = {
  id: 'wia.asyncCancel',
  title: 'Asynchronous cancel (IWiaItemExtras::CancelPendingIO)',
  cite: 'image/canceling-pending-i-o-operations.md',
  start: 'Cancel',
  rows: [
    { id: 'Cancel', do: 'appCall', name: 'IWiaItemExtras::CancelPendingIO', next: 'NotifyPnpEvent', cite: 'image/cancellation-of-data-transfers-in-windows-xp.md', note: 'The way to abort an idtGetBandedData transfer from outside the callback. It is not linked to the callback path: the service does not answer S_FALSE for it, so a driver that ignored WIA_EVENT_CANCEL_IO would go on until the application answers S_FALSE itself. (IWiaTransfer::Cancel is the Windows Vista method for IWiaTransfer stream transfers.)' },
    { id: 'NotifyPnpEvent', do: 'driverCall', name: 'drvNotifyPnpEvent', args: { pEventGUID: 'WIA_EVENT_CANCEL_IO' }, next: 'CancelIo', note: 'Not serialized behind drvAcquireItemData: it arrives while the transfer runs.' },
    { id: 'CancelIo', do: 'cancelIo', name: 'CancelIo', next: END_OK, cite: LOADING, note: 'The loading page: opened with FILE_FLAG_OVERLAPPED, "the WIA driver can call CancelIo ... to stop all current hardware access". Here the driver cancels its overlapped I/O, starts no new read and returns to idle; drvAcquireItemData returns S_FALSE (image/canceling-pending-i-o-operations.md).' },
  ],
};

/** Surprise disconnect: the service tells the driver, the driver sets its flag, apps are told, the driver is unloaded. */
export const wiaDisconnect: WiaTable = {
  id: 'wia.disconnect',
  title: 'The scanner is disconnected',
  cite: DISCONNECT,
  start: 'NotifyPnpEvent',
  rows: [
    { id: 'NotifyPnpEvent', do: 'driverCall', name: 'drvNotifyPnpEvent', args: { pEventGUID: 'WIA_EVENT_DEVICE_DISCONNECTED' }, effect: 'disconnectedFlag', next: 'TellApps', note: 'The recommended minidriver sets a flag: no IWiaMiniDrv method touches the hardware from now on.' },
    { id: 'TellApps', do: 'appEvent', name: 'IWiaEventCallback::ImageEventCallback', args: { Event: 'WIA_EVENT_DEVICE_DISCONNECTED' }, next: 'Unload', note: 'Applications registered for WIA_EVENT_DEVICE_DISCONNECTED are told.' },
    { id: 'Unload', do: 'queueUnload', name: 'Unload the minidriver', next: END_OK, note: 'The service will unload the minidriver; the next hardware access is after it is reloaded.' },
  ],
};

/**
 * Unloading a minidriver (after a disconnect, an orderly removal, or at shutdown: then without the event). The disconnect
 * page says only that the service will unload the minidriver (and that at shutdown it does so without the event); no page
 * describes the unload itself, so these rows are the lab's choices.
 */
export const wiaUnload: WiaTable = {
  id: 'wia.unload',
  title: 'The WIA service unloads the minidriver',
  cite: DISCONNECT,
  start: 'UnInitializeClients',
  rows: [
    { id: 'UnInitializeClients', do: 'forEachConnectedApp', name: 'drvUnInitializeWia', next: 'Release', note: 'Each connected application\u2019s session ends (lab choice: one drvUnInitializeWia per connection, as image/how-the-application-releases-the-wia-device.md pairs them with drvInitializeWia).' },
    { id: 'Release', do: 'release', name: 'IUnknown::Release', args: { Interface: 'IStiUSD', Component: 'minidriver', Hardware: 'WriteFile', Command: 'LAMP_OFF' }, effect: 'driverUnloaded', next: 'CloseDevice', note: 'The service releases the driver object; the driver turns the lamp off unless its disconnected flag says the device is gone. Release returns the new reference count (0: the object is freed), whatever the lamp did.' },
    { id: 'CloseDevice', do: 'serviceCloseHandle', name: 'CloseHandle', next: END_OK, note: 'The device handle closes: after a surprise removal, IRP_MN_REMOVE_DEVICE can now be sent. The minidriver opened it (IStiUSD::Initialize); the lab shows the close on the service\u2019s notification client, which registered on that handle (lab choice).' },
  ],
};

export const WIA_TABLES: WiaTable[] = [wiaLoad, wiaConnect, wiaRelease, wiaScan, wiaAcquire, wiaAsyncCancel, wiaDisconnect, wiaUnload];
