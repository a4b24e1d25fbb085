/**
 * The wait-wake IRP's completion and cancellation (issue 12 point 2). kernel/irp-mn-wait-wake.md ("remains pending until
 * a wake-up signal occurs or until the driver that sent the IRP cancels it"; STATUS_SUCCESS, STATUS_CANCELLED),
 * kernel/handling-a-wait-wake-irp-in-a-bus-driver--pdo-.md (step 7: the bus driver calls IoCompleteRequest with
 * STATUS_SUCCESS), kernel/canceling-a-wait-wake-irp.md (only the sender cancels it, with IoCancelIrp, on a stop or remove).
 * KMDF: powerstatemachine.cpp PowerIndicateWaitWakeStatus / PowerCompletePendedWakeIrp.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace';
import { lab } from '../../testing/harness';

const waitWakes = (events: TraceEvent[]) => events.filter((e) => e.kind === 'irp' && e.name === 'IRP_MN_WAIT_WAKE');

describe('IRP_MN_WAIT_WAKE', () => {
  it('a KMDF bus driver\'s WdfDeviceIndicateWakeStatus completes it with STATUS_SUCCESS in every driver; the D0 IRP follows', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').idle('cam');
    const sent = waitWakes(h.last);
    expect(sent.map((e) => `${e.layer}:${e.result}`)).toEqual(['function:STATUS_PENDING', 'bus:STATUS_PENDING']);
    h.wake('cam');
    const indicate = h.last.find((e) => e.name === 'WdfDeviceIndicateWakeStatus')!;
    expect(indicate).toMatchObject({ kind: 'call', layer: 'bus', driver: 'USBHUB3', args: { WaitWakeStatus: 'STATUS_SUCCESS' } });
    // the events recorded at idle now read the IRP's final status, known from the bus driver's call on
    expect(sent.map((e) => `${e.layer}:${e.result}:${e.end}`)).toEqual([`function:STATUS_SUCCESS:${indicate.seq}`, `bus:STATUS_SUCCESS:${indicate.seq}`]);
    expect(h.last.findIndex((e) => e.name === 'IRP_MN_SET_POWER')).toBeGreaterThan(h.last.indexOf(indicate));
  });

  it('pci.sys, a WDM bus driver, completes it itself with IoCompleteRequest (no WdfDeviceIndicateWakeStatus)', () => {
    const h = lab({ id: 'nic', model: 'pci-nic' }).plug('nic').idle('nic').wake('nic');
    expect(h.last.some((e) => e.name === 'WdfDeviceIndicateWakeStatus')).toBe(false);
    expect(h.last.find((e) => e.kind === 'call')).toMatchObject({ name: 'IoCompleteRequest', layer: 'bus', driver: 'pci', args: { Irp: 'IRP_MN_WAIT_WAKE', Status: 'STATUS_SUCCESS', PriorityBoost: 'IO_NO_INCREMENT' } });
    expect(waitWakes(h.events).map((e) => e.result)).toEqual(['STATUS_SUCCESS', 'STATUS_SUCCESS']);
  });

  it('the power policy owner cancels it when the device is surprise-removed while idle: STATUS_CANCELLED, after EvtDeviceSurpriseRemoval', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').idle('cam').unplug('cam');
    const cancel = h.last.find((e) => e.name === 'IoCancelIrp')!;
    expect(cancel).toMatchObject({ kind: 'call', layer: 'function', driver: 'SimCamera', args: { Irp: 'IRP_MN_WAIT_WAKE' }, at: 'kmdf.surpriseRemoval/CancelWaitWake' });
    expect(h.last.indexOf(cancel)).toBeGreaterThan(h.last.findIndex((e) => e.name === 'EvtDeviceSurpriseRemoval'));
    expect(waitWakes(h.events).map((e) => `${e.result}:${e.end}`)).toEqual([`STATUS_CANCELLED:${cancel.seq}`, `STATUS_CANCELLED:${cancel.seq}`]);
  });

  it('a query-remove of an idle device cancels it before the owner asks for D0', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').idle('disk').safeRemove('disk');
    const cancel = h.last.findIndex((e) => e.name === 'IoCancelIrp');
    expect(cancel).toBeGreaterThan(h.last.findIndex((e) => e.name === 'EvtDeviceQueryRemove'));
    expect(cancel).toBeLessThan(h.last.findIndex((e) => e.name === 'IRP_MN_SET_POWER'));
    expect(waitWakes(h.events).map((e) => e.result)).toEqual(['STATUS_CANCELLED', 'STATUS_CANCELLED']);
    expect(h.last.some((e) => e.name === 'EvtDeviceWakeFromS0Triggered')).toBe(false); // I/O woke it, not the device
  });

  it('I/O arriving wakes an armed device: the owner cancels the IRP, then D0, with no EvtDeviceWakeFromS0Triggered', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').idle('cam').do({ action: 'wake', device: 'cam', by: 'io' });
    expect(h.last.filter((e) => e.kind === 'call').map((e) => e.name)).toEqual(['IoCancelIrp']);
    expect(h.callbacks({ layer: 'function' })).toContain('EvtDeviceDisarmWakeFromS0');
    expect(h.callbacks({ layer: 'function' })).not.toContain('EvtDeviceWakeFromS0Triggered');
    expect(waitWakes(h.events).map((e) => e.result)).toEqual(['STATUS_CANCELLED', 'STATUS_CANCELLED']);
  });

  it('at shutdown an idle device\'s owner cancels it: it must not wake the system', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').idle('cam').do({ action: 'shutdown' });
    expect(h.last.find((e) => e.name === 'IoCancelIrp')).toMatchObject({ at: 'power.shutdownOne/CancelWaitWake' });
    expect(waitWakes(h.events).map((e) => e.result)).toEqual(['STATUS_CANCELLED', 'STATUS_CANCELLED']);
  });
});

describe('idle without wake (IdleCannotWakeFromS0)', () => {
  // powerpolicystatemachine.cpp: the TimerExpiredNoWake path powers down with no wait-wake IRP and no arming
  // (PwrPolPowerDownIoStopped → WdfDevStatePwrPolTimerExpiredNoWakeCompletePowerDown); I/O brings it back.
  it('no IRP_MN_WAIT_WAKE, no EvtDeviceArmWakeFromS0 or EnableWakeAtBus; I/O wakes it with no disarm', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').do({ action: 'idle', device: 'cam', armForWake: false });
    expect(h.irps()).toEqual(['IRP_MN_SET_POWER@function', 'IRP_MN_SET_POWER@bus']);
    expect(h.callbacks({ layer: 'function' })).toEqual(['EvtDeviceSelfManagedIoSuspend', 'EvtIoStop(power-managed, Suspend)', 'EvtDeviceD0ExitPreInterruptsDisabled(WdfPowerDeviceD3)', 'EvtDeviceD0Exit(WdfPowerDeviceD3)']);
    expect(h.callbacks({ layer: 'bus' })).toEqual(['EvtDeviceD0Exit(WdfPowerDeviceD3)']);
    expect(() => h.do({ action: 'wake', device: 'cam', by: 'device' })).toThrow('action.by: "cam" idled without wake (armForWake: false)');
    h.wake('cam'); // by I/O, the only way back
    expect(h.last.filter((e) => e.kind === 'call')).toEqual([]);
    expect(h.callbacks({ layer: 'function' })).toEqual(['EvtDeviceD0Entry(WdfPowerDeviceD3)', 'EvtDeviceD0EntryPostInterruptsEnabled(WdfPowerDeviceD3)', 'EvtIoResume', 'EvtDeviceSelfManagedIoRestart']);
  });
});

describe('shutdown of an idle device', () => {
  it('its drivers are already in D3: the shutdown Dx IRP runs no D0Exit a second time', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').idle('cam').do({ action: 'shutdown' });
    expect(h.irps('IRP_MN_SET_POWER')).toEqual(['IRP_MN_SET_POWER@function', 'IRP_MN_SET_POWER@bus', 'IRP_MN_SET_POWER@function', 'IRP_MN_SET_POWER@bus']);
    expect(h.callbacks()).toEqual([]);
  });
});
