/**
 * KMDF as its own source runs it (issue 12, point 9). Each test names the function of the KMDF source
 * (microsoft/Windows-Driver-Frameworks, src/framework/shared/irphandlers/pnp/ unless it says otherwise)
 * whose order or value it asserts, and the page the source departs from where there is one.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../testing/harness';

describe('KMDF source: start failures', () => {
  // pnpstatemachine.cpp PnpEventHardwareAvailablePowerPolicyFailed: SetPendingPnpIrpStatus(STATUS_DEVICE_POWER_FAILURE)
  it('a failed EvtDeviceD0Entry fails the start IRP with STATUS_DEVICE_POWER_FAILURE, not the callback\'s status', () => {
    const h = lab({ id: 'disk', model: 'usb-disk', filters: { lower: 0, upper: 1 }, callbacks: { EvtDeviceD0Entry: 'fail' } }).plug('disk');
    const starts = h.select({ kind: 'irp' }).filter((e) => e.name === 'IRP_MN_START_DEVICE');
    expect(h.select({ kind: 'callback', layer: 'function' }).find((e) => e.name === 'EvtDeviceD0Entry')!.result).toBe('STATUS_UNSUCCESSFUL');
    expect(starts.map((e) => `${e.layer}:${e.result}`)).toEqual(['bus:STATUS_SUCCESS', 'function:STATUS_DEVICE_POWER_FAILURE', 'upper-filter:STATUS_DEVICE_POWER_FAILURE']);
  });

  it('so does a failed EvtDeviceSelfManagedIoInit; a failed EvtDevicePrepareHardware keeps its own status (PnpEventFailedOwnHardware)', () => {
    const init = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDeviceSelfManagedIoInit: 'fail' } }).plug('disk');
    expect(init.select({ kind: 'irp', layer: 'function' }).find((e) => e.name === 'IRP_MN_START_DEVICE')!.result).toBe('STATUS_DEVICE_POWER_FAILURE');
    const prep = lab({ id: 'disk', model: 'usb-disk', callbacks: { EvtDevicePrepareHardware: 'fail' } }).plug('disk');
    expect(prep.select({ kind: 'irp', layer: 'function' }).find((e) => e.name === 'IRP_MN_START_DEVICE')!.result).toBe('STATUS_UNSUCCESSFUL');
  });
});
