/**
 * A child's power dependency on its parent (a device on a hub). DDI wdfpdo/nf-wdfpdo-wdfpdoinitremovepowerdependencyonparent.md
 * (Remarks): "the framework requires that a parent bus driver enter the D0 device power state before a child device enters D0,
 * and similarly that a child device exit D0 before the parent leaves D0." KMDF source (src/framework/shared/irphandlers/pnp/):
 * powerstatemachine.cpp PowerStartingChild and PowerCheckParentState(ArmedForWake) call pdopower.cpp
 * FxPkgPdo::PowerCheckParentOverload, which power-references the parent (fxpkgpnp.hpp PowerPolicyCanChildPowerUp: "if the
 * parent is in Dx, we force it back into D0 so that this child can be in D0") and waits for it; FxPkgPdo::PowerParentPowerDereference
 * releases it once the child left D0 ("This allows the parent to enter into an idle capable state").
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../testing/harness';

const hubWithDisk = () => lab({ id: 'hub', model: 'usb-hub' }, { id: 'disk', model: 'usb-disk' }).plug('hub').plug('disk', 'hub:1');
const line = (e: { name: string; device?: string; layer?: string }) => `${e.device}:${e.layer ?? ''}:${e.name}`;

describe('a hub leaves D0 only after the devices on it have', () => {
  it('idle on a hub with a started device in D0 is refused, naming the device', () => {
    expect(() => hubWithDisk().idle('hub')).toThrow('action.device: "hub" has "disk" in D0 on its ports, and a parent leaves D0 only after every child has (the framework\'s power dependency of a child on its parent); expected idle "disk" first');
  });

  it('once the disk has idled the hub may idle; a disabled device (its PDO in D3Final) does not hold it', () => {
    expect(hubWithDisk().idle('disk').idle('hub').select({ kind: 'callback', device: 'hub', layer: 'function' }).at(-1)!.name).toBe('EvtDeviceD0Exit');
    expect(hubWithDisk().disable('disk').idle('hub').select({ kind: 'callback', device: 'hub', layer: 'function' }).at(-1)!.name).toBe('EvtDeviceD0Exit');
  });
});

describe('a device enters D0 only after its hub has', () => {
  it('the disk signals wake under an idle hub: the hub\'s wait-wake completes and the hub returns to D0 before the disk\'s does', () => {
    const h = hubWithDisk().idle('disk').idle('hub').wake('disk');
    const seq = h.last.filter((e) => e.kind !== 'user' && (e.kind === 'call' || e.kind === 'irp' || e.name === 'EvtDeviceD0Entry')).map(line);
    expect(seq).toEqual([
      'hub:bus:WdfDeviceIndicateWakeStatus', 'hub:bus:IRP_MN_SET_POWER', 'hub:bus:EvtDeviceD0Entry', 'hub:function:IRP_MN_SET_POWER', 'hub:function:EvtDeviceD0Entry',
      'disk:bus:WdfDeviceIndicateWakeStatus', 'disk:bus:IRP_MN_SET_POWER', 'disk:bus:EvtDeviceD0Entry', 'disk:function:IRP_MN_SET_POWER', 'disk:function:EvtDeviceD0Entry',
    ]);
    expect(h.last.find((e) => e.name === 'EvtDeviceWakeFromS0Triggered' && e.device === 'hub')).toBeDefined();
  });

  it('Safely Remove of the idle disk under the idle hub: the disk\'s PDO, as its D0 IRP reaches it, powers the hub up first (the hub cancels its wait-wake IRP, as for I/O)', () => {
    const h = hubWithDisk().idle('disk').idle('hub').safeRemove('disk');
    const d0 = h.last.findIndex((e) => e.kind === 'irp' && e.name === 'IRP_MN_SET_POWER' && e.device === 'disk' && e.layer === 'bus');
    const after = h.last.slice(d0, d0 + 4).map(line);
    expect(after).toEqual(['disk:bus:IRP_MN_SET_POWER', 'hub:function:IoCancelIrp', 'hub:bus:IRP_MN_SET_POWER', 'hub:bus:EvtDeviceDisableWakeAtBus']);
    const hubUp = h.last.findIndex((e) => e.name === 'EvtDeviceSelfManagedIoRestart' && e.device === 'hub');
    const diskPdoUp = h.last.findIndex((e) => e.name === 'EvtDeviceD0Entry' && e.device === 'disk' && e.layer === 'bus');
    expect(diskPdoUp).toBeGreaterThan(hubUp);
    expect(h.select({ kind: 'irp', device: 'hub' }).map((e) => e.at)).toEqual(['power.parentPowerUp/SetPowerD0', 'power.parentPowerUp/SetPowerD0']);
    expect(h.state('disk')).toBe('EnumeratedAndDriversInitialized/CM_PROB_HELD_FOR_EJECT');
  });

  it('a device plugged into an idle hub: its PDO starts (PrepareHardware), then the hub returns to D0, then the PDO\'s D0Entry', () => {
    const h = lab({ id: 'hub', model: 'usb-hub' }, { id: 'cam', model: 'usb-webcam' }).plug('hub').idle('hub').plug('cam', 'hub:2');
    const seq = h.last.filter((e) => (e.device === 'cam' && e.layer === 'bus' && e.kind === 'callback') || (e.device === 'hub' && e.kind === 'irp' && e.name === 'IRP_MN_SET_POWER')).map(line);
    expect(seq.slice(seq.indexOf('cam:bus:EvtDevicePrepareHardware'), seq.indexOf('cam:bus:EvtDevicePrepareHardware') + 4)).toEqual([
      'cam:bus:EvtDevicePrepareHardware', 'hub:bus:IRP_MN_SET_POWER', 'hub:function:IRP_MN_SET_POWER', 'cam:bus:EvtDeviceD0Entry',
    ]);
    expect(h.state('cam')).toBe('Started');
  });
});
