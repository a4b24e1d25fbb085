/**
 * The WIA service against PnP operations that overlap it (steps with `after`). Found by the engine's
 * property tests (src/engine/invariants.test.ts); each case is the shrunk scenario.
 * Sources: kernel/handling-device-interface-change-events.md (the PnP manager calls every registrant
 * when an interface is enabled or disabled), install/registering-for-notification-of-device-interface-arrival-and-device-removal.md
 * (a component registers on a handle after CreateFile succeeded), image/loading-and-unloading-a-wia-minidriver.md
 * (IStiUSD::Initialize opens the device and returns the CreateFile error),
 * kernel/handling-an-irp-mn-query-remove-device-request.md (open handles after the query fail it; a
 * remove-pending device fails creates), image/how-the-wia-minidriver-receives-a-disconnect-event-from-the-wia-servic.md
 * (at shutdown the service unloads its drivers).
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../testing/harness';
import type { TraceEvent } from '../trace';

const scanner = { id: 'scanner', model: 'usb-scanner' as const };
const minidriver = (events: TraceEvent[]) => events.filter((e) => e.kind === 'hw' || (e.kind === 'wia' && e.component === 'minidriver'));
const toStisvc = (events: TraceEvent[]) => events.filter((e) => e.kind === 'notify' && e.client === 'stisvc').map((e) => e.name);

describe('a stale "interface arrived" notification', () => {
  it('Safely Remove at once after plugging in: the arrival is delivered after the removal, and the service does not load the driver', () => {
    const h = lab(scanner).start({ action: 'plug', device: 'scanner' }).after(0, { action: 'safeRemove', device: 'scanner' }).settle();
    // both notifications are delivered, in the order the interface was enabled and disabled
    expect(toStisvc(h.events)).toEqual(['CM_NOTIFY_ACTION_DEVICEINTERFACEARRIVAL', 'CM_NOTIFY_ACTION_DEVICEINTERFACEREMOVAL']);
    const arrival = h.events.find((e) => e.name === 'CM_NOTIFY_ACTION_DEVICEINTERFACEARRIVAL')!;
    const removed = h.events.find((e) => e.kind === 'state' && e.args?.Problem === 'CM_PROB_HELD_FOR_EJECT')!;
    expect(arrival.seq).toBeGreaterThan(removed.seq);
    // no IStiUSD::Initialize, no CreateFile on a device whose drivers are gone
    expect(minidriver(h.events)).toEqual([]);
    expect(h.lab.wia!.scanners.get('scanner')!.loaded).toBe(false);
    expect(() => h.do({ action: 'connectApp', device: 'scanner' })).toThrow(/the WIA driver for "scanner" is not loaded/);
  });

  it('the same device plugged in normally still loads the driver when its interface arrives', () => {
    const h = lab(scanner).plug('scanner');
    expect(minidriver(h.events).map((e) => e.name)).toEqual(['IStiUSD::Initialize', 'CreateFile', 'IStiUSD::GetCapabilities', 'IStiUSD::GetStatus']);
  });

  it('shutdown at once after plugging in: no driver is loaded, and the queued notification is not delivered after the power-down', () => {
    const h = lab(scanner).start({ action: 'plug', device: 'scanner' }).after(0, { action: 'shutdown' }).settle();
    expect(minidriver(h.events)).toEqual([]);
    expect(toStisvc(h.events)).toEqual([]);
    // the last event is the bus driver's final D3 IRP_MN_SET_POWER (and what it runs): the machine is off
    const last = h.events.filter((e) => e.kind === 'irp' && e.at === 'power.shutdownOne/DevicePower').at(-1)!;
    expect(last.layer).toBe('bus');
    expect(h.lab.poweredOffAt).toBe(h.events.length);
    expect(last.end).toBe(h.events.length);
  });
});

describe('the service and the device handle', () => {
  it('Safely Remove while the service is opening the device: its open handle vetoes the removal (PNP_VetoOutstandingOpen)', () => {
    // the interface arrives at t=41, IStiUSD::Initialize opens the device at t=43, in the middle of the query-remove
    const h = lab(scanner, { id: 'disk', model: 'usb-disk' }).start({ action: 'plug', device: 'scanner' }).after(33, { action: 'safeRemove', device: 'scanner' }).settle();
    const create = h.events.find((e) => e.name === 'CreateFile')!;
    const query = h.events.find((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE')!;
    expect(create.seq).toBeGreaterThan(query.seq);
    expect(create.result).toBe('TRUE');
    expect(h.events.find((e) => e.kind === 'state' && e.name.startsWith('PNP_Veto'))).toMatchObject({ name: 'PNP_VetoOutstandingOpen', device: 'scanner' });
    expect(h.events.some((e) => e.name === 'IRP_MN_REMOVE_DEVICE')).toBe(false);
    expect(h.state('scanner')).toBe('Started');
    // the driver is loaded on a started device and works
    h.do({ action: 'connectApp', device: 'scanner' });
    expect(h.last.some((e) => e.name === 'drvInitializeWia')).toBe(true);
  });

  it('the cable is pulled while the service is opening the device: CreateFile fails, Initialize fails and the driver is not loaded', () => {
    const h = lab(scanner).start({ action: 'plug', device: 'scanner' }).after(33, { action: 'unplug', device: 'scanner' }).settle();
    expect(h.events.find((e) => e.name === 'CreateFile')!.result).toBe('ERROR_DEVICE_NOT_CONNECTED');
    expect(h.events.find((e) => e.name === 'IStiUSD::Initialize')).toMatchObject({ result: 'WIA_ERROR_OFFLINE', resultHex: '0x80210005' });
    expect(minidriver(h.events).map((e) => e.name)).toEqual(['IStiUSD::Initialize', 'CreateFile']);
    expect(h.events.some((e) => e.client === 'stisvc:scanner')).toBe(false);
    expect(h.lab.wia!.scanners.get('scanner')!.loaded).toBe(false);
    expect(h.state('scanner')).toBe('PhysicallyAbsent');
  });
});

describe('application requests the service gets to when the driver cannot take them', () => {
  it('connectApp at once after plugging in (queued before the driver is loaded): nothing reaches the minidriver; a "Nothing to do" warn', () => {
    const h = lab(scanner).start({ action: 'plug', device: 'scanner' }).after(0, { action: 'connectApp', device: 'scanner' }).settle();
    const connect = h.events.findIndex((e) => e.kind === 'user' && e.name === 'connectApp');
    const warn = h.events.find((e) => e.kind === 'warn' && e.device === 'scanner')!;
    expect(warn.seq).toBeGreaterThan(connect);
    expect(warn).toMatchObject({ name: 'An application connects (IWiaDevMgr::CreateDevice)', at: 'wia.connect' });
    expect(String(warn.args!.message)).toBe('Nothing to do: by the time the WIA service got to this request, the minidriver for "scanner" was not loaded (the scanner was PhysicallyPresent).');
    expect(h.events.some((e) => e.name === 'drvInitializeWia' || e.name === 'IWiaDevMgr::CreateDevice')).toBe(false);
    // the driver then loads as usual, and the application can connect
    h.do({ action: 'connectApp', device: 'scanner' });
    expect(h.last.some((e) => e.name === 'drvInitializeWia')).toBe(true);
  });

  it('a scan queued behind a connect that found nothing to do does not reach the minidriver either', () => {
    const h = lab(scanner).start({ action: 'plug', device: 'scanner' }).after(0, { action: 'connectApp', device: 'scanner' }).after(0, { action: 'scan', device: 'scanner' }).settle();
    expect(h.events.filter((e) => e.kind === 'warn').map((e) => e.at)).toEqual(['wia.connect', 'wia.scan']);
    expect(minidriver(h.events).map((e) => e.name)).toEqual(['IStiUSD::Initialize', 'CreateFile', 'IStiUSD::GetCapabilities', 'IStiUSD::GetStatus']);
    expect(h.lab.wia!.scanners.get('scanner')!.transfer).toBeUndefined();
  });

  it('an asynchronous cancel of a scan queued for a scanner whose minidriver is not loaded does not reach the minidriver (found by scripts/fuzz-hubs.ts)', () => {
    // the service is busy connecting to another scanner, so the scan of the unplugged one is queued; IWiaItemExtras::CancelPendingIO
    // is not serialized, and used to call drvNotifyPnpEvent(WIA_EVENT_CANCEL_IO) and CancelIo on a minidriver that was not loaded
    const h = lab(scanner, { id: 'other', model: 'usb-scanner' }).plug('other')
      .start({ action: 'connectApp', device: 'other' }).after(0, { action: 'scan', device: 'scanner' }).after(0, { action: 'asyncCancel', device: 'scanner' }).settle();
    const warns = h.events.filter((e) => e.kind === 'warn');
    expect(warns.map((e) => e.at)).toEqual(['wia.asyncCancel', 'wia.scan']);
    expect(String(warns[0].args!.message)).toBe('Nothing to do: by the time the WIA service got to this request, the minidriver for "scanner" was not loaded (the scanner was PhysicallyAbsent).');
    expect(h.events.filter((e) => e.device === 'scanner' && (e.kind === 'wia' || e.kind === 'hw'))).toEqual([]);
  });
});

describe('shutdown while the service is loading a driver', () => {
  it('the service waits for the load to end, then unloads the driver: none is left loaded at the power-down', () => {
    // Initialize runs from t=42 to t=48; shutdown comes in the middle
    const h = lab(scanner).start({ action: 'plug', device: 'scanner' }).after(44, { action: 'shutdown' }).settle();
    const shutdown = h.events.find((e) => e.kind === 'user' && e.name === 'shutdown')!;
    expect(h.events.find((e) => e.name === 'IStiUSD::Initialize')!.seq).toBeLessThan(shutdown.seq);
    const release = h.events.find((e) => e.name === 'IUnknown::Release')!;
    expect(release.seq).toBeGreaterThan(h.events.find((e) => e.name === 'IStiUSD::GetStatus')!.seq);
    expect(h.events.some((e) => e.name === 'drvNotifyPnpEvent')).toBe(false);
    const firstPowerIrp = h.events.find((e) => e.at === 'power.shutdownOne/SystemPower')!;
    expect(release.seq).toBeLessThan(firstPowerIrp.seq);
    expect(h.lab.wia!.scanners.get('scanner')!.loaded).toBe(false);
  });

  it('the cable is pulled mid-scan and shutdown comes at once: the driver is unloaded once, without WIA_EVENT_DEVICE_DISCONNECTED', () => {
    const h = lab(scanner).plug('scanner').do({ action: 'connectApp', device: 'scanner' })
      .start({ action: 'scan', device: 'scanner' }).after(300, { action: 'unplug', device: 'scanner' }).after(0, { action: 'shutdown' }).settle();
    const shutdown = h.events.find((e) => e.kind === 'user' && e.name === 'shutdown')!;
    const pending = h.events.find((e) => e.name === 'CM_NOTIFY_ACTION_DEVICEREMOVEPENDING' && e.client === 'stisvc:scanner')!;
    expect(pending.seq).toBeGreaterThan(shutdown.seq);
    expect(h.events.some((e) => e.name === 'drvNotifyPnpEvent')).toBe(false);
    expect(h.events.filter((e) => e.name === 'IUnknown::Release')).toHaveLength(1);
  });

  it('the cable is pulled mid-scan without a shutdown: WIA_EVENT_DEVICE_DISCONNECTED, then one unload', () => {
    const h = lab(scanner).plug('scanner').do({ action: 'connectApp', device: 'scanner' })
      .start({ action: 'scan', device: 'scanner' }).after(300, { action: 'unplug', device: 'scanner' }).settle();
    expect(h.events.filter((e) => e.name === 'drvNotifyPnpEvent').map((e) => e.args?.pEventGUID)).toEqual(['WIA_EVENT_DEVICE_DISCONNECTED']);
    expect(h.events.filter((e) => e.name === 'IUnknown::Release')).toHaveLength(1);
  });
});
