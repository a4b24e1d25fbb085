/**
 * Rebalance, Device Manager disable/enable, failed start, reported failure, hung callbacks.
 * Sources: wdf/the-pnp-manager-redistributes-system-resources.md, kernel/stopping-a-device-to-rebalance-resources.md,
 * wdf/handling-requests-to-stop-a-device.md, wdf/power-up-sequence-for-a-bus-driver.md, kernel/starting-a-device.md,
 * wdf/surprise-removal-sequence.md, DDI nc-wdfdevice-evt_wdf_device_prepare_hardware / _d0_entry.
 */
import { describe, expect, it } from 'vitest';
import { indexOf, lab } from '../../testing/harness';

describe('rebalance', () => {
  it('query-stop and stop top-down, then start bottom-up with new resources; SelfManagedIoRestart, not Init; no Flush or Cleanup', () => {
    const h = lab({ id: 'nic', model: 'pci-nic', filters: { lower: 0, upper: 1 } }).plug('nic');
    const firstResources = h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'EvtDevicePrepareHardware')!.args!.ResourcesTranslated;
    h.rebalance('nic');
    expect(h.irps()).toEqual([
      'IRP_MN_QUERY_STOP_DEVICE@upper-filter', 'IRP_MN_QUERY_STOP_DEVICE@function', 'IRP_MN_QUERY_STOP_DEVICE@bus',
      'IRP_MN_STOP_DEVICE@upper-filter', 'IRP_MN_STOP_DEVICE@function', 'IRP_MN_STOP_DEVICE@bus',
      'IRP_MN_START_DEVICE@bus', 'IRP_MN_START_DEVICE@function', 'IRP_MN_START_DEVICE@upper-filter',
    ]);
    expect(h.callbacks({ layer: 'function' })).toEqual([
      'EvtDeviceQueryStop',
      'EvtDeviceSelfManagedIoSuspend', 'EvtIoStop(power-managed, Suspend)', 'EvtDmaEnablerSelfManagedIoStop', 'EvtDmaEnablerDisable', 'EvtDmaEnablerFlush',
      'EvtDeviceD0ExitPreInterruptsDisabled(WdfPowerDeviceD3Final)', 'EvtInterruptDisable', 'EvtDeviceD0Exit(WdfPowerDeviceD3Final)', 'EvtDeviceReleaseHardware',
      'EvtDeviceRemoveAddedResources', 'EvtDevicePrepareHardware', 'EvtDeviceD0Entry(WdfPowerDeviceD3Final)', 'EvtInterruptEnable',
      'EvtDeviceD0EntryPostInterruptsEnabled(WdfPowerDeviceD3Final)', 'EvtDmaEnablerFill', 'EvtDmaEnablerEnable', 'EvtDmaEnablerSelfManagedIoStart',
      'EvtIoResume', 'EvtDeviceSelfManagedIoRestart',
    ]);
    const newResources = h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'EvtDevicePrepareHardware')!.args!.ResourcesTranslated;
    expect(newResources).not.toEqual(firstResources);
    expect(h.select({ kind: 'state' }).map((e) => e.name)).toEqual(['StopPending', 'Stopped', 'Started']);
  });

  it('EvtDeviceQueryStop failing: IRP_MN_CANCEL_STOP_DEVICE bottom-up, no stop, device keeps working', () => {
    const h = lab({ id: 'nic', model: 'pci-nic', filters: { lower: 1, upper: 0 }, callbacks: { EvtDeviceQueryStop: 'fail' } }).plug('nic').rebalance('nic');
    expect(h.irps()).toEqual(['IRP_MN_QUERY_STOP_DEVICE@function', 'IRP_MN_CANCEL_STOP_DEVICE@bus', 'IRP_MN_CANCEL_STOP_DEVICE@lower-filter', 'IRP_MN_CANCEL_STOP_DEVICE@function']);
    expect(h.callbacks()).toEqual(['EvtDeviceQueryStop']);
    expect(h.last.find((e) => e.name === 'PNP_VetoDevice')!.args).toMatchObject({ Operation: 'QueryStop' });
    expect(h.state('nic')).toBe('Started');
  });

  it('WdfDeviceSetStaticStopRemove(FALSE) blocks the stop as well, without calling EvtDeviceQueryStop', () => {
    const h = lab({ id: 'nic', model: 'pci-nic', staticStopRemove: true }).plug('nic').rebalance('nic');
    expect(h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_QUERY_STOP_DEVICE').map((e) => e.result)).toEqual(['STATUS_INVALID_DEVICE_STATE']);
    expect(h.callbacks()).toEqual([]);
  });
});

describe('Device Manager disable and enable', () => {
  it('disable is a query-remove and remove that keeps the PDO: no cleanup in the bus driver', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').disable('disk');
    expect(h.irps().filter((i) => i.includes('REMOVE'))).toEqual(['IRP_MN_QUERY_REMOVE_DEVICE@function', 'IRP_MN_QUERY_REMOVE_DEVICE@bus', 'IRP_MN_REMOVE_DEVICE@function', 'IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.callbacks({ layer: 'bus' })).toEqual(['EvtDeviceD0Exit(WdfPowerDeviceD3Final)', 'EvtDeviceReleaseHardware']);
    expect(h.callbacks({ layer: 'function' })).toContain('EvtDestroyCallback');
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_DISABLED');
  });

  it('enable restarts the same PDO at EvtDevicePrepareHardware; the function driver gets a new AddDevice and SelfManagedIoInit', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').disable('disk').enable('disk');
    expect(h.callbacks({ layer: 'bus' })).toEqual(['EvtDevicePrepareHardware', 'EvtDeviceD0Entry(WdfPowerDeviceD3Final)']);
    expect(h.callbacks({ layer: 'function' })).toEqual([
      'DriverEntry', 'EvtDriverDeviceAdd', 'EvtDeviceFilterRemoveResourceRequirements', 'EvtDeviceFilterAddResourceRequirements',
      'EvtDevicePrepareHardware', 'EvtDeviceD0Entry(WdfPowerDeviceD3Final)', 'EvtDeviceD0EntryPostInterruptsEnabled(WdfPowerDeviceD3Final)',
      'EvtDeviceSelfManagedIoInit', 'EvtDeviceRelationsQuery',
    ]);
    expect(h.last.some((e) => e.name === 'EvtChildListCreateDevice')).toBe(false);
    expect(h.state('disk')).toBe('Started');
  });

  it('NotDisableable: Device Manager cannot disable the device, and no IRP is sent', () => {
    const h = lab({ id: 'nic', model: 'pci-nic', capabilities: { NotDisableable: true } }).plug('nic');
    const pnpState = h.events.find((e) => e.name === 'IRP_MN_QUERY_PNP_DEVICE_STATE' && e.layer === 'bus')!;
    expect(pnpState.args).toEqual({ PnpDeviceState: 'PNP_DEVICE_NOT_DISABLEABLE' });
    h.disable('nic');
    expect(h.irps()).toEqual([]);
    expect(h.last.map((e) => e.name)).toEqual(['disable', 'PNP_VetoNonDisableable']);
    expect(h.state('nic')).toBe('Started');
  });

  it('enable of a device that is not disabled is refused with the field path', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk');
    expect(() => h.enable('disk')).toThrow('action.device: "disk" is Started; expected a device disabled in Device Manager');
  });
});

describe('failure rules', () => {
  it('a failed EvtDevicePrepareHardware still gets EvtDeviceReleaseHardware inside the start IRP; a plain remove follows', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 0, upper: 1 }, callbacks: { EvtDevicePrepareHardware: 'fail' } }).plug('disk');
    const start = h.last.slice(indexOf(h.last, (e) => e.name === 'IRP_MN_START_DEVICE'));
    const fnStart = start.find((e) => e.name === 'IRP_MN_START_DEVICE' && e.layer === 'function')!;
    expect(fnStart.result).toBe('STATUS_UNSUCCESSFUL');
    expect(h.callbacks({ layer: 'function' }, start)).toEqual([
      'EvtDevicePrepareHardware', 'EvtDeviceReleaseHardware',
      // then IRP_MN_REMOVE_DEVICE: SelfManagedIoInit never ran, so neither Flush nor Cleanup
      'EvtCleanupCallback', 'EvtDestroyCallback', 'EvtDriverUnload',
    ]);
    const releaseAt = indexOf(start, (e) => e.name === 'EvtDeviceReleaseHardware' && e.layer === 'function');
    const upperStart = indexOf(start, (e) => e.name === 'IRP_MN_START_DEVICE' && e.layer === 'upper-filter');
    expect(releaseAt).toBeLessThan(upperStart);
    expect(start[upperStart].result).toBe('STATUS_UNSUCCESSFUL');
    expect(h.callbacks({ layer: 'upper-filter' }, start.slice(upperStart, indexOf(start, (e) => e.name === 'IRP_MN_REMOVE_DEVICE')))).toEqual([]);
    expect(h.irps('IRP_MN_QUERY_REMOVE_DEVICE')).toEqual([]);
    expect(h.irps('IRP_MN_SURPRISE_REMOVAL')).toEqual([]);
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@upper-filter', 'IRP_MN_REMOVE_DEVICE@function', 'IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
  });

  it('a failed EvtDeviceD0Entry never gets EvtDeviceD0Exit, but gets EvtDeviceReleaseHardware', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceD0Entry: 'fail' } }).plug('disk');
    const fn = h.callbacks({ layer: 'function' });
    expect(fn).not.toContain('EvtDeviceD0Exit(WdfPowerDeviceD3Final)');
    const i = fn.indexOf('EvtDeviceD0Entry(WdfPowerDeviceD3Final)');
    expect(fn[i + 1]).toBe('EvtDeviceReleaseHardware');
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
  });

  it('a failed EvtDeviceSelfManagedIoInit powers down (D0Exit), releases hardware and flushes; Cleanup comes at remove', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceSelfManagedIoInit: 'fail' } }).plug('disk');
    const fn = h.callbacks({ layer: 'function' });
    const i = fn.indexOf('EvtDeviceSelfManagedIoInit');
    expect(fn.slice(i, i + 6)).toEqual(['EvtDeviceSelfManagedIoInit', 'EvtDeviceD0ExitPreInterruptsDisabled(WdfPowerDeviceD3Final)', 'EvtDeviceD0Exit(WdfPowerDeviceD3Final)', 'EvtDeviceReleaseHardware', 'EvtDeviceSelfManagedIoFlush', 'EvtDeviceSelfManagedIoCleanup']);
  });

  it('a failed AddDevice: drivers already attached get IRP_MN_REMOVE_DEVICE, the device shows CM_PROB_FAILED_ADD', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 0 }, callbacks: { EvtDriverDeviceAdd: 'fail' } }).plug('disk');
    expect(h.irps('IRP_MN_START_DEVICE')).toEqual([]);
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@lower-filter', 'IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_ADD');
  });

  // issue 12 point 4. wdf/reporting-device-failures.md: "If a driver that is installed as a filter fails EvtDriverDeviceAdd,
  // the operating system skips the filter device object and does not indicate a PnP error."
  it('a filter whose EvtDriverDeviceAdd fails is skipped: no device object, no IRPs, no problem code; the device starts without it', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 1 }, layers: { 'upper-filter': { callbacks: { EvtDriverDeviceAdd: 'fail' } } } }).plug('disk');
    expect(h.select({ kind: 'callback', layer: 'upper-filter' }).map((e) => `${e.name}:${e.result ?? ''}`)).toEqual(['DriverEntry:STATUS_SUCCESS', 'EvtDriverDeviceAdd:STATUS_UNSUCCESSFUL', 'EvtDriverUnload:']);
    expect(h.irps('IRP_MN_START_DEVICE')).toEqual(['IRP_MN_START_DEVICE@bus', 'IRP_MN_START_DEVICE@lower-filter', 'IRP_MN_START_DEVICE@function']);
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual([]);
    expect(h.state('disk')).toBe('Started');
    // the unload comes after the last AddDevice, before the stack is attached
    const unload = h.last.findIndex((e) => e.name === 'EvtDriverUnload');
    expect(unload).toBeLessThan(h.last.findIndex((e) => e.kind === 'state' && e.name === 'FdoAndFilterDosAttached'));
  });

  it('the function driver\'s failure still fails the devnode, whatever the filters do (CM_PROB_FAILED_ADD)', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 1, upper: 0 }, callbacks: { EvtDriverDeviceAdd: 'fail' }, layers: { 'lower-filter': { callbacks: { EvtDriverDeviceAdd: 'fail' } } } }).plug('disk');
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_ADD');
  });

  it('a driver that reports failure (IoInvalidateDeviceState) goes down the surprise-removal path while present', () => {
    const h = lab({ id: 'disk', model: 'usb-disk' }).plug('disk').fail('disk');
    expect(h.last.filter((e) => e.kind !== 'callback').slice(0, 4).map((e) => e.name)).toEqual(['fail', 'IoInvalidateDeviceState', 'IRP_MN_QUERY_PNP_DEVICE_STATE', 'IRP_MN_QUERY_PNP_DEVICE_STATE']);
    expect(h.last.find((e) => e.name === 'IRP_MN_QUERY_PNP_DEVICE_STATE')!.args).toEqual({ PnpDeviceState: 'PNP_DEVICE_FAILED' });
    expect(h.callbacks({ layer: 'function' })[0]).toBe('EvtDeviceSurpriseRemoval');
    expect(h.irps('IRP_MN_REMOVE_DEVICE')).toEqual(['IRP_MN_REMOVE_DEVICE@function', 'IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_POST_START');
  });
});

describe('a callback that never returns', () => {
  it('blocks the PnP manager: a warning explains it, and later PnP work on other devices waits forever', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceQueryRemove: 'hang' } }, { id: 'cam', model: 'usb-webcam' }).plug('disk').safeRemove('disk');
    const query = h.last.find((e) => e.name === 'IRP_MN_QUERY_REMOVE_DEVICE')!;
    expect(query.result).toBe('STATUS_PENDING');
    const warn = h.last.find((e) => e.kind === 'warn')!;
    expect(warn).toMatchObject({ name: 'EvtDeviceQueryRemove', device: 'disk', layer: 'function' });
    expect(String(warn.args!.message)).toMatch(/PnP manager/);
    h.plug('cam');
    expect(h.last.map((e) => e.name)).toEqual(['plug']);
    expect(h.state('cam')).toBe('PhysicallyAbsent');
  });
});
