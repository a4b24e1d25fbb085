/**
 * WIA. Sources: image/canceling-a-data-transfer.md (seed), image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md
 * (seed), image/calling-order-for-minidriver-functions.md, image/loading-and-unloading-a-wia-minidriver.md,
 * image/how-the-application-creates-the-wia-device.md, image/in-memory-transfers.md, image/file-transfers.md,
 * wiamindr_lh drvAcquireItemData / MiniDrvCallback / drvNotifyPnpEvent reference pages.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace';
import { Harness, indexOf, lab } from '../../testing/harness';
import { hresultHex } from './codes';

const scanner = (wia?: { feeder?: boolean; pages?: number; careless?: boolean }) => ({ id: 'scanner', model: 'usb-scanner' as const, ...(wia ? { wia } : {}) });
const ready = (wia?: Parameters<typeof scanner>[0]) => lab(scanner(wia)).plug('scanner').do({ action: 'connectApp', device: 'scanner', app: 'paint' });
const wia = (events: TraceEvent[]) => events.filter((e) => e.kind === 'wia' || e.kind === 'hw').map((e) => `${e.name}${e.args?.lReason ? ':' + e.args.lReason : e.args?.lMessage ? ':' + e.args.lMessage : ''}`);
const named = (h: Harness, name: string) => h.select({ kind: 'wia' }).filter((e) => e.name === name);

describe('loading the minidriver and connecting applications', () => {
  it('the service hears the image interface arrive, then loads the driver: Initialize, GetCapabilities, GetStatus', () => {
    const h = lab(scanner()).plug('scanner');
    const arrival = indexOf(h.last, (e) => e.kind === 'notify' && e.name === 'CM_NOTIFY_ACTION_DEVICEINTERFACEARRIVAL' && e.client === 'stisvc');
    const init = indexOf(h.last, (e) => e.name === 'IStiUSD::Initialize');
    expect(init).toBeGreaterThan(arrival);
    expect(wia(h.last)).toEqual(['IStiUSD::Initialize', 'CreateFile', 'IStiUSD::GetCapabilities', 'IStiUSD::GetStatus']);
  });

  it('drvInitializeWia runs once per client connection, between IStiUSD::LockDevice and UnLockDevice; drvUnInitializeWia once per release', () => {
    const h = ready();
    expect(wia(h.last)).toEqual(['IWiaDevMgr::CreateDevice', 'IStiUSD::LockDevice', 'drvInitializeWia', 'IStiUSD::UnLockDevice', 'drvInitItemProperties', 'drvInitItemProperties', 'IWiaDevMgr::RegisterEventCallbackInterface']);
    h.do({ action: 'connectApp', device: 'scanner', app: 'scanwiz' });
    expect(named(h, 'drvInitializeWia').map((e) => e.client)).toEqual(['scanwiz']);
    h.do({ action: 'releaseApp', device: 'scanner', app: 'paint' });
    expect(wia(h.last)).toEqual(['IWiaItem::Release', 'drvUnInitializeWia']);
    expect(h.lab.wia!.scanners.get('scanner')!.loaded).toBe(true);
  });
});

describe('a scan', () => {
  it('memory transfer: lock, write properties, acquire, unlock; DATA_HEADER first, IT_MSG_DATA bands with offsets, TERMINATION last', () => {
    const h = ready().do({ action: 'scan', device: 'scanner' });
    const calls = named(h, 'drvLockWiaDevice').concat(named(h, 'drvWriteItemProperties'), named(h, 'drvAcquireItemData'), named(h, 'drvUnLockWiaDevice'));
    expect(calls.map((e) => e.seq)).toEqual([...calls.map((e) => e.seq)].sort((a, b) => a - b));
    const app = h.select({ kind: 'wia' }).filter((e) => e.component === 'application');
    expect(app[0].args!.lMessage).toBe('IT_MSG_DATA_HEADER');
    expect(app[app.length - 1].args!.lMessage).toBe('IT_MSG_TERMINATION');
    const bands = named(h, 'MiniDrvCallback');
    expect(bands).toHaveLength(10);
    expect(bands.map((e) => e.args!.lPercentComplete)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(bands.map((e) => e.args!.lOffset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => i * 102400));
    expect(bands[0].args).toMatchObject({ lReason: 'IT_MSG_DATA', lStatus: 'IT_STATUS_TRANSFER_TO_CLIENT', lLength: 102400 });
    // each band is read from the device before the callback
    const i = indexOf(h.last, (e) => e.name === 'MiniDrvCallback');
    expect(h.last.slice(0, i).filter((e) => e.kind === 'hw').map((e) => e.name).slice(-2)).toEqual(['ReadFile', 'GetOverlappedResult']);
    expect(named(h, 'drvAcquireItemData')[0]).toMatchObject({ result: 'S_OK', resultHex: '0x00000000' });
    // about a second of virtual time, so a step can land in the middle
    const t = h.last[h.last.length - 1].t - h.last[0].t;
    expect(t).toBeGreaterThan(900);
    expect(t).toBeLessThan(1300);
  });

  it('file transfer: wiasWriteBufToFile then IT_MSG_STATUS only, no data in the callback', () => {
    const h = ready().do({ action: 'scan', device: 'scanner', tymed: 'file' });
    expect(named(h, 'IWiaDataTransfer::idtGetData')).toHaveLength(1);
    const cbs = named(h, 'MiniDrvCallback');
    expect(new Set(cbs.map((e) => e.args!.lReason))).toEqual(new Set(['IT_MSG_STATUS']));
    expect(cbs.every((e) => e.args!.lLength === 0)).toBe(true);
    expect(named(h, 'wiasWriteBufToFile')).toHaveLength(10);
    expect(h.select({ kind: 'wia' }).some((e) => e.args?.lMessage === 'IT_MSG_DATA_HEADER')).toBe(false);
  });

  it('document feeder: pages separated by IT_MSG_NEW_PAGE (wiasSendEndOfPage, between pages only); END_OF_MEDIA when paper runs out after a page; PAPER_EMPTY on the first', () => {
    const three = ready({ feeder: true, pages: 3 }).do({ action: 'scan', device: 'scanner', pages: 0 });
    expect(named(three, 'wiasSendEndOfPage')).toHaveLength(2);
    expect(named(three, 'drvAcquireItemData')[0].result).toBe('S_OK');
    const short = ready({ feeder: true, pages: 2 }).do({ action: 'scan', device: 'scanner', pages: 5 });
    expect(named(short, 'drvAcquireItemData')[0]).toMatchObject({ result: 'WIA_STATUS_END_OF_MEDIA', resultHex: '0x00210001' });
    expect(named(short, 'MiniDrvCallback').filter((e) => e.args!.lReason === 'IT_MSG_DATA')).toHaveLength(20);
    const empty = ready({ feeder: true, pages: 0 }).do({ action: 'scan', device: 'scanner', pages: 1 });
    expect(named(empty, 'drvAcquireItemData')[0]).toMatchObject({ result: 'WIA_ERROR_PAPER_EMPTY', resultHex: '0x80210003' });
    const exact = ready({ feeder: true, pages: 5 }).do({ action: 'scan', device: 'scanner', pages: 2 });
    expect(named(exact, 'drvAcquireItemData')[0].result).toBe('S_OK');
    expect(exact.lab.wia!.scanners.get('scanner')!.sheets).toBe(3);
  });

  it('a paper jam mid-page: the device reports it, the driver stops and returns WIA_ERROR_PAPER_JAM', () => {
    const h = ready({ feeder: true, pages: 2 });
    h.start({ action: 'scan', device: 'scanner', pages: 2 }).after(300, { action: 'paperJam', device: 'scanner' }).settle();
    const events = h.events.slice(h.events.findIndex((e) => e.name === 'scan'));
    expect(events.find((e) => e.name === 'GetOverlappedResult' && e.result === 'ERROR_IO_DEVICE')!.args).toMatchObject({ DeviceStatus: 'PAPER_JAM' });
    expect(events.find((e) => e.name === 'drvAcquireItemData')!).toMatchObject({ result: 'WIA_ERROR_PAPER_JAM', resultHex: '0x80210002' });
  });
});

describe('canceling a data transfer', () => {
  const midScan = (action: object, wiaOpts?: Parameters<typeof scanner>[0]) => {
    const h = ready(wiaOpts);
    h.start({ action: 'scan', device: 'scanner' }).after(300, action as never).settle();
    return { h, events: h.events.slice(h.events.findIndex((e) => e.name === 'scan')) };
  };

  it('the application returns S_FALSE: MiniDrvCallback returns S_FALSE, the driver stops and returns S_FALSE; the next scan works', () => {
    const { h, events } = midScan({ action: 'appCancel', device: 'scanner' });
    const cancelled = events.find((e) => e.name === 'IWiaDataCallback::BandedDataCallback' && e.result === 'S_FALSE')!;
    const driverSide = events.filter((e) => e.name === 'MiniDrvCallback');
    expect(driverSide[driverSide.length - 1].result).toBe('S_FALSE');
    expect(cancelled.seq).toBeGreaterThan(driverSide[driverSide.length - 1].seq);
    const stop = indexOf(events, (e) => e.kind === 'hw' && e.args?.Command === 'CANCEL_SCAN');
    expect(stop).toBeGreaterThan(events.indexOf(cancelled));
    expect(events.find((e) => e.name === 'drvAcquireItemData')).toMatchObject({ result: 'S_FALSE', resultHex: '0x00000001' });
    expect(events.find((e) => e.name === 'IWiaDataTransfer::idtGetBandedData')!.result).toBe('S_FALSE');
    expect(events.some((e) => e.args?.lMessage === 'IT_MSG_TERMINATION')).toBe(false);
    expect(driverSide.length).toBeLessThan(10);
    h.do({ action: 'scan', device: 'scanner' });
    expect(named(h, 'drvAcquireItemData')[0].result).toBe('S_OK');
  });

  it('the scanner\'s cancel button: the device returns no data, the driver returns S_FALSE', () => {
    const { events } = midScan({ action: 'hardwareCancel', device: 'scanner' });
    expect(events.find((e) => e.name === 'GetOverlappedResult' && e.args?.DeviceStatus === 'CANCEL_BUTTON')).toBeDefined();
    expect(events.find((e) => e.name === 'drvAcquireItemData')!.result).toBe('S_FALSE');
  });

  it('the application returns an error: the driver stops, goes idle and returns that same error', () => {
    const { h, events } = midScan({ action: 'appError', device: 'scanner', hr: 'E_OUTOFMEMORY' });
    expect(events.find((e) => e.name === 'MiniDrvCallback' && e.result === 'E_OUTOFMEMORY')).toBeDefined();
    expect(events.find((e) => e.name === 'drvAcquireItemData')).toMatchObject({ result: 'E_OUTOFMEMORY', resultHex: hresultHex('E_OUTOFMEMORY') });
    expect(events.some((e) => e.kind === 'hw' && e.args?.Command === 'CANCEL_SCAN')).toBe(true);
    h.do({ action: 'scan', device: 'scanner' });
    expect(named(h, 'drvAcquireItemData')[0].result).toBe('S_OK');
  });

  it('asynchronous cancel: IWiaItemExtras::CancelPendingIO reaches the driver as drvNotifyPnpEvent(WIA_EVENT_CANCEL_IO) during the transfer; the pending read is aborted', () => {
    const { events } = midScan({ action: 'asyncCancel', device: 'scanner' });
    const notify = indexOf(events, (e) => e.name === 'drvNotifyPnpEvent');
    expect(events[notify].args).toEqual({ pEventGUID: 'WIA_EVENT_CANCEL_IO' });
    const acquire = events.find((e) => e.name === 'drvAcquireItemData')!;
    expect(acquire.seq).toBeLessThan(events[notify].seq); // it arrived while drvAcquireItemData was running
    expect(events.find((e) => e.kind === 'hw' && e.name === 'CancelIo')).toBeDefined();
    expect(events.find((e) => e.name === 'GetOverlappedResult' && e.result === 'ERROR_OPERATION_ABORTED')).toBeDefined();
    expect(acquire.result).toBe('S_FALSE');
  });

  it('cancel steps outside a scan are refused', () => {
    const h = ready();
    expect(() => h.do({ action: 'appCancel', device: 'scanner' })).toThrow('action.device: no scan is running on "scanner"');
    expect(() => h.do({ action: 'paperJam', device: 'scanner' })).toThrow('has no document feeder');
    expect(() => h.do({ action: 'appError', device: 'scanner', hr: 'S_OK' })).toThrow('action.hr: got "S_OK"; expected an error HRESULT name');
  });
});

describe('the WIA disconnect event', () => {
  const pulledAt = (ms: number, wiaOpts?: Parameters<typeof scanner>[0]) => {
    const h = ready(wiaOpts);
    h.start({ action: 'scan', device: 'scanner' }).after(ms, { action: 'unplug', device: 'scanner' }).settle();
    return { h, events: h.events.slice(h.events.findIndex((e) => e.name === 'scan')) };
  };

  it('cable pulled at 40%: the read fails, drvAcquireItemData returns WIA_ERROR_OFFLINE; the kernel surprise removal runs; then drvNotifyPnpEvent(WIA_EVENT_DEVICE_DISCONNECTED), apps are told, the driver is unloaded', () => {
    const { events } = pulledAt(420);
    const lastBand = events.filter((e) => e.name === 'MiniDrvCallback').pop()!;
    expect(lastBand.args!.lPercentComplete).toBe(40);
    expect(events.find((e) => e.name === 'drvAcquireItemData')).toMatchObject({ result: 'WIA_ERROR_OFFLINE', resultHex: '0x80210005' });
    const surprise = indexOf(events, (e) => e.name === 'IRP_MN_SURPRISE_REMOVAL' && e.layer === 'function');
    const pending = indexOf(events, (e) => e.name === 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING' && e.client === 'stisvc:scanner');
    const disconnected = indexOf(events, (e) => e.name === 'drvNotifyPnpEvent');
    const told = indexOf(events, (e) => e.name === 'IWiaEventCallback::ImageEventCallback');
    const unload = indexOf(events, (e) => e.name === 'IUnknown::Release');
    const remove = indexOf(events, (e) => e.name === 'IRP_MN_REMOVE_DEVICE' && e.layer === 'function');
    expect([surprise, pending, disconnected, told, unload, remove]).toEqual([...[surprise, pending, disconnected, told, unload, remove]].sort((a, b) => a - b));
    expect(events[disconnected].args).toEqual({ pEventGUID: 'WIA_EVENT_DEVICE_DISCONNECTED' });
    expect(events[told]).toMatchObject({ client: 'paint', args: { Event: 'WIA_EVENT_DEVICE_DISCONNECTED' } });
    // the kernel side: EvtDeviceSurpriseRemoval under the WIA events
    expect(events.some((e) => e.name === 'EvtDeviceSurpriseRemoval')).toBe(true);
  });

  it('no hardware access after the event: every IWiaMiniDrv call after it leaves the device alone', () => {
    const { events } = pulledAt(420);
    const disconnected = indexOf(events, (e) => e.name === 'drvNotifyPnpEvent');
    expect(events.slice(disconnected).filter((e) => e.kind === 'hw')).toEqual([]);
    expect(events.some((e) => e.kind === 'warn')).toBe(false);
  });

  it('a careless minidriver that ignores its flag: every hardware access after the event is flagged', () => {
    const careful = ready().unplug('scanner');
    expect(careful.select({ kind: 'warn' })).toEqual([]);
    const careless = ready({ careless: true }).unplug('scanner');
    const disconnected = indexOf(careless.last, (e) => e.name === 'drvNotifyPnpEvent');
    const after = careless.last.slice(disconnected);
    const hw = after.filter((e) => e.kind === 'hw');
    const warns = after.filter((e) => e.kind === 'warn');
    expect(hw.map((e) => `${e.name}:${e.result}`)).toEqual(['WriteFile:ERROR_DEVICE_NOT_CONNECTED']);
    expect(warns).toHaveLength(hw.length);
    expect(warns[0]).toMatchObject({ name: 'WriteFile', component: 'minidriver' });
    expect(String(warns[0].args!.message)).toMatch(/must not touch the hardware/);
  });

  it('at system shutdown the service unloads the driver without sending WIA_EVENT_DEVICE_DISCONNECTED; devices get D0Exit(D3Final) and no ReleaseHardware', () => {
    const h = ready().do({ action: 'shutdown' });
    expect(wia(h.last)).toEqual(['drvUnInitializeWia', 'IUnknown::Release', 'WriteFile']);
    expect(h.last.some((e) => e.name === 'drvNotifyPnpEvent')).toBe(false);
    expect(h.callbacks({ layer: 'function' })).toContain('EvtDeviceD0Exit(WdfPowerDeviceD3Final)');
    expect(h.callbacks({ layer: 'function' })).not.toContain('EvtDeviceReleaseHardware');
    expect(h.irps('IRP_MN_SET_POWER').slice(0, 2)).toEqual(['IRP_MN_SET_POWER@function', 'IRP_MN_SET_POWER@bus']);
    expect(() => h.do({ action: 'plug', device: 'scanner' })).toThrow('the machine has shut down');
  });

  it('plugging the scanner back in reloads the driver and tells registered apps WIA_EVENT_DEVICE_CONNECTED', () => {
    const h = ready().unplug('scanner').plug('scanner');
    expect(wia(h.last)).toEqual(['IStiUSD::Initialize', 'CreateFile', 'IStiUSD::GetCapabilities', 'IStiUSD::GetStatus', 'IWiaEventCallback::ImageEventCallback']);
    expect(named(h, 'IWiaEventCallback::ImageEventCallback')[0]).toMatchObject({ client: 'paint', args: { Event: 'WIA_EVENT_DEVICE_CONNECTED' } });
  });

  it('Safely Remove while idle: the service lets go (unloads the driver) on the query; during a scan it vetoes', () => {
    const idle = ready().safeRemove('scanner');
    const query = indexOf(idle.last, (e) => e.name === 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVE' && e.client === 'stisvc:scanner');
    expect(indexOf(idle.last, (e) => e.name === 'IUnknown::Release')).toBeGreaterThan(query);
    expect(idle.state('scanner')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
    const busy = ready();
    busy.start({ action: 'scan', device: 'scanner' }).after(200, { action: 'safeRemove', device: 'scanner' }).settle();
    const events = busy.events.slice(busy.events.findIndex((e) => e.name === 'safeRemove'));
    expect(events.find((e) => e.name === 'CM_NOTIFY_ACTION_DEVICEQUERYREMOVE')!.result).toBe('ERROR_CANCELLED');
    // a Win32 service vetoed: PNP_VetoWindowsService, whose text string is the service name (sdk-api cfg/ne-cfg-pnp_veto_type.md)
    expect(events.find((e) => e.kind === 'state' && e.name.startsWith('PNP_Veto'))!).toMatchObject({ name: 'PNP_VetoWindowsService', args: { VetoType: 'PNP_VetoWindowsService', VetoName: 'stisvc', Client: 'stisvc:scanner', Operation: 'QueryRemove' } });
    expect(busy.state('scanner')).toBe('Started');
  });
});
