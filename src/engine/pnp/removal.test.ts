/**
 * Orderly and surprise removal. Sources: wdf/a-user-unplugs-a-device.md, wdf/surprise-removal-sequence.md,
 * wdf/handling-requests-to-stop-a-device.md, kernel/handling-an-irp-mn-query-remove-device-request.md,
 * kernel/handling-an-irp-mn-surprise-removal-request.md, wdf/wdm-irps-and-kmdf-event-callback-functions.md.
 */
import { describe, expect, it } from 'vitest';
import { indexOf, lab } from '../../testing/harness';

const NIC_REMOVE = [
  'EvtDeviceSelfManagedIoSuspend', 'EvtIoStop(power-managed, Suspend)', 'EvtDmaEnablerSelfManagedIoStop', 'EvtDmaEnablerDisable', 'EvtDmaEnablerFlush',
  'EvtDeviceD0ExitPreInterruptsDisabled(WdfPowerDeviceD3Final)', 'EvtInterruptDisable', 'EvtDeviceD0Exit(WdfPowerDeviceD3Final)', 'EvtDeviceReleaseHardware',
  'EvtIoStop(power-managed, Purge)', 'EvtDeviceSelfManagedIoFlush', 'EvtIoStop(non-power-managed, Purge)', 'EvtDeviceSelfManagedIoCleanup',
  'EvtCleanupCallback', 'EvtDestroyCallback',
];

describe('orderly removal (Safely Remove Hardware)', () => {
  it('asks top-down, then removes top-down; KMDF powers down at IRP_MN_REMOVE_DEVICE, not at the query', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }).plug('disk').safeRemove('disk');
    expect(h.irps('IRP_MN_QUERY_REMOVE_DEVICE')).toEqual(['IRP_MN_QUERY_REMOVE_DEVICE@upper-filter', 'IRP_MN_QUERY_REMOVE_DEVICE@function', 'IRP_MN_QUERY_REMOVE_DEVICE@lower-filter', 'IRP_MN_QUERY_REMOVE_DEVICE@bus']);
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@upper-filter', 'IRP_MN_REMOVE_DEVICE@function', 'IRP_MN_REMOVE_DEVICE@lower-filter', 'IRP_MN_REMOVE_DEVICE@bus']);
    const firstRemove = indexOf(h.last, (e) => e.name === 'IRP_MN_REMOVE_DEVICE');
    const beforeRemove = h.last.slice(0, firstRemove).filter((e) => e.kind === 'callback').map((e) => e.name);
    expect(beforeRemove).toEqual(['EvtDeviceQueryRemove', 'EvtDeviceQueryRemove', 'EvtDeviceQueryRemove']);
    expect(h.select({ kind: 'state', device: 'disk' }).map((e) => `${e.name}${e.args?.Problem ? '/' + e.args.Problem : ''}`)).toEqual(['RemovePending', 'EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT']);
  });

  it('runs the documented removal list for the function driver, with D0Exit(WdfPowerDeviceD3Final)', () => {
    const h = lab({ id: 'nic', model: 'pci-nic', capabilities: { Removable: true } }).plug('nic').safeRemove('nic');
    const remove = h.last.slice(indexOf(h.last, (e) => e.name === 'IRP_MN_REMOVE_DEVICE'));
    expect(h.callbacks({ layer: 'function' }, remove)).toEqual([...NIC_REMOVE, 'EvtDriverUnload']);
  });

  it('one driver at a time, highest first; the bus driver last keeps the PDO while the device is present', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 } }).plug('disk').safeRemove('disk');
    const remove = h.last.slice(indexOf(h.last, (e) => e.name === 'IRP_MN_REMOVE_DEVICE'));
    // EvtDestroyCallback of a function or filter driver comes once the IRP is back from below, bottom-up (kmdf/source.test.ts)
    const layersInOrder = remove.filter((e) => e.kind === 'callback' && e.name !== 'EvtDriverUnload' && e.name !== 'EvtDestroyCallback').map((e) => e.layer);
    const runs = layersInOrder.filter((l, i) => i === 0 || l !== layersInOrder[i - 1]);
    expect(runs).toEqual(['upper-filter', 'function', 'lower-filter', 'bus']);
    expect(h.callbacks({ layer: 'bus' }, remove)).toEqual(['EvtDeviceD0Exit(WdfPowerDeviceD3Final)', 'EvtDeviceReleaseHardware']);
    // unplugging it later deletes the kept PDO
    h.unplug('disk');
    expect(h.irps()).toEqual(['IRP_MN_QUERY_DEVICE_RELATIONS@function', 'IRP_MN_SURPRISE_REMOVAL@bus', 'IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.state('disk')).toBe('PhysicallyAbsent');
  });

  it('unloads each driver after its last device is gone', () => {
    const h = lab({ id: 'a', model: 'usb-disk' }, { id: 'b', model: 'usb-disk' }).plug('a').plug('b').safeRemove('a');
    expect(h.callbacks()).not.toContain('EvtDriverUnload');
    h.safeRemove('b');
    expect(h.select({ kind: 'callback' }).filter((e) => e.name === 'EvtDriverUnload').map((e) => e.driver)).toEqual(['SimDisk']);
  });

  it('is not offered for a device whose driver set SurpriseRemovalOK or did not set Removable', () => {
    const cam = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam');
    expect(() => cam.safeRemove('cam')).toThrow(/steps|action\.device: "cam" is not listed in Safely Remove Hardware/);
    const nic = lab({ id: 'nic', model: 'pci-nic' }).plug('nic');
    expect(() => nic.safeRemove('nic')).toThrow(/Removable=false/);
  });
});

describe('vetoes', () => {
  it('EvtDeviceQueryRemove failing stops the IRP there; the whole stack gets IRP_MN_CANCEL_REMOVE_DEVICE bottom-up, with no KMDF callback', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 }, callbacks: { EvtDeviceQueryRemove: 'fail' } }).plug('disk').safeRemove('disk');
    const query = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE');
    expect(query.map((e) => `${e.layer}:${e.result}`)).toEqual(['upper-filter:STATUS_SUCCESS', 'function:STATUS_UNSUCCESSFUL']);
    expect(h.irps('IRP_MN_CANCEL_REMOVE_DEVICE')).toEqual(['IRP_MN_CANCEL_REMOVE_DEVICE@bus', 'IRP_MN_CANCEL_REMOVE_DEVICE@lower-filter', 'IRP_MN_CANCEL_REMOVE_DEVICE@function', 'IRP_MN_CANCEL_REMOVE_DEVICE@upper-filter']);
    const cancelAt = indexOf(h.last, (e) => e.name === 'IRP_MN_CANCEL_REMOVE_DEVICE');
    expect(h.callbacks({}, h.last.slice(cancelAt))).toEqual([]);
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual([]);
    expect(h.last.find((e) => e.kind === 'state' && e.name === 'PNP_VetoDevice')!.args).toMatchObject({ VetoType: 'PNP_VetoDevice', Operation: 'QueryRemove', Driver: 'SimDisk', Status: 'STATUS_UNSUCCESSFUL' });
    expect(h.state('disk')).toBe('Started');
  });

  it('a device whose driver vetoes stays started and working: a rebalance still runs after it', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceQueryRemove: 'fail' } }).plug('disk').safeRemove('disk').rebalance('disk');
    expect(h.irps('IRP_MN_START_DEVICE').length).toBe(2);
    expect(h.state('disk')).toBe('Started');
  });

  it('WdfDeviceSetStaticStopRemove(FALSE) fails the query with STATUS_INVALID_DEVICE_STATE before EvtDeviceQueryRemove is called', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', staticStopRemove: true }).plug('disk').safeRemove('disk');
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE').map((e) => `${e.layer}:${e.result}`)).toEqual(['function:STATUS_INVALID_DEVICE_STATE']);
    expect(h.callbacks()).toEqual([]);
    expect(h.state('disk')).toBe('Started');
  });

  it('static stop/remove calls are counted: two FALSE need two TRUE', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', staticStopRemove: 2 }).plug('disk');
    h.do({ action: 'staticStopRemove', device: 'disk', stoppable: true }).safeRemove('disk');
    expect(h.state('disk')).toBe('Started');
    h.do({ action: 'staticStopRemove', device: 'disk', stoppable: true }).safeRemove('disk');
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
  });

  it('an unbalanced WdfDeviceSetStaticStopRemove(TRUE) is flagged', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').do({ action: 'staticStopRemove', device: 'disk', stoppable: true });
    expect(h.last.map((e) => e.kind)).toEqual(['user', 'call', 'warn']);
  });

  it('an open handle vetoes the removal after the query IRPs complete (PNP_VetoOutstandingOpen)', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', openHandles: 1 }).plug('disk').safeRemove('disk');
    const lastQuery = h.last.findLastIndex((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE');
    const veto = indexOf(h.last, (e) => e.name === 'PNP_VetoOutstandingOpen');
    expect(indexOf(h.last, (e) => e.name === 'IRP_MN_CANCEL_REMOVE_DEVICE')).toBeGreaterThan(lastQuery);
    expect(veto).toBeGreaterThan(lastQuery);
    // the lab also names who holds the handle (Windows' veto carries only the instance path)
    expect(h.last[veto].args).toMatchObject({ VetoName: 'USB\\VID_1D6B&PID_D15C\\disk', OpenOn: 'disk', AppHandles: '1' });
    expect(h.last[veto].args).not.toHaveProperty('Clients');
    expect(h.state('disk')).toBe('Started');
    h.closeHandles('disk').safeRemove('disk');
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
  });

  it('a filter driver can veto too; drivers below it never see the query but get a spurious cancel', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 }, layers: { 'upper-filter': { callbacks: { EvtDeviceQueryRemove: 'fail' } } } }).plug('disk').safeRemove('disk');
    expect(h.irps('IRP_MN_QUERY_REMOVE_DEVICE')).toEqual(['IRP_MN_QUERY_REMOVE_DEVICE@upper-filter']);
    expect(h.irps('IRP_MN_CANCEL_REMOVE_DEVICE')).toHaveLength(4);
  });

  it('a driver that registers no EvtDeviceQueryRemove is removed without being asked', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceQueryRemove: 'absent' } }).plug('disk').safeRemove('disk');
    expect(h.callbacks()).not.toContain('EvtDeviceQueryRemove');
    expect(h.irps('IRP_MN_QUERY_REMOVE_DEVICE')[0]).toBe('IRP_MN_QUERY_REMOVE_DEVICE@function');
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
  });
});

describe('surprise removal', () => {
  const SURPRISE_IN_D0 = [
    'EvtDeviceSurpriseRemoval', 'EvtDeviceSelfManagedIoSuspend', 'EvtIoStop(power-managed, Suspend)', 'EvtDmaEnablerSelfManagedIoStop', 'EvtDmaEnablerDisable', 'EvtDmaEnablerFlush',
    'EvtDeviceD0ExitPreInterruptsDisabled(WdfPowerDeviceD3Final)', 'EvtInterruptDisable', 'EvtDeviceD0Exit(WdfPowerDeviceD3Final)', 'EvtDeviceReleaseHardware',
    'EvtIoStop(power-managed, Purge)', 'EvtDeviceSelfManagedIoFlush',
  ];

  it('in D0: SurpriseRemoval first, power-down, ReleaseHardware and Flush at IRP_MN_SURPRISE_REMOVAL; Cleanup at IRP_MN_REMOVE_DEVICE', () => {
    const h = lab({ id: 'nic', model: 'pci-nic' }).plug('nic').unplug('nic');
    const surprise = indexOf(h.last, (e) => e.name === 'IRP_MN_SURPRISE_REMOVAL' && e.layer === 'function');
    const remove = indexOf(h.last, (e) => e.name === 'IRP_MN_REMOVE_DEVICE' && e.layer === 'function');
    expect(h.callbacks({ layer: 'function' }, h.last.slice(surprise, remove))).toEqual(SURPRISE_IN_D0);
    expect(h.callbacks({ layer: 'function' }, h.last.slice(remove))).toEqual(['EvtIoStop(non-power-managed, Purge)', 'EvtDeviceSelfManagedIoCleanup', 'EvtCleanupCallback', 'EvtDestroyCallback', 'EvtDriverUnload']);
    expect(h.irps('IRP_MN_SURPRISE_REMOVAL')).toEqual(['IRP_MN_SURPRISE_REMOVAL@function', 'IRP_MN_SURPRISE_REMOVAL@bus']);
    expect(h.select({ kind: 'state', device: 'nic' }).map((e) => e.name)).toEqual(['SurpriseRemoved', 'PhysicallyAbsent']);
    expect(h.select({ kind: 'call', device: 'nic' }).map((e) => `${e.name}:${e.args?.Enable}`)).toEqual(['IoSetDeviceInterfaceState:FALSE']);
  });

  it('sends IRP_MN_REMOVE_DEVICE only after the last handle closes', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', openHandles: 1 }).plug('disk').unplug('disk');
    expect(h.irps('IRP_MN_SURPRISE_REMOVAL')).toHaveLength(2);
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual([]);
    expect(h.state('disk')).toBe('SurpriseRemoved');
    h.closeHandles('disk');
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@function', 'IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.callbacks({ layer: 'function' })).toEqual(['EvtIoStop(non-power-managed, Purge)', 'EvtDeviceSelfManagedIoCleanup', 'EvtCleanupCallback', 'EvtDestroyCallback', 'EvtDriverUnload']);
    expect(h.state('disk')).toBe('PhysicallyAbsent');
  });

  it('cannot be vetoed: static stop/remove and a failing EvtDeviceQueryRemove change nothing', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', staticStopRemove: true, callbacks: { EvtDeviceQueryRemove: 'fail' } }).plug('disk').unplug('disk');
    expect(h.callbacks()).not.toContain('EvtDeviceQueryRemove');
    expect(h.state('disk')).toBe('PhysicallyAbsent');
  });

  // issue 12 point 9, the KMDF source (pnpstatemachine.cpp): the failed restart sends each driver down its failed path
  // (PnpEventStoppedWaitForStartCompletion → PnpEventFailed: interfaces, purge, flush); IRP_MN_SURPRISE_REMOVAL then
  // finds it done and calls only EvtDeviceSurpriseRemoval (PnpEventFailedSurpriseRemoved: "the device has failed and
  // then received a surprise remove").
  it('in Dx (cable pulled while the device is stopped for a rebalance): the failed restart cleans up; then EvtDeviceSurpriseRemoval alone, last', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk');
    h.do({ action: 'rebalance', device: 'disk' });
    const stopDone = h.last.find((e) => e.kind === 'state' && e.name === 'Stopped')!.t;
    const h2 = lab({ id: 'disk', model: 'usb-disk' }).plug('disk');
    h2.do({ action: 'wait', ms: 0 }).after(0, { action: 'rebalance', device: 'disk' }).after(stopDone - h.last[0].t, { action: 'unplug', device: 'disk' }).settle();
    const events = h2.events.slice(h2.events.findIndex((e) => e.name === 'rebalance'));
    const restart = events.filter((e) => e.name === 'IRP_MN_START_DEVICE');
    expect(restart.map((e) => `${e.layer}:${e.result}`)).toEqual(['bus:STATUS_NO_SUCH_DEVICE', 'function:STATUS_NO_SUCH_DEVICE']);
    const surprise = events.findIndex((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL');
    expect(surprise).toBeGreaterThan(0);
    const restartAt = events.findIndex((e) => e.name === 'IRP_MN_START_DEVICE');
    expect(h2.callbacks({ layer: 'function' }, events.slice(restartAt, surprise))).toEqual(['EvtIoStop(power-managed, Purge)', 'EvtDeviceSelfManagedIoFlush']);
    expect(h2.callbacks({ layer: 'bus' }, events.slice(restartAt, surprise))).toEqual(['EvtDevicePrepareHardware', 'EvtDeviceReleaseHardware']);
    const removeAt = events.findIndex((e) => e.name === 'IRP_MN_REMOVE_DEVICE');
    expect(h2.callbacks({ layer: 'function' }, events.slice(surprise, removeAt))).toEqual(['EvtDeviceSurpriseRemoval']);
    // USBHUB3's PDO registers no EvtDeviceSurpriseRemoval in the lab; the unplug (queued behind the rebalance) reports it missing
    expect(h2.callbacks({ layer: 'bus' }, events.slice(surprise, removeAt))).toEqual(['EvtDeviceReportedMissing']);
    expect(h2.irps('IRP_MN_SURPRISE_REMOVAL', {}, events)).toEqual(['IRP_MN_SURPRISE_REMOVAL@function', 'IRP_MN_SURPRISE_REMOVAL@bus']);
    expect(h2.state('disk')).toBe('PhysicallyAbsent');
  });

  it('a device pulled before its start IRP: the bus driver cannot reach it, the start fails and a plain remove follows', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' });
    h.do({ action: 'wait', ms: 0 }).after(0, { action: 'plug', device: 'cam' }).after(10, { action: 'unplug', device: 'cam' }).settle();
    const unplug = indexOf(h.events, (e) => e.kind === 'user' && e.name === 'unplug');
    expect(h.events[unplug].t).toBe(10);
    const after = h.events.slice(unplug);
    expect(after.filter((e) => e.name === 'IRP_MN_START_DEVICE').map((e) => `${e.layer}:${e.result}`)).toEqual(['bus:STATUS_NO_SUCH_DEVICE', 'function:STATUS_NO_SUCH_DEVICE']);
    const start = after.slice(indexOf(after, (e) => e.name === 'IRP_MN_START_DEVICE'));
    expect(h.callbacks({ layer: 'bus' }, start).slice(0, 2)).toEqual(['EvtDevicePrepareHardware', 'EvtDeviceReleaseHardware']);
    expect(start[1]).toMatchObject({ name: 'EvtDevicePrepareHardware', result: 'STATUS_NO_SUCH_DEVICE' });
    expect(after.filter((e) => e.name === 'IRP_MN_REMOVE_DEVICE').map((e) => e.layer)).toEqual(['function', 'bus']);
    expect(after.some((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL')).toBe(false);
    expect(h.state('cam')).toBe('PhysicallyAbsent');
  });
});

describe('children before parents', () => {
  const setup = () => lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }, { id: 'cam', model: 'usb-webcam' }).plug('hub').plug('disk', 'hub:1').plug('cam', 'hub:3');

  it('unplugging a hub surprise-removes the devices on it first, then removes them before the hub', () => {
    const h = setup().unplug('hub');
    const order = h.select({ kind: 'irp' }).filter((e) => e.layer === 'bus' && /SURPRISE|REMOVE_DEVICE/.test(e.name)).map((e) => `${e.name}:${e.device}`);
    expect(order).toEqual([
      'IRP_MN_SURPRISE_REMOVAL:disk', 'IRP_MN_SURPRISE_REMOVAL:cam', 'IRP_MN_SURPRISE_REMOVAL:hub',
      'IRP_MN_REMOVE_DEVICE:disk', 'IRP_MN_REMOVE_DEVICE:cam', 'IRP_MN_REMOVE_DEVICE:hub',
    ]);
    for (const d of ['hub', 'disk', 'cam']) expect(h.state(d)).toBe('PhysicallyAbsent');
  });

  it('a hub waits for its children: a child with an open handle holds the hub\'s IRP_MN_REMOVE_DEVICE too', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk', openHandles: 1 }).plug('hub').plug('disk', 'hub:1').unplug('hub');
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual([]);
    h.closeHandles('disk');
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device)).toEqual(['disk', 'hub']);
  });

  it('safely removing a hub queries and removes its children first; replugging the hub brings them back', () => {
    const h = setup().safeRemove('hub');
    const q = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device);
    expect(q).toEqual(['disk', 'cam', 'hub']);
    const r = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device);
    expect(r).toEqual(['disk', 'cam', 'hub']);
    expect(h.state('disk')).toBe('PhysicallyPresent');
    expect(h.state('hub')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
    h.unplug('hub').plug('hub');
    expect(h.state('disk')).toBe('Started');
    expect(h.state('cam')).toBe('Started');
  });

  it('a veto by a child cancels the removal of the whole subtree', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceQueryRemove: 'fail' } }, { id: 'cam', model: 'usb-webcam' })
      .plug('hub').plug('cam', 'hub:1').plug('disk', 'hub:2').safeRemove('hub');
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_CANCEL_REMOVE_DEVICE' && e.layer === 'bus').map((e) => e.device)).toEqual(['cam', 'disk']);
    expect(['hub', 'disk', 'cam'].map((d) => h.state(d))).toEqual(['Started', 'Started', 'Started']);
  });
});
