/**
 * WIA names and values that must match the pages.
 * - Locking: image/locking-and-unlocking-best-practices.md (drvLockWiaDevice calls IStiDevice::LockDevice, which calls
 *   the driver's IStiUSD::LockDevice; unlock likewise).
 * - Release: IUnknown::Release returns the new reference count (a ULONG), not an HRESULT.
 * - Feeder pages: image/adding-document-feeder-support-for-windows-me-and-windows-xp.md (IT_MSG_NEW_PAGE after one
 *   page and before the next, sent by calling wiasSendEndOfPage); windows-driver-docs-ddi
 *   wiamindr_lh/nf-wiamindr_lh-iwiaminidrvcallback-minidrvcallback.md ("a new page is being sent"),
 *   wiamdef/nf-wiamdef-wiassendendofpage.md; the PAGES = 0 code: wiamindr_lh/nf-wiamindr_lh-iwiaminidrv-drvacquireitemdata.md
 *   (S_OK) against the Windows Me/XP feeder page (WIA_STATUS_END_OF_MEDIA).
 * - Asynchronous cancel on an idtGetBandedData transfer: image/canceling-pending-i-o-operations.md and
 *   image/cancellation-of-data-transfers-in-windows-xp.md (IWiaItemExtras::CancelPendingIO; the two cancel paths are
 *   not linked), not image/cancellation-of-data-transfers-in-windows-vista.md (IWiaTransfer::Cancel, stream transfers).
 */
import { describe, expect, it } from 'vitest';
import { getTable } from '../tables/registry';
import type { TraceEvent } from '../trace';
import { lab, type Harness } from '../../testing/harness';

const scanner = (wia?: { feeder?: boolean; pages?: number; careless?: boolean }) => ({ id: 'scanner', model: 'usb-scanner' as const, ...(wia ? { wia } : {}) });
const ready = (wia?: Parameters<typeof scanner>[0]) => lab(scanner(wia)).plug('scanner').do({ action: 'connectApp', device: 'scanner', app: 'paint' });
const calls = (events: TraceEvent[]) => events.filter((e) => e.kind === 'wia' || e.kind === 'hw').map((e) => `${e.component}:${e.name}${e.args?.Command ? ':' + e.args.Command : ''}`);
const named = (h: Harness, name: string) => h.select({ kind: 'wia' }).filter((e) => e.name === name);

describe('drvLockWiaDevice goes through IStiDevice to the driver\'s IStiUSD (image/locking-and-unlocking-best-practices.md)', () => {
  it('lock: drvLockWiaDevice → IStiDevice::LockDevice → IStiUSD::LockDevice; unlock: drvUnLockWiaDevice → IStiDevice::UnLockDevice → IStiUSD::UnLockDevice; the lock itself sends nothing to the scanner', () => {
    const h = ready().do({ action: 'scan', device: 'scanner' });
    const all = calls(h.last);
    const lock = all.indexOf('minidriver:drvLockWiaDevice');
    expect(all.slice(lock, lock + 4)).toEqual(['minidriver:drvLockWiaDevice', 'service:IStiDevice::LockDevice', 'minidriver:IStiUSD::LockDevice', 'minidriver:drvWriteItemProperties']);
    const unlock = all.indexOf('minidriver:drvUnLockWiaDevice');
    expect(all.slice(unlock, unlock + 3)).toEqual(['minidriver:drvUnLockWiaDevice', 'service:IStiDevice::UnLockDevice', 'minidriver:IStiUSD::UnLockDevice']);
    expect(h.last.some((e) => e.kind === 'hw' && (e.args?.Command === 'LOCK' || e.args?.Command === 'UNLOCK'))).toBe(false);
  });
});

describe('Release returns the new reference count, not an HRESULT', () => {
  it('IWiaItem::Release and the service\'s IUnknown::Release of the driver read 0 and carry no resultHex', () => {
    const h = ready().do({ action: 'releaseApp', device: 'scanner', app: 'paint' });
    expect(named(h, 'IWiaItem::Release')[0]).toMatchObject({ result: '0' });
    expect(named(h, 'IWiaItem::Release')[0].resultHex).toBeUndefined();
    h.unplug('scanner');
    const release = named(h, 'IUnknown::Release')[0];
    expect(release).toMatchObject({ result: '0', args: { Interface: 'IStiUSD' } });
    expect(release.resultHex).toBeUndefined();
  });

  it('even when the careless driver\'s lamp-off write fails inside Release, Release still returns the count', () => {
    const h = ready({ careless: true }).unplug('scanner');
    expect(h.last.some((e) => e.kind === 'hw' && e.args?.Command === 'LAMP_OFF' && e.result === 'ERROR_DEVICE_NOT_CONNECTED')).toBe(true);
    expect(named(h, 'IUnknown::Release')[0].result).toBe('0');
  });
});

describe('feeder pages: IT_MSG_NEW_PAGE between pages, through wiasSendEndOfPage', () => {
  const newPages = (h: Harness) => h.select({ kind: 'wia' }).filter((e) => e.args?.lMessage === 'IT_MSG_NEW_PAGE' || e.args?.lReason === 'IT_MSG_NEW_PAGE' || e.name === 'wiasSendEndOfPage');

  it('three sheets, PAGES = 0: two wiasSendEndOfPage calls, each after the next sheet was fed, none after the last page', () => {
    const h = ready({ feeder: true, pages: 3 }).do({ action: 'scan', device: 'scanner', pages: 0 });
    expect(newPages(h).map((e) => `${e.component}:${e.name}`)).toEqual([
      'service:wiasSendEndOfPage', 'application:IWiaDataCallback::BandedDataCallback',
      'service:wiasSendEndOfPage', 'application:IWiaDataCallback::BandedDataCallback',
    ]);
    expect(named(h, 'wiasSendEndOfPage').map((e) => e.args!.lPageCount)).toEqual([1, 2]);
    expect(named(h, 'MiniDrvCallback').some((e) => e.args!.lReason === 'IT_MSG_NEW_PAGE')).toBe(false);
    // each one comes after the feed of the page that follows, and before that page's first band
    for (const e of named(h, 'wiasSendEndOfPage')) {
      const i = h.last.indexOf(e);
      const before = h.last.slice(0, i).filter((x) => x.kind === 'hw' || x.name === 'MiniDrvCallback');
      expect(before[before.length - 1]).toMatchObject({ kind: 'hw', name: 'DeviceIoControl', args: { Command: 'FEED_PAGE' } });
    }
    const lastData = h.last.findLastIndex((e) => e.name === 'MiniDrvCallback');
    expect(h.last.slice(lastData).some((e) => e.name === 'wiasSendEndOfPage')).toBe(false);
  });

  it('five requested, two sheets: one IT_MSG_NEW_PAGE, WIA_STATUS_END_OF_MEDIA; one page: none', () => {
    const short = ready({ feeder: true, pages: 2 }).do({ action: 'scan', device: 'scanner', pages: 5 });
    expect(named(short, 'wiasSendEndOfPage')).toHaveLength(1);
    expect(named(short, 'drvAcquireItemData')[0].result).toBe('WIA_STATUS_END_OF_MEDIA');
    const one = ready({ feeder: true, pages: 4 }).do({ action: 'scan', device: 'scanner', pages: 1 });
    expect(newPages(one)).toEqual([]);
  });

  it('the application\'s answer to IT_MSG_NEW_PAGE is what wiasSendEndOfPage returns to the driver', () => {
    const h = ready({ feeder: true, pages: 3 }).do({ action: 'scan', device: 'scanner', pages: 0 });
    const [send] = named(h, 'wiasSendEndOfPage');
    const app = h.last[h.last.indexOf(send) + 1];
    expect(app).toMatchObject({ name: 'IWiaDataCallback::BandedDataCallback', args: { lMessage: 'IT_MSG_NEW_PAGE' } });
    expect(send.result).toBe(app.result);
  });

  it('PAGES = 0 and the feeder emptied: S_OK, as the drvAcquireItemData reference says; the row\'s WHY names the Windows Me/XP page that says WIA_STATUS_END_OF_MEDIA', () => {
    const h = ready({ feeder: true, pages: 2 }).do({ action: 'scan', device: 'scanner', pages: 0 });
    expect(named(h, 'drvAcquireItemData')[0]).toMatchObject({ result: 'S_OK', resultHex: '0x00000000' });
    const note = getTable('wia.acquire').rows.find((r) => r.id === 'NextPage')!.note!;
    expect(note).toContain('nf-wiamindr_lh-iwiaminidrv-drvacquireitemdata.md');
    expect(note).toContain('image/adding-document-feeder-support-for-windows-me-and-windows-xp.md');
    expect(note).toContain('WIA_STATUS_END_OF_MEDIA');
  });
});

describe('asynchronous cancel of an idtGetBandedData transfer is IWiaItemExtras::CancelPendingIO (image/canceling-pending-i-o-operations.md)', () => {
  const cancelAt = (ms: number) => {
    const h = ready();
    h.start({ action: 'scan', device: 'scanner' }).after(ms, { action: 'asyncCancel', device: 'scanner' }).settle();
    return { h, events: h.events.slice(h.events.findIndex((e) => e.name === 'scan')) };
  };

  it('the application calls IWiaItemExtras::CancelPendingIO (the service runs it) → drvNotifyPnpEvent(WIA_EVENT_CANCEL_IO) → CancelIo; no IWiaTransfer::Cancel', () => {
    const { events } = cancelAt(300);
    expect(events.some((e) => e.name === 'IWiaTransfer::Cancel')).toBe(false);
    const cancel = events.find((e) => e.name === 'IWiaItemExtras::CancelPendingIO')!;
    expect(cancel).toMatchObject({ component: 'service', client: 'paint' });
    const after = calls(events.slice(events.indexOf(cancel)));
    expect(after.slice(0, 3)).toEqual(['service:IWiaItemExtras::CancelPendingIO', 'minidriver:drvNotifyPnpEvent', 'minidriver:CancelIo']);
    expect(events.find((e) => e.name === 'drvAcquireItemData')!.result).toBe('S_FALSE');
    expect(getTable('wia.asyncCancel').cite).toBe('image/canceling-pending-i-o-operations.md');
  });

  it('the two cancel paths are not linked: wherever the cancel lands around a band, the service never answers a callback S_FALSE by itself; reads after CancelIo are never started', () => {
    const probe = ready();
    probe.start({ action: 'scan', device: 'scanner' }).settle();
    const scanAt = probe.events.find((e) => e.name === 'scan')!.t;
    const third = probe.events.filter((e) => e.name === 'MiniDrvCallback')[2].t - scanAt;
    for (let ms = third - 3; ms <= third + 2; ms++) {
      const { events } = cancelAt(ms);
      const cancel = events.findIndex((e) => e.name === 'IWiaItemExtras::CancelPendingIO');
      const callbacks = events.filter((e) => e.name === 'MiniDrvCallback' || e.name === 'IWiaDataCallback::BandedDataCallback');
      for (const e of callbacks) expect(e.result, `cancel at ${ms} ms: ${e.name} #${e.seq}`).toBe('S_OK');
      const cancelIo = events.findIndex((e, i) => i > cancel && e.kind === 'hw' && e.name === 'CancelIo');
      expect(events.slice(cancelIo).filter((e) => e.kind === 'hw' && e.name === 'ReadFile'), `cancel at ${ms} ms`).toEqual([]);
      expect(events.find((e) => e.name === 'drvAcquireItemData')!.result, `cancel at ${ms} ms`).toBe('S_FALSE');
    }
  });
});

// image/calling-order-for-minidriver-functions.md: "The WIA service next calls IWiaMiniDrv::drvInitItemProperties for each
// item in the tree"; image/how-the-application-creates-the-wia-device.md: "by making multiple calls", items Root and Flatbed.
describe('drvInitItemProperties once per item of the tree drvInitializeWia built', () => {
  it('connect: drvInitializeWia, IStiUSD::UnLockDevice, then drvInitItemProperties for Root and for Flatbed', () => {
    const h = ready();
    const all = h.select({ kind: 'wia' }).map((e) => `${e.name}${e.args?.Item ? ':' + e.args.Item : ''}`);
    const init = all.indexOf('drvInitializeWia');
    expect(all.slice(init, init + 4)).toEqual(['drvInitializeWia', 'IStiUSD::UnLockDevice', 'drvInitItemProperties:Root', 'drvInitItemProperties:Flatbed']);
  });
});

