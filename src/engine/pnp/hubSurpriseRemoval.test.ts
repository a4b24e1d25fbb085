/**
 * The surprise removal of a hub reaches devices on its ports that the PnP manager has not enumerated (issue dn2, found by
 * scripts/fuzz-hubs.ts). kernel/handling-an-irp-mn-surprise-removal-request.md: a driver "must be prepared to handle
 * IRP_MN_SURPRISE_REMOVAL at any time after the driver's AddDevice routine is called", and the PnP manager sends
 * IRP_MN_REMOVE_DEVICE once "all open handles to the device are closed". A device with no devnode has had no AddDevice
 * and no handle; kernel/removing-a-device-in-a-bus-driver.md: a bus driver "must not delete the device's PDO until the
 * PnP manager sends an IRP_MN_REMOVE_DEVICE request".
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../testing/harness';

/** `kind:name@layer` of the device's irp, state and callback events over the whole run. */
function story(h: ReturnType<typeof lab>, device: string): string[] {
  return h.events.filter((e) => e.device === device && (e.kind === 'irp' || e.kind === 'state' || e.kind === 'callback')).map((e) => `${e.kind}:${e.name}${e.layer ? '@' + e.layer : ''}`);
}

describe('a hub fails while a device on it has a PDO and no devnode yet', () => {
  // hub1's arrival queries hub2, which creates the PDOs of hub1 and of hub3 (plugged at the same instant, its own arrival
  // still queued); hub2 fails before the PnP manager gets to hub3. The failure used to send IRP_MN_SURPRISE_REMOVAL to
  // hub3's PDO and stop the run with an internal error (PhysicallyAbsent → SurpriseRemoved).
  const failedWithPdo = () => {
    const h = lab({ id: 'hub1', model: 'usb-hub' }, { id: 'hub2', model: 'usb-hub' }, { id: 'hub3', model: 'usb-hub' });
    return h.plug('hub2', 'usb-root-hub:3')
      .start({ action: 'plug', device: 'hub1', port: 'hub2:1' })
      .after(0, { action: 'fail', device: 'hub2' })
      .after(0, { action: 'plug', device: 'hub3', port: 'hub2:3' })
      .settle();
  };

  it('the PDO gets no IRP_MN_SURPRISE_REMOVAL; its hub\'s removal deletes it with IRP_MN_REMOVE_DEVICE, and the device waits, present, for its hub', () => {
    const h = failedWithPdo();
    expect(story(h, 'hub3')).toEqual(['callback:EvtChildListCreateDevice@bus', 'state:PhysicallyPresent', 'irp:IRP_MN_REMOVE_DEVICE@bus']);
    expect(h.device('hub3').layers[0].deviceObject).toBe(false);
    // hub1 (enumerated and started) goes the usual way; hub2 keeps its PDO (it failed, it is still there)
    expect([h.state('hub1'), h.state('hub2'), h.state('hub3')]).toEqual(['PhysicallyPresent', 'EnumeratedAndDriversInitialized/CM_PROB_FAILED_POST_START', 'PhysicallyPresent']);
    expect(h.irps('IRP_MN_SURPRISE_REMOVAL', { layer: 'bus' }, h.events)).toEqual(['IRP_MN_SURPRISE_REMOVAL@bus', 'IRP_MN_SURPRISE_REMOVAL@bus']);
    expect(h.events.filter((e) => e.name === 'IRP_MN_SURPRISE_REMOVAL' && e.layer === 'bus').map((e) => e.device)).toEqual(['hub1', 'hub2']);
  });

  it('pulled and plugged in again, the hub reports the device, which starts', () => {
    const h = failedWithPdo().unplug('hub2').plug('hub2', 'usb-root-hub:3');
    expect([h.state('hub2'), h.state('hub1'), h.state('hub3')]).toEqual(['Started', 'Started', 'Started']);
  });
});

describe('a device whose hub was pulled before its hub reported it leaves no removal waiting for its handles', () => {
  // cam is plugged into hub1 and hub1 is pulled at the same instant: cam never got a PDO, but the surprise removal of
  // hub1's subtree deferred an IRP_MN_REMOVE_DEVICE for it until its application handles closed. hub1, plugged in again,
  // started cam; closing the handles then ran the stale removal on the started camera (its drivers removed, its devnode
  // gone with no surprise removal), or, with a start that failed, stopped the run with an internal error
  // (EnumeratedAndDriversInitialized → PhysicallyPresent).
  const pulledBeforeReport = (cam: Record<string, unknown> = {}) =>
    lab({ id: 'hub1', model: 'usb-hub' }, { id: 'cam', model: 'usb-webcam', openHandles: 2, ...cam })
      .plug('hub1', 'usb-root-hub:1')
      .start({ action: 'plug', device: 'cam', port: 'hub1:4' })
      .after(0, { action: 'unplug', device: 'hub1' })
      .settle()
      .plug('hub1', 'usb-root-hub:2');

  it('the camera started on the hub plugged in again stays started when the handles close', () => {
    const h = pulledBeforeReport();
    expect(h.state('cam')).toBe('Started');
    h.closeHandles('cam');
    expect(h.last.filter((e) => e.device === 'cam' && e.kind !== 'user')).toEqual([]);
    expect(h.state('cam')).toBe('Started');
  });

  it('a camera whose start failed keeps its PDO (CM_PROB_FAILED_START) when the handles close', () => {
    const h = pulledBeforeReport({ framework: 'umdf1', filters: { lower: 1, upper: 0 }, layers: { 'lower-filter': { callbacks: { 'IPnpCallback::OnD0Entry': 'fail' } } } });
    expect(h.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
    h.closeHandles('cam');
    expect(h.state('cam')).toBe('EnumeratedAndDriversInitialized/CM_PROB_FAILED_START');
  });
});
