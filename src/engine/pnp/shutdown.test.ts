/**
 * Nothing happens after shutdown's final power-down. Found by the engine's property tests
 * (src/engine/invariants.test.ts); each case is the shrunk scenario. Sources:
 * wdf/power-down-and-removal-sequence-for-a-function-or-filter-driver.md (the shutdown power-down,
 * D0Exit with WdfPowerDeviceD3Final), wdf/how-umdf-enforces-time-outs.md (the reflector terminates a
 * host that does not answer within 60 s), wdf/how-umdf-handles-driver-failures.md (what follows a
 * host failure: GUID_WUDF_DEVICE_HOST_PROBLEM and a surprise removal, which need a running system),
 * kernel/handling-an-irp-mn-surprise-removal-request.md (IRP_MN_REMOVE_DEVICE after a surprise removal).
 */
import { describe, expect, it } from 'vitest';
import { lab, labWith } from '../../testing/harness';

describe('after shutdown\'s final power-down the machine is off', () => {
  it('a UMDF callback hangs in the shutdown power-down: the reflector times the host out, the power-down ends, and no IRP_MN_SURPRISE_REMOVAL or host-problem event follows', () => {
    const h = labWith({
      devices: [{ id: 'cam', model: 'usb-webcam', framework: 'umdf1', callbacks: { 'IPnpCallback::OnD0Exit': 'hang' } }],
      clients: [{ id: 'app', mode: 'user', category: 'TargetDeviceChange', target: 'cam' }],
    }).plug('cam').do({ action: 'shutdown' });
    const names = h.last.map((e) => `${e.kind}:${e.name}@${e.layer ?? ''}`);
    expect(names.slice(-4)).toEqual(['callback:IPnpCallback::OnD0Exit@function', 'warn:IPnpCallback::OnD0Exit@function', 'irp:IRP_MN_SET_POWER@bus', 'callback:EvtDeviceD0Exit@bus']);
    expect(h.last.at(-3)!.t - h.last.at(-4)!.t).toBe(60_000); // the reflector's timeout
    expect(h.lab.poweredOffAt).toBe(h.events.length);
    for (const name of ['IRP_MN_SURPRISE_REMOVAL', 'CM_NOTIFY_ACTION_DEVICECUSTOMEVENT', 'IRP_MN_REMOVE_DEVICE']) expect(h.last.some((e) => e.name === name)).toBe(false);
  });

  it('the same hang outside shutdown still tears the device down (the reflector\'s host failure runs)', () => {
    const h = labWith({ devices: [{ id: 'cam', model: 'usb-webcam', framework: 'umdf1', callbacks: { 'IPnpCallback::OnD0Exit': 'hang' } }] }).plug('cam').do({ action: 'idle', device: 'cam' });
    expect(h.last.some((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL')).toBe(true);
  });

  it('a surprise removal whose IRP_MN_REMOVE_DEVICE is queued behind the shutdown: the remove is never sent, the device stays SurpriseRemoved', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').start({ action: 'unplug', device: 'disk' }).after(0, { action: 'shutdown' }).settle();
    expect(h.events.some((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL')).toBe(true);
    expect(h.events.some((e) => e.name === 'IRP_MN_REMOVE_DEVICE')).toBe(false);
    expect(h.state('disk')).toBe('SurpriseRemoved');
    expect(h.lab.poweredOffAt).toBe(h.events.length);
  });

  it('a synchronous IoReportTargetDeviceChange queued behind the shutdown: nobody is told, and the call never returns (STATUS_PENDING, no end)', () => {
    const h = labWith({ devices: [{ id: 'disk', model: 'usb-disk' }], clients: [{ id: 'k', mode: 'kernel', category: 'TargetDeviceChange', target: 'disk' }] })
      .plug('disk').start({ action: 'customEvent', device: 'disk', guid: 'GUID_DISK_FULL' }).after(0, { action: 'shutdown' }).settle();
    const call = h.events.find((e) => e.name === 'IoReportTargetDeviceChange')!;
    expect(call.result).toBe('STATUS_PENDING');
    expect(call.end).toBeUndefined();
    expect(h.events.some((e) => e.kind === 'notify' && e.name === 'GUID_DISK_FULL')).toBe(false);
    expect(h.lab.poweredOffAt).toBe(h.events.length);
  });

  it('a user-mode client\'s work item is still running at the power-off: the calls it had left (CloseHandle) never come (found by scripts/fuzz-hubs.ts)', () => {
    // the surprise removal tells the client (remove-pending); its callback submits a threadpool work item, which calls
    // CM_Unregister_Notification and then CloseHandle on a thread of its own, while the queued shutdown powers down
    // (nothing is started any more) and the machine is off before the CloseHandle
    const h = labWith({ devices: [{ id: 'hub', model: 'usb-hub' }], clients: [{ id: 'app', mode: 'user', category: 'TargetDeviceChange', target: 'hub' }] })
      .plug('hub').start({ action: 'unplug', device: 'hub' }).after(0, { action: 'shutdown' }).settle();
    const client = h.events.filter((e) => e.client === 'app' && e.kind === 'call').map((e) => e.name);
    expect(client.slice(-2)).toEqual(['SubmitThreadpoolWork', 'CM_Unregister_Notification']);
    expect(h.lab.poweredOffAt).toBe(h.events.length);
  });
});
