/**
 * Idle and wake. Sources: wdf/a-device-enters-a-low-power-state.md, wdf/a-device-returns-to-its-working-state.md,
 * wdf/surprise-removal-sequence.md, DDI nc-wdfdevice-evt_wdf_device_d0_exit / _query_remove.
 */
import { describe, expect, it } from 'vitest';
import { indexOf, lab } from '../../testing/harness';

describe('idle and wake (KMDF)', () => {
  // issue 12 point 9. The KMDF source, not the page's figure (wdf/a-device-enters-a-low-power-state.md draws WAIT_WAKE first):
  // powerpolicystatemachine.cpp PwrPolTimerExpiredWakeCapablePowerDown asks for the Dx IRP; the FDO's power machine suspends
  // self-managed I/O and stops its queues (powerstatemachine.cpp PowerGotoDx, then PwrPolPowerDownIoStopped); the owner sends
  // IRP_MN_WAIT_WAKE (...WakeCapableSendWake); the PDO, still in D0, enables wake at the bus (PowerEnablingWakeAtBus); the
  // owner arms (...WakeCapableWakeArrived: EvtDeviceArmWakeFromS0) and finishes Dx (PowerGotoDxIoStoppedCommon).
  it('idle with wake armed: Dx IRP first; the owner suspends, stops its queues, sends IRP_MN_WAIT_WAKE (the PDO enables wake at the bus), arms, then leaves D0', () => {
    const h = lab({ id: 'nic', model: 'pci-nic' }).plug('nic').idle('nic');
    expect(h.irps()).toEqual(['IRP_MN_SET_POWER@function', 'IRP_MN_WAIT_WAKE@function', 'IRP_MN_WAIT_WAKE@bus', 'IRP_MN_SET_POWER@bus']);
    expect(h.callbacks({ layer: 'function' })).toEqual([
      'EvtDeviceSelfManagedIoSuspend', 'EvtIoStop(power-managed, Suspend)', 'EvtDeviceArmWakeFromS0',
      'EvtDmaEnablerSelfManagedIoStop', 'EvtDmaEnablerDisable', 'EvtDmaEnablerFlush',
      'EvtDeviceD0ExitPreInterruptsDisabled(WdfPowerDeviceD3)', 'EvtInterruptDisable', 'EvtDeviceD0Exit(WdfPowerDeviceD3)',
    ]);
    const seq = (name: string, layer: string) => h.last.find((e) => e.name === name && e.layer === layer)!.seq;
    expect(seq('IRP_MN_WAIT_WAKE', 'function')).toBeGreaterThan(seq('EvtIoStop', 'function'));
    expect(seq('IRP_MN_WAIT_WAKE', 'function')).toBeLessThan(seq('EvtDeviceArmWakeFromS0', 'function'));
    // the wait-wake IRP stays pending until the device wakes
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_WAIT_WAKE').map((e) => e.result)).toEqual(['STATUS_PENDING', 'STATUS_PENDING']);
  });

  it('a KMDF bus driver enables wake at the bus when IRP_MN_WAIT_WAKE arrives in D0, before the owner arms and leaves D0', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam', filters: { lower: 1, upper: 0 } }).plug('cam').idle('cam');
    expect(h.last.filter((e) => e.kind === 'irp' || e.name === 'EvtDeviceEnableWakeAtBus' || e.name === 'EvtDeviceArmWakeFromS0' || e.name.startsWith('EvtDeviceD0Exit')).map((e) => `${e.name}@${e.layer}`)).toEqual([
      'IRP_MN_SET_POWER@function',
      'IRP_MN_WAIT_WAKE@function', 'IRP_MN_WAIT_WAKE@lower-filter', 'IRP_MN_WAIT_WAKE@bus', 'EvtDeviceEnableWakeAtBus@bus',
      'EvtDeviceArmWakeFromS0@function', 'EvtDeviceD0ExitPreInterruptsDisabled@function', 'EvtDeviceD0Exit@function',
      'IRP_MN_SET_POWER@lower-filter', 'EvtDeviceD0ExitPreInterruptsDisabled@lower-filter', 'EvtDeviceD0Exit@lower-filter',
      'IRP_MN_SET_POWER@bus', 'EvtDeviceD0Exit@bus',
    ]);
  });

  // powerpolicystatemachine.cpp PowerPolWokeFromS0NotifyDriver: EvtDeviceWakeFromS0Triggered once the hardware is back
  // (PwrPolPowerUpHwStarted, after D0EntryPostInterruptsEnabled, DMA and the child scan: PowerDmaEnableAndScan), then
  // PowerPolS0WakeDisarm (EvtDeviceDisarmWakeFromS0), then the queues and self-managed I/O restart (PowerStartSelfManagedIo).
  // The page (wdf/a-device-returns-to-its-working-state.md) lists Disarm before ScanForChildren and no WakeFromS0Triggered.
  it('wake signalled by the device: bus driver first, D0Entry with the Dx it was in, WakeFromS0Triggered, disarm, SelfManagedIoRestart; no PrepareHardware', () => {
    const h = lab({ id: 'nic', model: 'pci-nic' }).plug('nic').idle('nic').wake('nic');
    expect(h.irps()).toEqual(['IRP_MN_SET_POWER@bus', 'IRP_MN_SET_POWER@function']);
    expect(h.callbacks({ layer: 'function' })).toEqual([
      'EvtDeviceD0Entry(WdfPowerDeviceD3)', 'EvtInterruptEnable', 'EvtDeviceD0EntryPostInterruptsEnabled(WdfPowerDeviceD3)',
      'EvtDmaEnablerFill', 'EvtDmaEnablerEnable', 'EvtDmaEnablerSelfManagedIoStart', 'EvtDeviceWakeFromS0Triggered', 'EvtDeviceDisarmWakeFromS0',
      'EvtIoResume', 'EvtDeviceSelfManagedIoRestart',
    ]);
  });

  it('a hub\'s child scan comes before the disarm (PowerDmaEnableAndScan), not after it as the page lists', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }).plug('hub').idle('hub').wake('hub');
    const fn = h.callbacks({ layer: 'function' });
    expect(fn.indexOf('EvtChildListScanForChildren')).toBeLessThan(fn.indexOf('EvtDeviceWakeFromS0Triggered'));
    expect(fn.indexOf('EvtDeviceWakeFromS0Triggered')).toBeLessThan(fn.indexOf('EvtDeviceDisarmWakeFromS0'));
  });

  it('the route of each IRP holds over repeated cycles: D3 top-down and D0 bottom-up every time, rebalance stops top-down and starts bottom-up', () => {
    // the engine works out an IRP's direction once (src/engine/pnp/irp.ts routeOf); SET_POWER's depends on its State
    const h = lab({ id: 'nic', model: 'pci-nic' }).plug('nic');
    for (let i = 0; i < 2; i++) {
      h.idle('nic');
      expect(h.irps('IRP_MN_SET_POWER')).toEqual(['IRP_MN_SET_POWER@function', 'IRP_MN_SET_POWER@bus']);
      h.wake('nic');
      expect(h.irps('IRP_MN_SET_POWER')).toEqual(['IRP_MN_SET_POWER@bus', 'IRP_MN_SET_POWER@function']);
      h.rebalance('nic');
      expect(h.irps('IRP_MN_QUERY_STOP_DEVICE')).toEqual(['IRP_MN_QUERY_STOP_DEVICE@function', 'IRP_MN_QUERY_STOP_DEVICE@bus']);
      expect(h.irps('IRP_MN_START_DEVICE')).toEqual(['IRP_MN_START_DEVICE@bus', 'IRP_MN_START_DEVICE@function']);
    }
  });

  it('a USB bus driver enables wake at the bus going down and disables it coming back', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').idle('cam');
    expect(h.callbacks({ layer: 'bus' })).toEqual(['EvtDeviceEnableWakeAtBus', 'EvtDeviceD0Exit(WdfPowerDeviceD3)']); // the first on IRP_MN_WAIT_WAKE
    h.wake('cam');
    expect(h.callbacks({ layer: 'bus' })).toEqual(['EvtDeviceDisableWakeAtBus', 'EvtDeviceD0Entry(WdfPowerDeviceD3)']);
  });

  it('a surprise removal while idle runs no D0Exit: ReleaseHardware comes right after EvtDeviceSurpriseRemoval', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam').idle('cam').unplug('cam');
    const fn = h.callbacks({ layer: 'function' });
    expect(fn.slice(0, 2)).toEqual(['EvtDeviceSurpriseRemoval', 'EvtDeviceReleaseHardware']);
    expect(fn.some((n) => n.startsWith('EvtDeviceD0Exit'))).toBe(false);
    expect(h.callbacks({ layer: 'bus' }).slice(0, 2)).toEqual(['EvtDeviceReportedMissing', 'EvtDeviceDisableWakeAtBus']);
  });

  it('a query-remove on an idle device brings it back to D0 after EvtDeviceQueryRemove succeeds, before the IRP goes down', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 0 } }).plug('disk').idle('disk').safeRemove('disk');
    const query = indexOf(h.last, (e) => e.kind === 'callback' && e.name === 'EvtDeviceQueryRemove' && e.layer === 'function');
    const d0 = indexOf(h.last, (e) => e.name === 'IRP_MN_SET_POWER');
    const lowerQuery = indexOf(h.last, (e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE' && e.layer === 'lower-filter');
    expect(query).toBeLessThan(d0);
    expect(d0).toBeLessThan(lowerQuery);
    expect(h.irps('IRP_MN_SET_POWER')).toEqual(['IRP_MN_SET_POWER@bus', 'IRP_MN_SET_POWER@lower-filter', 'IRP_MN_SET_POWER@function']);
    // and the removal then powers it down from D0 as usual
    expect(h.callbacks({ layer: 'function' })).toContain('EvtDeviceD0Exit(WdfPowerDeviceD3Final)');
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
  });

  it('idle and wake are refused when they make no sense', () => {
    const h = lab({ id: 'cam', model: 'usb-webcam' }).plug('cam');
    expect(() => h.wake('cam')).toThrow('action.device: "cam" is not idle');
    h.idle('cam');
    expect(() => h.idle('cam')).toThrow('already idle');
  });
});
